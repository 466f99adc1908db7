import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ResponseStatusBadge } from "@/components/questionnaires/ResponseStatusBadge";
import { QuestionnaireTabs } from "./QuestionnaireTabs";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadAssignments } from "@/server/loaders/responses";
import { localizedName } from "@/lib/i18n/config";
import { cityToday, daysLeft, isOverdue } from "@/lib/questionnaires/rules";
import { localize } from "@/lib/questionnaires/view";
import { CITY_ROLES } from "@/lib/domain";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.questionnaires") };
}

const PAGE_SIZE = 20;

/**
 * /questionnaires: an officer's city's reporting — every round it was asked, with status,
 * deadline and days left, what is still owed first; reviewers see what waits for their review,
 * partners what was submitted and accepted.
 */
export default async function QuestionnairesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("app.view");
  const [{ locale, t, format }, params] = await Promise.all([getI18n(), searchParams]);
  const page = pageParams(params.page, PAGE_SIZE);
  const { rows, total } = await loadAssignments(actor, page);
  // Officers and approvers see their own city's reporting.
  const officer = CITY_ROLES.includes(actor.role);

  return (
    <>
      <PageHeader title={t("nav.questionnaires")} description={t(officer ? "questionnaires.officerIntro" : "questionnaires.reviewIntro")} />
      <QuestionnaireTabs current="answers" t={t} actor={actor} />
      {rows.length === 0 ? (
        <EmptyState title={t(officer ? "questionnaires.noAssignments" : "questionnaires.nothingToReview")} body={t(officer ? "questionnaires.noAssignmentsHint" : "questionnaires.nothingToReviewHint")} />
      ) : (
        <>
          <DataTable
            testId="assignments"
            stacked
            columns={[{ label: t("questionnaires.col.round") }, ...(officer ? [] : [{ label: t("questionnaires.col.city") }]), { label: t("questionnaires.col.status") }, { label: t("questionnaires.col.deadline") }]}
          >
            {rows.map((row) => {
              const today = cityToday(row.city.country);
              const left = daysLeft(row.round.dueOn, today);
              const overdue = row.round.status === "open" && isOverdue({ dueOn: row.round.dueOn, responseStatus: row.status, today });
              const owed = row.status !== "submitted" && row.status !== "accepted";
              return (
                <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="assignment-row" data-response-id={row.id} data-status={row.status}>
                  <td className="px-3 py-2">
                    <CellLabel>{t("questionnaires.col.round")}</CellLabel>
                    <Link href={`/questionnaires/responses/${row.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">{localize(row.round.title, locale)}</Link>
                    <span className="block text-xs text-slate-500">{row.round.period}{row.round.status === "closed" ? ` · ${t("questionnaires.roundClosed")}` : ""}</span>
                  </td>
                  {officer ? null : (
                    <td className="px-3 py-2"><CellLabel>{t("questionnaires.col.city")}</CellLabel>{localizedName(row.city, locale)}</td>
                  )}
                  <td className="px-3 py-2"><CellLabel>{t("questionnaires.col.status")}</CellLabel><ResponseStatusBadge status={row.status} t={t} /></td>
                  <td className="px-3 py-2">
                    <CellLabel>{t("questionnaires.col.deadline")}</CellLabel>
                    {format.date(row.round.dueOn)}
                    {owed && row.round.status === "open" ? (
                      <span className={`block text-xs ${overdue ? "font-semibold text-red-700" : "text-slate-600"}`} data-testid="days-left">
                        {overdue ? t("responses.overdue", { count: -left }) : t("responses.daysLeft", { count: left })}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/questionnaires" params={{}} t={t} />
        </>
      )}
    </>
  );
}
