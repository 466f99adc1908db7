import "server-only";
import type { Database } from "@/db/client";
import { createAuthToken } from "@/db/queries/auth-tokens";
import { takeRateHit, type RateRule } from "@/db/queries/rate-hits";
import { findUserForReset } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { DEFAULT_LOCALE, isLocale } from "@/lib/i18n/config";
import { passwordResetMail } from "@/lib/mail/templates/account";
import type { ForgotPasswordInput, SetPasswordInput } from "@/lib/validation/auth";
import { queueMail } from "@/server/mail/queue";
import { setPasswordFromLink } from "./passwords";

export const RESET_TTL_MINUTES = 30;
const HOUR_MS = 60 * 60 * 1000;

/** Per network and per address; a refused request is not counted (rate_hits). */
export const RESET_LIMITS = {
  ip: { bucket: "reset.ip", max: 10, windowMs: HOUR_MS },
  address: { bucket: "reset.address", max: 3, windowMs: HOUR_MS },
} as const satisfies Record<string, RateRule>;

/**
 * "Forgot your password?". Throttled per IP, then per address (counted whether or not an account
 * has it); otherwise the same answer for every address. Only an existing, enabled account gets a
 * mail: in one transaction its earlier reset links stop working, a new one (30 minutes) is stored
 * hashed, and the mail is queued in the user's language.
 */
export async function requestPasswordReset(db: Database, input: ForgotPasswordInput & { ip: string | null }, now = new Date()): Promise<void> {
  // Requests whose address no proxy named share one bucket: stricter, never looser.
  if (!(await takeRateHit(db, RESET_LIMITS.ip, input.ip ?? "unknown", now))) throw new AppError("throttled", "forgot.throttled");
  if (!(await takeRateHit(db, RESET_LIMITS.address, input.email.toLowerCase(), now))) throw new AppError("throttled", "forgot.throttled");
  await db.transaction(async (tx) => {
    const user = await findUserForReset(tx, input.email);
    if (!user || user.disabled) return;
    const { token } = await createAuthToken(tx, { userId: user.id, purpose: "password_reset", ttlMs: RESET_TTL_MINUTES * 60 * 1000 }, now);
    await queueMail(tx, [
      {
        kind: "password.reset",
        to: { address: user.email, name: user.name, userId: user.id },
        locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
        content: (ctx) => passwordResetMail(ctx, { name: user.name, token, minutes: RESET_TTL_MINUTES }),
      },
    ]);
  });
}

/** /login/reset: the new password, the link used, every session of the user ended. */
export function resetPassword(db: Database, input: Pick<SetPasswordInput, "token" | "password">, now = new Date()) {
  return setPasswordFromLink(db, "password_reset", input, now);
}
