import { z } from "zod";

const date = z.iso.date().optional().catch(undefined);

/** Filters of the audit log page, from the query string: bad values are dropped, not errors. */
export const auditFiltersSchema = z.object({
  entity: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  action: z.string().regex(/^[a-z_.]{1,60}$/).optional().catch(undefined),
  actor: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  from: date,
  to: date,
});
