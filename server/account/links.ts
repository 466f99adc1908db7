import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { findUsableAuthToken } from "@/db/queries/auth-tokens";
import type { AuthTokenPurpose } from "@/lib/domain";

/**
 * For the pages a mailed link opens (/login/reset, /invite): whom the link works for now, or null
 * (used, expired, replaced, unknown, of the other purpose, or the account is disabled). Reads only:
 * the link is used when the form is sent.
 */
export const loadAccountLink = cache(async (token: string | undefined, purpose: AuthTokenPurpose) => {
  if (!token || token.length > 200) return null;
  return findUsableAuthToken(await getDb(), token, purpose);
});
