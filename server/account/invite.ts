import "server-only";
import type { Database } from "@/db/client";
import { createAuthToken } from "@/db/queries/auth-tokens";
import { writeAudit } from "@/db/queries/audit";
import { createUser, findUserForInvitation, type PublicUser } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { invitationMail } from "@/lib/mail/templates/account";
import type { SetPasswordInput } from "@/lib/validation/auth";
import type { CreateUserInput } from "@/lib/validation/users";
import { queueMail } from "@/server/mail/queue";
import { setPasswordFromLink } from "./passwords";

export const INVITATION_TTL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

type Inviter = Pick<PublicUser, "id" | "name">;

/** A new invitation link for the user (older ones stop working) and its mail, in `tx`. */
async function queueInvitation(tx: Database, userId: number, inviter: Inviter, now: Date): Promise<{ expiresAt: Date }> {
  const user = await findUserForInvitation(tx, userId);
  if (!user) throw new AppError("not_found");
  const { token, expiresAt } = await createAuthToken(tx, { userId: user.id, purpose: "invitation", ttlMs: INVITATION_TTL_DAYS * DAY_MS }, now);
  const city = user.cityNameEn !== null && user.cityNameBn !== null && user.cityNameNe !== null ? { en: user.cityNameEn, bn: user.cityNameBn, ne: user.cityNameNe } : null;
  await queueMail(tx, [
    {
      kind: "user.invite",
      to: { address: user.email, name: user.name, userId: user.id },
      locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
      content: (ctx) => invitationMail(ctx, { name: user.name, email: user.email, inviter: inviter.name, role: user.role, city, token, days: INVITATION_TTL_DAYS }),
    },
  ]);
  return { expiresAt };
}

/**
 * An administrator creates a user: no password is typed for them. The user (with a random hash
 * nobody knows), its audit row, an invitation link valid 7 days and the mail in the language the
 * admin chose all commit together, or none of them does.
 */
export async function inviteUser(db: Database, input: CreateUserInput, inviter: Inviter, now = new Date()): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const user = await createUser(tx, input, inviter.id);
    await queueInvitation(tx, user.id, inviter, now);
    return user;
  });
}

/** "Resend invitation": only while it is not accepted, and not to a disabled account. */
export async function resendInvitation(db: Database, userId: number, inviter: Inviter, now = new Date()): Promise<{ expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const user = await findUserForInvitation(tx, userId);
    if (!user) throw new AppError("not_found");
    if (user.disabled) throw new AppError("invalid", "users.inviteDisabled");
    if (user.invitationUntil === null) throw new AppError("conflict", "users.inviteNotPending");
    const sent = await queueInvitation(tx, user.id, inviter, now);
    await writeAudit(tx, { actorId: inviter.id, action: "user.invitation_resent", entity: "user", entityId: user.id, after: { email: user.email, expiresAt: sent.expiresAt } });
    return sent;
  });
}

/** /invite: the invited user sets their password; the link is used up. */
export function acceptInvitation(db: Database, input: Pick<SetPasswordInput, "token" | "password">, now = new Date()) {
  return setPasswordFromLink(db, "invitation", input, now);
}
