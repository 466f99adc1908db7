import { z } from "zod";

export const TOKEN_NAME_MAX = 80;
/** Active tokens one person may hold: enough for every integration, few enough to review. */
export const ACTIVE_TOKENS_MAX = 20;

export const createTokenSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(TOKEN_NAME_MAX, { error: "validation.tooLong" }),
});

export const revokeTokenSchema = z.object({
  tokenId: z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" }),
});
