import { z } from "zod";
import { DELIVERIES, NOTICE_KINDS, OUTBOX_STATUSES } from "@/lib/domain";

/** The outbox page's filter, from the query string: an unknown status shows every message. */
export const outboxFiltersSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
});

export const outboxIdSchema = z.object({ id: z.coerce.number().int().positive("validation.invalid") });

export const notificationIdSchema = z.object({ id: z.coerce.number().int().positive("validation.invalid").optional() });

const delivery = z.enum(DELIVERIES, { message: "validation.invalid" });

/** The profile's mail choices: a delivery for any of the kinds (the form sends those of the reader's role). */
export const deliveryChoicesSchema = z.partialRecord(z.enum(NOTICE_KINDS), delivery);
