import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { listCities } from "@/db/queries/cities";

/** The mentor cities listed on the landing page (there are eight; the cap keeps a mistake cheap). */
export const loadMentorCities = cache(async () => (await listCities(await getDb(), { role: "mentor" }, { limit: 50, offset: 0 })).rows);
