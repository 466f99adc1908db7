import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/domain";

export const TOKEN_NAME_MAX = 80;
/** Active tokens one person may hold: enough for every integration, few enough to review. */
export const ACTIVE_TOKENS_MAX = 20;

/** Lifetimes offered when a token is made, in days; "never" for a token that does not expire. */
export const TOKEN_EXPIRY_CHOICES = ["30", "90", "365", "never"] as const;
export type TokenExpiryChoice = (typeof TOKEN_EXPIRY_CHOICES)[number];
export const DEFAULT_TOKEN_EXPIRY: TokenExpiryChoice = "90";

export const createTokenSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(TOKEN_NAME_MAX, { error: "validation.tooLong" }),
  // Read-only unless the person asks for more: most integrations only pull data.
  scope: z.enum(TOKEN_SCOPES, { error: "validation.invalid" }).default("read"),
  expiresIn: z
    .enum(TOKEN_EXPIRY_CHOICES, { error: "validation.invalid" })
    .default(DEFAULT_TOKEN_EXPIRY)
    .transform((choice) => (choice === "never" ? null : Number(choice))),
});

export const revokeTokenSchema = z.object({
  tokenId: z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" }),
});
