"use server";

import { z } from "zod";
import type { Database } from "@/db/client";
import { getCityBySlug } from "@/db/queries/cities";
import { problemCity } from "@/db/queries/problems";
import { AppError } from "@/lib/errors";
import { problemPath } from "@/lib/problems/paths";
import { editProblemSchema, moveProblemSchema, newProblemSchema } from "@/lib/validation/problems";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { moveProblem } from "@/server/problems/workflow";
import { editProblem, logProblem } from "@/server/problems/write";

const logSchema = z.intersection(newProblemSchema, z.object({ city: z.string().trim().max(60) }));

/** The city a problem belongs to, by its id: a form edited to name another city's problem is refused. */
async function problemScope({ db, input }: { db: Database; input: { id: number } }) {
  const found = await problemCity(db, input.id);
  if (!found) throw new AppError("not_found");
  return { cityId: found.cityId, slug: found.slug };
}

const PROBLEM_ECHO = ["title", "description", "component", "place", "latitude", "longitude", "severity", "source", "committee", "event"] as const;

export const logProblemAction = action({
  permission: "problems.write",
  schema: logSchema,
  scope: async ({ db, input }) => {
    const city = await getCityBySlug(db, input.city);
    if (!city) throw new AppError("not_found");
    return { cityId: city.id, slug: city.slug };
  },
  run: ({ db, actor, input, scope }) => logProblem(db, actor, scope.cityId, input),
  invalidate: (_data, { scope }) => invalidate.problems(scope.slug),
  redirectTo: (data, { scope }) => problemPath(scope.slug, data.id),
  echo: PROBLEM_ECHO,
});

export const editProblemAction = action({
  permission: "problems.write",
  schema: editProblemSchema,
  scope: problemScope,
  run: ({ db, actor, input }) => editProblem(db, actor, input),
  invalidate: (_data, { scope }) => invalidate.problems(scope.slug),
  echo: PROBLEM_ECHO,
});

/** A step of the workflow with its note; the workflow checks who may make it. */
export const moveProblemAction = action({
  permission: "problems.read",
  schema: moveProblemSchema,
  scope: problemScope,
  run: async ({ db, actor, input }) => {
    await moveProblem(db, actor, input);
    return { status: input.to };
  },
  invalidate: (_data, { scope }) => invalidate.problems(scope.slug),
  echo: ["note"],
});
