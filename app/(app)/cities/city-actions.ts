"use server";

import { z } from "zod";
import { actionWith, action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { can } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import { cityAdminSchema, cityProfileSchema } from "@/lib/validation/cities";
import { createCity, getCityBySlug, updateCityAdmin, updateCityProfile } from "@/db/queries/cities";

const FIELDS = ["slug", "nameEn", "nameBn", "nameNe", "country", "region", "kind", "population", "latitude", "longitude", "programmeRole", "mentorSlug", "joinedOn"] as const;

// The form is parsed by the schema that fits the actor's role, once the city is known.
const savedCitySchema = z.object({ citySlug: z.string().min(1).max(100) }).loose();

/**
 * Saves a city's profile. The city comes from the slug in the URL the form was rendered for; the
 * permission is checked for that city. Officers change profile fields only, admins everything.
 */
export const saveCityAction = actionWith({
  permission: "cities.edit",
  schema: savedCitySchema,
  read: (formData, citySlug: string) => ({ ...Object.fromEntries(formData), citySlug }),
  scope: async ({ db, input }) => {
    const city = await getCityBySlug(db, input.citySlug);
    if (!city) throw new AppError("not_found");
    return { cityId: city.id, city };
  },
  run: async ({ db, actor, formData, scope }) => {
    const raw = Object.fromEntries(formData);
    const saved = can(actor.role, "cities.pairs")
      ? await updateCityAdmin(db, scope.city.id, cityAdminSchema.parse(raw), actor.id)
      : await updateCityProfile(db, scope.city.id, cityProfileSchema.parse(raw), actor.id);
    return { slug: saved.slug };
  },
  invalidate: () => invalidate.cities(),
  redirectTo: ({ slug }) => `/cities/${slug}`,
  echo: FIELDS,
});

export const createCityAction = action({
  permission: "cities.create",
  schema: cityAdminSchema,
  run: async ({ db, actor, input }) => ({ slug: (await createCity(db, input, actor.id)).slug }),
  invalidate: () => invalidate.cities(),
  redirectTo: ({ slug }) => `/cities/${slug}`,
  echo: FIELDS,
});
