"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePermission } from "@/lib/authz";
import { can } from "@/lib/permissions";
import { echoValues, runAction, type ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { cityAdminSchema, cityProfileSchema } from "@/lib/validation/cities";
import { getDb } from "@/db/client";
import { createCity, getCityBySlug, updateCityAdmin, updateCityProfile } from "@/db/queries/cities";

const FIELDS = ["slug", "nameEn", "nameBn", "nameNe", "country", "region", "kind", "population", "latitude", "longitude", "programmeRole", "mentorSlug", "joinedOn"] as const;

/**
 * Saves a city's profile. The city comes from the slug in the URL the form was rendered for; the
 * permission is checked for that city. Officers change profile fields only, admins everything.
 */
export async function saveCityAction(citySlug: string, _previous: ActionResult<{ slug: string }> | null, formData: FormData): Promise<ActionResult<{ slug: string }>> {
  const result = await runAction(async () => {
    const db = await getDb();
    const city = await getCityBySlug(db, citySlug);
    if (!city) throw new AppError("not_found");
    const actor = await requirePermission("cities.edit", { cityId: city.id });
    const raw = Object.fromEntries(formData);
    const saved = can(actor.role, "cities.pairs")
      ? await updateCityAdmin(db, city.id, cityAdminSchema.parse(raw), actor.id)
      : await updateCityProfile(db, city.id, cityProfileSchema.parse(raw), actor.id);
    return { slug: saved.slug };
  }, echoValues(formData, FIELDS));
  if (result.ok) {
    revalidatePath("/cities", "layout");
    redirect(`/cities/${result.data.slug}`);
  }
  return result;
}

export async function createCityAction(_previous: ActionResult<{ slug: string }> | null, formData: FormData): Promise<ActionResult<{ slug: string }>> {
  const result = await runAction(async () => {
    const actor = await requirePermission("cities.create");
    const city = await createCity(await getDb(), cityAdminSchema.parse(Object.fromEntries(formData)), actor.id);
    return { slug: city.slug };
  }, echoValues(formData, FIELDS));
  if (result.ok) {
    revalidatePath("/cities", "layout");
    redirect(`/cities/${result.data.slug}`);
  }
  return result;
}
