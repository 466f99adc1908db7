import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { QuestionnaireTabs } from "../QuestionnaireTabs";
import { VersionStatusBadge } from "./VersionStatusBadge";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadDesignList } from "@/server/loaders/questionnaires";
import { localize } from "@/lib/questionnaires/view";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("questionnaire.design.title") };
}

const PAGE_SIZE = 20;

/** The designer's list: every questionnaire by its latest version (reviewers and admins). */
export default async function DesignListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePagePermission("questionnaires.design");
  const page = pageParams((await searchParams).page, PAGE_SIZE);
  const [{ t, format, locale }, { rows, total }] = await Promise.all([getI18n(), loadDesignList(page)]);

  return (
    <>
      <PageHeader
        title={t("nav.questionnaires")}
        actions={
          <Link href="/questionnaires/design/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="new-questionnaire">
            {t("questionnaire.design.new")}
          </Link>
        }
      />
      <QuestionnaireTabs current="design" t={t} actor={actor} />
      <h2 className="mb-2 text-lg font-semibold">{t("questionnaire.design.title")}</h2>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("questionnaire.design.intro")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("questionnaire.design.empty")} body={t("questionnaire.design.emptyHint")} />
      ) : (
        <DataTable
          testId="design-table"
          stacked
          columns={[
            { label: t("questionnaire.design.column.title") },
            { label: t("questionnaire.design.column.version"), align: "right" },
            { label: t("questionnaire.design.column.status") },
            { label: t("questionnaire.design.column.questions"), align: "right" },
            { label: t("questionnaire.design.column.updated", { zone: format.zoneName }) },
          ]}
        >
          {rows.map((row) => (
            <tr key={row.questionnaireId} className="border-t border-slate-100 align-top" data-testid="design-row" data-version-id={row.versionId}>
              <td className="px-3 py-2">
                <CellLabel>{t("questionnaire.design.column.title")}</CellLabel>
                <Link href={`/questionnaires/design/${row.versionId}`} className="text-brand-700 underline">{localize(row.title, locale)}</Link>
                {row.status === "draft" && row.publishedNumber !== null ? <span className="block text-xs text-slate-500">{t("questionnaire.design.publishedAlso", { number: row.publishedNumber })}</span> : null}
              </td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("questionnaire.design.column.version")}</CellLabel>{format.number(row.number)}</td>
              <td className="px-3 py-2"><CellLabel>{t("questionnaire.design.column.status")}</CellLabel><VersionStatusBadge status={row.status} t={t} /></td>
              <td className="px-3 py-2 text-right"><CellLabel>{t("questionnaire.design.column.questions")}</CellLabel>{format.number(row.questionCount)}</td>
              <td className="whitespace-nowrap px-3 py-2">
                <CellLabel>{t("questionnaire.design.column.updated", { zone: format.zoneName })}</CellLabel>
                <time dateTime={row.updatedAt.toISOString()}>{format.dateTime(row.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/questionnaires/design" params={{}} t={t} />
    </>
  );
}
