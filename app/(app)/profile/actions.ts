"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/server/authz";
import { AppError } from "@/lib/errors";
import { echoValues, runAction, type ActionResult } from "@/lib/action-result";
import { ACTIVE_TOKENS_MAX, createTokenSchema, revokeTokenSchema } from "@/lib/validation/tokens";
import { getDb } from "@/db/client";
import { createApiToken, listApiTokens, revokeApiToken } from "@/db/queries/api-tokens";

/** Creates a personal API token for the signed-in user. The plain token is returned this once. */
export async function createTokenAction(_previous: ActionResult<{ name: string; token: string }> | null, formData: FormData): Promise<ActionResult<{ name: string; token: string }>> {
  const result = await runAction(async () => {
    const { name } = createTokenSchema.parse({ name: formData.get("name") });
    const user = await requirePermission("tokens.manage");
    const db = await getDb();
    const active = (await listApiTokens(db, user.id)).filter((token) => token.revokedAt === null);
    if (active.length >= ACTIVE_TOKENS_MAX) throw new AppError("invalid", "tokens.tooMany");
    const { token } = await createApiToken(db, { userId: user.id, name });
    return { name, token };
  }, echoValues(formData, ["name"]));
  if (result.ok) revalidatePath("/profile");
  return result;
}

/** Revokes one of the signed-in user's own tokens; anyone else's is "not found". */
export async function revokeTokenAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const { tokenId } = revokeTokenSchema.parse({ tokenId: formData.get("tokenId") });
    const user = await requirePermission("tokens.manage");
    await revokeApiToken(await getDb(), { userId: user.id, tokenId });
    return undefined;
  });
  if (result.ok) revalidatePath("/profile");
  return result;
}
