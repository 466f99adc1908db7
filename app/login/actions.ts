"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/server/auth";
import { echoValues, fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { loginSchema } from "@/lib/validation/auth";
import { safeCallbackPath } from "@/lib/safe-redirect";
import type { MessageKey } from "@/lib/i18n/messages";
import type { SignInFailure } from "@/server/sign-in";

const SIGN_IN_ERRORS: Record<SignInFailure, MessageKey> = {
  "throttled.address": "login.throttled",
  "throttled.account": "login.throttledAccount",
  "throttled.network": "login.throttledNetwork",
  disabled: "login.disabled",
  invalid: "login.invalid",
};

const isSignInFailure = (code: string): code is SignInFailure => Object.hasOwn(SIGN_IN_ERRORS, code);

/**
 * Written by hand, not with the action builder (server/action.ts): the builder starts by
 * requiring a signed-in actor and a permission, and a person signing in has neither yet. It
 * keeps the builder's rules otherwise: parse first, never echo the password, rethrow the
 * redirect signIn succeeds by, and never show a raw error.
 */
export async function login(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = loginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const values = echoValues(formData, ["email"]);
  if (!parsed.success) return { ok: false, error: "validation.checkFields", fieldErrors: fieldErrorsOf(parsed.error), values };
  try {
    // Succeeds by throwing a redirect, which must propagate.
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackPath(formData.get("callbackUrl")) });
    return { ok: true, data: undefined };
  } catch (error) {
    if (error instanceof CredentialsSignin) return { ok: false, error: isSignInFailure(error.code) ? SIGN_IN_ERRORS[error.code] : "login.invalid", values };
    if (error instanceof AuthError) {
      console.error("[login] sign-in failed", error.type);
      return { ok: false, error: "errors.unexpected", values };
    }
    throw error;
  }
}
