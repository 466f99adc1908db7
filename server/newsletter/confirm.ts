import "server-only";
import { getDb, type Database } from "@/db/client";
import { getSubscription, markConfirmed } from "@/db/queries/newsletter";
import { signLink, verifyLink } from "@/server/mail/links";
import { CONFIRM_TTL_MS, confirmNonceIssuedAt } from "./subscribe";

export type ConfirmOutcome =
  | { outcome: "confirmed" | "already"; manageToken: string }
  /** Expired, replaced by a newer link, or the subscription was deleted (or left) meanwhile. */
  | { outcome: "expired" }
  /** Not a link we signed for confirming (malformed, tampered with, or made for another purpose). */
  | { outcome: "invalid" };

/**
 * /newsletter/confirm: the second step of the double opt-in. Only the newest confirmation link of
 * a subscription works, within CONFIRM_DAYS; using it again (a replay) answers "already
 * confirmed" and changes nothing.
 */
export async function confirmSubscription(db: Database, token: string | undefined, now = new Date()): Promise<ConfirmOutcome> {
  const link = verifyLink("confirm", token);
  if (!link) return { outcome: "invalid" };
  return db.transaction(async (tx): Promise<ConfirmOutcome> => {
    const row = await getSubscription(tx, link.subscriptionId, { lock: true });
    if (!row) return { outcome: "expired" };
    const manageToken = signLink("manage", row.id, row.manageNonce);
    if (row.status === "confirmed") return { outcome: "already", manageToken };
    const issuedAt = confirmNonceIssuedAt(link.nonce);
    if (row.confirmNonce !== link.nonce || !issuedAt || now.getTime() - issuedAt.getTime() > CONFIRM_TTL_MS) return { outcome: "expired" };
    return (await markConfirmed(tx, row.id, link.nonce, now)) ? { outcome: "confirmed", manageToken } : { outcome: "expired" };
  });
}

/** For the confirm page, which opens no database itself. */
export async function confirmFromLink(token: string | undefined): Promise<ConfirmOutcome> {
  return confirmSubscription(await getDb(), token);
}
