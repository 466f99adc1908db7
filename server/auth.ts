import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import bcrypt from "bcryptjs";
import { getDb } from "@/db/client";
import { findUserForLogin } from "@/db/queries/users";
import { loginLockedUntil, recordLoginAttempt } from "@/db/queries/login-attempts";
import { loginSchema } from "@/lib/validation/auth";
import { authConfig } from "@/lib/auth.config";

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class AccountDisabled extends CredentialsSignin {
  override code = "disabled";
}
class TooManyAttempts extends CredentialsSignin {
  override code = "throttled";
}

// Compared against when the email is unknown, so response time does not reveal which emails exist.
const DUMMY_HASH = "$2b$10$6UverRTcuQq2khIeXQrFnuRSQKWfOlGFzudVCxUIAN2VoQVmPkcky";

function clientIp(request: Request | undefined): string | null {
  const forwarded = request?.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || null;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = loginSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const db = await getDb();
        if (await loginLockedUntil(db, email)) throw new TooManyAttempts();

        const user = await findUserForLogin(db, email);
        const passwordOk = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
        const ip = clientIp(request);
        if (!user || !passwordOk) {
          await recordLoginAttempt(db, { email, ip, succeeded: false });
          throw new InvalidCredentials();
        }
        if (user.disabled) throw new AccountDisabled();
        await recordLoginAttempt(db, { email, ip, succeeded: true });
        return { id: String(user.id), name: user.name, email: user.email };
      },
    }),
  ],
});
