import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { QuestionnaireTabs } from "../QuestionnaireTabs";
import { RoundStatusBadge, targetLabel } from "./RoundBadges";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadRoundList } from "@/server/loaders/rounds";
import { can } from "@/lib/permissions";
import { localize } from "@/lib/questionnaires/view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("rounds.title") };
}

const PAGE_SIZE = 20;

/**
 * Every reporting round, newest first: for programme staff who read answers (reviewers, partners,
 * admins). Officers see their own city's assignments on the Answers tab instead: a round's page
 * names every asked city.
 */
export default async function RoundsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // responses.read is city-scoped: without a city an officer is refused here.
  const actor = await requirePagePermission("responses.read");
  const page = pageParams((await searchParams).page, PAGE_SIZE);
  const [{ t, format, locale }, { rows, total }] = await Promise.all([getI18n(), loadRoundList(page)]);
  const manages = can(actor.role, "rounds.manage");

  return (
    <>
      <PageHeader
        title={t("nav.questionnaires")}
        actions={
          manages ? (
            <Link href="/questionnaires/rounds/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="new-round">
              {t("rounds.new")}
            </Link>
          ) : undefined
        }
      />
      <QuestionnaireTabs current="rounds" t={t} actor={actor} />
      <h2 className="mb-2 text-lg font-semibold">{t("rounds.title")}</h2>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("rounds.description")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("rounds.empty")} body={manages ? t("rounds.emptyHintAdmin") : t("rounds.emptyHint")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {t("rounds.count", { count: total })} · {t("rounds.submittedHint")}
          </p>
          <DataTable
            testId="rounds-table"
            caption={t("rounds.title")}
            stacked
            columns={[
              { label: t("rounds.col.title") },
              { label: t("rounds.col.period") },
              { label: t("rounds.col.status") },
              { label: t("rounds.col.opensOn") },
              { label: t("rounds.col.dueOn") },
              { label: t("rounds.col.asked"), align: "right" },
              { label: t("rounds.col.submitted"), align: "right" },
              { label: t("rounds.col.accepted"), align: "right" },
            ]}
          >
            {rows.map((round) => (
              <tr key={round.id} className="border-t border-slate-100 align-top" data-testid="round-row">
                <td className="px-3 py-2">
                  <Link href={`/questionnaires/rounds/${round.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline sm:min-h-0">
                    {localize(round.title, locale)}
                  </Link>
                </td>
                <td className="px-3 py-2"><CellLabel>{t("rounds.col.period")}</CellLabel>{round.period}</td>
                <td className="px-3 py-2"><CellLabel>{t("rounds.col.status")}</CellLabel><RoundStatusBadge status={round.status} t={t} /></td>
                <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("rounds.col.opensOn")}</CellLabel>{format.date(round.opensOn)}</td>
                <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("rounds.col.dueOn")}</CellLabel>{format.date(round.dueOn)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right">
                  <CellLabel>{t("rounds.col.asked")}</CellLabel>
                  {/* Before opening, the cities are a rule (resolved when the round opens). */}
                  {round.status === "scheduled" ? <span className="text-slate-600">{targetLabel(t, locale, round.target)}</span> : format.number(round.asked)}
                </td>
                <td className="px-3 py-2 tabular-nums sm:text-right"><CellLabel>{t("rounds.col.submitted")}</CellLabel>{round.status === "scheduled" ? "—" : format.number(round.submitted)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right"><CellLabel>{t("rounds.col.accepted")}</CellLabel>{round.status === "scheduled" ? "—" : format.number(round.accepted)}</td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/questionnaires/rounds" params={{}} t={t} />
        </>
      )}
    </>
  );
}
