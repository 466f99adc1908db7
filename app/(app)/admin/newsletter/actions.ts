"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/server/action";
import { currentTimeZone } from "@/server/i18n";
import { invalidate } from "@/server/invalidate";
import { createDigest, saveDigest, sendDigest } from "@/server/newsletter/digest";
import { digestContentSchema, digestIdSchema, digestPeriodSchema } from "@/lib/validation/newsletter";

const refresh = () => revalidatePath("/admin/newsletter", "layout");

/** "New digest": drafted from the period's data, then opened in the editor. */
export const createDigestAction = action({
  permission: "newsletter.manage",
  schema: digestPeriodSchema,
  echo: ["from", "to"],
  run: async ({ db, input, actor }) => createDigest(db, { ...input, actorId: actor.id, timeZone: await currentTimeZone() }),
  invalidate: refresh,
  redirectTo: (id) => `/admin/newsletter/${id}?created=1`,
});

/** The editor's save; the previews below it show the saved text. */
export const saveDigestAction = action({
  permission: "newsletter.manage",
  schema: digestContentSchema,
  run: async ({ db, input }) => {
    await saveDigest(db, input);
    return input.id;
  },
  invalidate: refresh,
  redirectTo: (id) => `/admin/newsletter/${id}?saved=1`,
});

/** Queues the digest for every confirmed subscriber (once: a sent digest cannot be sent again). */
export const sendDigestAction = action({
  permission: "newsletter.manage",
  schema: digestIdSchema,
  run: async ({ db, input, actor }) => {
    await sendDigest(db, { id: input.id, actorId: actor.id });
    return input.id;
  },
  invalidate: () => {
    refresh();
    invalidate.outbox();
  },
  redirectTo: (id) => `/admin/newsletter/${id}?sent=1`,
});
