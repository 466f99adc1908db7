import { z } from "zod";
import { countryEnum, programmeRoleEnum } from "@/db/schema";

/** Query-string filters of the cities list. Unknown values are dropped, not errors: they come from URLs. */
export const cityFiltersSchema = z.object({
  country: z.enum(countryEnum.enumValues).optional().catch(undefined),
  role: z.enum(programmeRoleEnum.enumValues).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined).transform((q) => q || undefined),
});
