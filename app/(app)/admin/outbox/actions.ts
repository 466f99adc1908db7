"use server";

import { action } from "@/server/action";
import { retryFailedMessage } from "@/db/queries/outbox";
import { AppError } from "@/lib/errors";
import { outboxIdSchema } from "@/lib/validation/mail";
import { invalidate } from "@/server/invalidate";

/** Offers a failed message to the worker again, with a fresh set of attempts. */
export const retryMessage = action({
  permission: "mail.outbox",
  schema: outboxIdSchema,
  run: async ({ db, input }) => {
    if (!(await retryFailedMessage(db, input.id))) throw new AppError("conflict", "outbox.notFailed");
    return input.id;
  },
  invalidate: () => invalidate.outbox(),
});
