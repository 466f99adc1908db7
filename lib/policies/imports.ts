import { can, type Actor } from "@/lib/permissions";
import { canWriteValuesFor } from "@/lib/policies/values";

/**
 * Whose CSV imports `actor` may list on the import page: reviewers and admins every city's
 * (`cityId` undefined), an officer their own city's. Null: none (partners, trainers).
 */
export function importHistoryScope(actor: Actor): { cityId: number | undefined } | null {
  if (can(actor.role, "values.review")) return { cityId: undefined };
  if (actor.cityId !== null && canWriteValuesFor(actor, actor.cityId)) return { cityId: actor.cityId };
  return null;
}
