"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { signOut } from "@/server/auth";
import { AppError } from "@/lib/errors";
import { ACTIVE_TOKENS_MAX, createTokenSchema, revokeTokenSchema } from "@/lib/validation/tokens";
import { countActiveApiTokens, createApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { signOutEverywhere } from "@/db/queries/user-sessions";
import { updateUserTimeZone } from "@/db/queries/users";
import { NOTICE_KINDS, TIME_ZONES } from "@/lib/domain";
import { saveDeliveryChoices } from "@/db/queries/notifications";
import { NOTICE_KINDS_BY_ROLE } from "@/lib/mail/kinds";
import { deliveryChoicesSchema } from "@/lib/validation/mail";

/** Creates a personal API token for the signed-in user. The plain token is returned this once. */
export const createTokenAction = action({
  permission: "tokens.manage",
  schema: createTokenSchema,
  run: async ({ db, actor, input }) => {
    if ((await countActiveApiTokens(db, actor.id)) >= ACTIVE_TOKENS_MAX) throw new AppError("invalid", "tokens.tooMany");
    const { token } = await createApiToken(db, { userId: actor.id, name: input.name, scope: input.scope, expiresInDays: input.expiresIn });
    return { name: input.name, token };
  },
  invalidate: () => invalidate.profile(),
  echo: ["name", "scope", "expiresIn"],
});

/** Revokes one of the signed-in user's own tokens; anyone else's is "not found" and stays as it was. */
export const revokeTokenAction = action({
  permission: "tokens.manage",
  schema: revokeTokenSchema,
  run: async ({ db, actor, input }) => {
    await revokeApiToken(db, { userId: actor.id, tokenId: input.tokenId });
  },
  invalidate: () => invalidate.profile(),
});

/**
 * Ends every session of the signed-in user, this browser's included (audited), then clears this
 * browser's cookie and sends it to sign in. Other browsers are refused on their next request.
 */
export const signOutEverywhereAction = action({
  permission: "app.view",
  schema: z.object({}),
  run: async ({ db, actor }) => {
    await signOutEverywhere(db, actor.id, actor.id);
    await signOut({ redirectTo: "/login" });
  },
});

/** The zone the user sees times in; "auto" goes back to their city's country's (lib/time.ts). */
export const setTimeZoneAction = action({
  permission: "app.view",
  schema: z.object({ timeZone: z.union([z.literal("auto"), z.enum(TIME_ZONES)], { error: "validation.events.timeZone" }) }),
  run: async ({ db, actor, input }) => {
    await updateUserTimeZone(db, actor.id, input.timeZone === "auto" ? null : input.timeZone);
  },
  // Every page shows times: the layout's cached render must not keep the old zone.
  invalidate: () => invalidate.everything(),
  echo: ["timeZone"],
});

/** Saves how the signed-in user hears of each kind of notice their role can receive. */
export const saveDeliveryAction = action({
  permission: "notifications.read",
  schema: deliveryChoicesSchema,
  // Only the kinds' fields: the form also carries Next's own hidden fields.
  read: (formData) => Object.fromEntries(NOTICE_KINDS.flatMap((kind) => (formData.has(kind) ? [[kind, formData.get(kind)]] : []))),
  run: async ({ db, actor, input }) => {
    const allowed = new Set<string>(NOTICE_KINDS_BY_ROLE[actor.role]);
    await saveDeliveryChoices(db, actor.id, Object.fromEntries(Object.entries(input).filter(([kind]) => allowed.has(kind))));
  },
  invalidate: () => invalidate.profile(),
});
