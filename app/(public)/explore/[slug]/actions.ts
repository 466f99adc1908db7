"use server";

import { publicProblemSchema } from "@/lib/validation/problems";
import { publicAction } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { reportProblemPublicly } from "@/server/problems/write";

/** A resident's report from the public city page: no account, throttled, a honeypot (server/problems/write.ts). */
export const reportProblemAction = publicAction({
  schema: publicProblemSchema,
  run: async ({ db, input, ip }) => {
    const outcome = await reportProblemPublicly(db, { ...input, ip });
    invalidate.problems(input.city);
    return outcome;
  },
  echo: ["title", "description", "place", "name", "phone"],
});
