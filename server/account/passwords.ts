import "server-only";
import type { Database } from "@/db/client";
import { consumeAuthToken, voidAuthTokens } from "@/db/queries/auth-tokens";
import { writeAudit } from "@/db/queries/audit";
import { clearLoginFailures } from "@/db/queries/login-attempts";
import { revokeUserSessions } from "@/db/queries/user-sessions";
import { hashPassword, setUserPasswordHash } from "@/db/queries/users";
import type { AuthTokenPurpose } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages";
import type { SetPasswordInput } from "@/lib/validation/auth";

const AUDIT_ACTION: Record<AuthTokenPurpose, string> = {
  password_reset: "user.password_reset",
  invitation: "user.invitation_accepted",
};

/** What a person reads when a link no longer works (used, expired, replaced, unknown, or for the other purpose). */
export const INVALID_LINK: Record<AuthTokenPurpose, MessageKey> = {
  password_reset: "reset.invalidLink",
  invitation: "invite.invalidLink",
};

/**
 * Sets a password from a mailed link, all in one transaction: the link is used (race-safely, see
 * consumeAuthToken), the hash replaced, every other unused link of the user voided, every session
 * of the user ended ("using the link signs out the user's other sessions"), the address's failed
 * sign-ins forgotten, and an audit row written. A link that does not work, or a disabled account,
 * changes nothing.
 */
export async function setPasswordFromLink(db: Database, purpose: AuthTokenPurpose, input: Pick<SetPasswordInput, "token" | "password">, now = new Date()): Promise<{ userId: number; email: string; sessionsEnded: number }> {
  // Hashed before the transaction: bcrypt's tenth of a second holds no lock.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const used = await consumeAuthToken(tx, input.token, purpose, now);
    if (!used) throw new AppError("invalid", INVALID_LINK[purpose]);
    const user = await setUserPasswordHash(tx, used.userId, passwordHash);
    // Disabled since the link was sent: the throw rolls the link's use back too.
    if (!user) throw new AppError("invalid", INVALID_LINK[purpose]);
    const linksVoided = await voidAuthTokens(tx, user.id, { now });
    const sessionsEnded = await revokeUserSessions(tx, user.id);
    await clearLoginFailures(tx, user.email);
    await writeAudit(tx, { actorId: user.id, action: AUDIT_ACTION[purpose], entity: "user", entityId: user.id, after: { sessionsEnded, linksVoided } });
    return { userId: user.id, email: user.email, sessionsEnded };
  });
}
