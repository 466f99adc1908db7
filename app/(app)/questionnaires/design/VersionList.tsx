import Link from "next/link";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import type { VersionListRow } from "@/db/queries/questionnaires";
import type { Formatters, Translate } from "@/lib/i18n/messages";
import { VersionStatusBadge } from "./VersionStatusBadge";

/** Every version of the questionnaire, newest first; the one on screen is marked. */
export function VersionList({ versions, currentId, t, format }: { versions: readonly VersionListRow[]; currentId: number; t: Translate; format: Formatters }) {
  return (
    <section aria-labelledby="qd-versions" className="mt-8">
      <h2 id="qd-versions" className="mb-2 text-lg font-semibold">{t("questionnaire.design.versions")}</h2>
      <DataTable
        testId="version-list"
        stacked
        columns={[
          { label: t("questionnaire.design.column.version") },
          { label: t("questionnaire.design.column.status") },
          { label: t("questionnaire.design.column.questions"), align: "right" },
          { label: t("questionnaire.design.column.updated", { zone: format.zoneName }) },
        ]}
      >
        {versions.map((v) => (
          <tr key={v.id} className="border-t border-slate-100 align-top" data-testid="version-row" data-version-number={v.number}>
            <td className="px-3 py-2">
              <CellLabel>{t("questionnaire.design.column.version")}</CellLabel>
              {v.id === currentId ? (
                <span aria-current="page" className="font-semibold">{t("questionnaire.design.versionNumber", { number: v.number })}</span>
              ) : (
                <Link href={`/questionnaires/design/${v.id}`} className="text-brand-700 underline">{t("questionnaire.design.versionNumber", { number: v.number })}</Link>
              )}
            </td>
            <td className="px-3 py-2"><CellLabel>{t("questionnaire.design.column.status")}</CellLabel><VersionStatusBadge status={v.status} t={t} /></td>
            <td className="px-3 py-2 text-right"><CellLabel>{t("questionnaire.design.column.questions")}</CellLabel>{format.number(v.questionCount)}</td>
            <td className="whitespace-nowrap px-3 py-2">
              <CellLabel>{t("questionnaire.design.column.updated", { zone: format.zoneName })}</CellLabel>
              <time dateTime={(v.publishedAt ?? v.updatedAt).toISOString()}>{format.dateTime(v.publishedAt ?? v.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
