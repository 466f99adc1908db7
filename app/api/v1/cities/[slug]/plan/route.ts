import { z } from "zod";
import { apiRoute } from "@/server/route";
import { planView } from "@/server/loaders/plans";
import { planXlsx } from "@/server/plans/export";
import { isLocale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/messages";
import { AppError } from "@/lib/errors";
import { getCityBySlug } from "@/db/queries/cities";
import { plansOfCity } from "@/db/queries/plans";

export const dynamic = "force-dynamic";

const query = z.object({
  year: z.string().trim().regex(/^FY[0-9]{4}-[0-9]{2}$/, { error: "validation.plans.fiscalYear" }).optional(),
  format: z.enum(["json", "xlsx"], { error: "validation.invalid" }).default("json"),
});

/**
 * The city's action plan for a fiscal year (`?year=FY2026-27`; without it the active plan, or the
 * newest): its goals with baseline, latest validated value, target and on-track status, and its
 * actions. Every signed-in role may read plans (`plans.read`).
 */
export const GET = apiRoute({
  auth: "required",
  permission: "plans.read",
  params: z.object({ slug: z.string() }),
  query,
  run: async ({ db, actor, params: { slug }, query: { year, format } }) => {
    const city = await getCityBySlug(db, slug);
    if (!city) throw new AppError("not_found", "validation.api.cityUnknown");
    const plans = await plansOfCity(db, city.id);
    const chosen = year ? plans.find((p) => p.fiscalYear === year) : (plans.find((p) => p.status === "active") ?? plans[0]);
    const view = chosen ? await planView(db, chosen.id, actor) : null;
    if (!view) throw new AppError("not_found");
    if (format === "xlsx") {
      const locale = isLocale(actor.locale) ? actor.locale : "en";
      const body = await planXlsx(view, translator(locale), locale);
      return new Response(new Uint8Array(body), {
        headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="cwis-plan-${city.slug}-${view.plan.fiscalYear}.xlsx"`, "Cache-Control": "private, no-store" },
      });
    }
    return {
      city: { slug: city.slug, name: city.nameEn },
      plan: {
        id: view.plan.id,
        fiscalYear: view.plan.fiscalYear,
        title: view.plan.title,
        status: view.plan.status,
        validatedAt: view.plan.validatedAt?.toISOString() ?? null,
        currency: view.currency,
        goals: view.goals.map((g) => ({ id: g.goal.id, indicator: g.indicator.code, baseline: g.baseline, latest: g.latest, target: { value: g.goal.targetValue, period: g.goal.targetPeriod }, status: g.progress.status, progress: g.progress.progress, expectedProgress: g.progress.expectedProgress })),
        actions: view.actions.map((a) => ({ id: a.id, goal: a.goalId, title: a.title, owner: a.owner, ownerKind: a.ownerKind, startsOn: a.startsOn, dueOn: a.dueOn, status: a.status, statusReason: a.statusReason, progress: a.progress, overdue: a.overdue, budgetPlanned: a.budgetPlanned, budgetSpent: a.budgetSpent, problems: a.problems.map((p) => p.id) })),
      },
    };
  },
});
