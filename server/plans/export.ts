import "server-only";
import { localizedName, type Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import type { PlanView } from "@/server/loaders/plans";
import { tablesXlsx } from "@/server/spreadsheets";

/** A plan as a workbook in the reader's language: its goals, measured, and its actions. */
export async function planXlsx(view: PlanView, t: Translate, locale: Locale): Promise<Buffer> {
  const goalCode = new Map(view.goals.map((g) => [g.goal.id, g.indicator.code]));
  return tablesXlsx([
    {
      name: t("plans.goals"),
      fallback: "Goals",
      header: [t("plans.goal.indicator"), t("problems.field.component"), t("plans.goal.baseline"), t("city.period"), t("plans.goal.latest"), t("city.period"), t("plans.goal.target"), t("plans.goal.targetPeriod"), t("plans.action.status")],
      rows: view.goals.map((g) => [
        `${g.indicator.code} ${localizedName(g.indicator, locale)}`,
        localizedName({ nameEn: g.component.nameEn, nameBn: g.component.nameBn, nameNe: g.component.nameNe }, locale),
        g.baseline?.value ?? null,
        g.baseline?.period ?? null,
        g.latest?.value ?? null,
        g.latest?.period ?? null,
        g.goal.targetValue,
        g.goal.targetPeriod,
        t(`plans.goalStatus.${g.progress.status}`),
      ]),
    },
    {
      name: t("plans.actions"),
      fallback: "Actions",
      header: [t("plans.action.goal"), t("plans.action.title"), t("plans.action.owner"), t("plans.action.startsOn"), t("plans.action.dueOn"), t("plans.action.status"), t("plans.action.statusReason"), t("plans.action.progress"), t("plans.overdue"), t("plans.action.budgetPlanned", { currency: view.currency }), t("plans.action.budgetSpent", { currency: view.currency }), t("plans.action.problems")],
      rows: view.actions.map((a) => [goalCode.get(a.goalId) ?? "", a.title, a.owner, a.startsOn, a.dueOn, t(`plans.actionStatus.${a.status}`), a.statusReason, a.progress, a.overdue ? t("common.yes") : t("common.no"), a.budgetPlanned, a.budgetSpent, a.problems.map((p) => p.title).join("; ")]),
    },
  ]);
}
