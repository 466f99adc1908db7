import { z } from "zod";

const date = z.iso.date().optional().catch(undefined);

/** Filters of the audit log page, from the query string: bad values are dropped, not errors. */
export const auditFiltersSchema = z.object({
  entity: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
  action: z.string().regex(/^[A-Za-z_.]{1,60}$/).optional().catch(undefined),
  actor: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  // A city by its slug and an indicator by its code, so a filtered page's address reads.
  city: z.string().regex(/^[a-z0-9-]{1,60}$/).optional().catch(undefined),
  indicator: z.string().regex(/^[A-Za-z]{1,4}-[0-9]{1,3}$/).transform((v) => v.toUpperCase()).optional().catch(undefined),
  from: date,
  to: date,
});

export type AuditFilterParams = z.infer<typeof auditFiltersSchema>;
