import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { ReportDocument } from "./ReportDocument";
import { formatters, translator, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { localizedName, type Locale } from "@/lib/i18n/config";
import { publicReportVersionPath, reportPrintPath } from "@/lib/reports/paths";
import type { ReportView } from "@/server/loaders/reports";

/** A final report in public: the frozen version, its older versions (superseded), print and PDF. */
export function PublicReport({ view, t, locale, pdfAvailable, pdfHref }: { view: ReportView; t: Translate; locale: Locale; pdfAvailable: boolean; pdfHref: string }) {
  const docT = translator(view.language);
  const format = formatters(view.language);
  const finals = view.versions.filter((v) => v.status === "final");
  return (
    <>
      <PageHeader
        title={view.title}
        description={`${t(`reports.kind.${view.kind}` as MessageKey)} · ${view.city ? localizedName(view.city, locale) : t("reports.programme")} · ${t("reports.versionN", { number: view.number })}${view.finalizedAt ? ` · ${formatters(locale).date(view.finalizedAt)}` : ""}`}
        actions={
          <>
            <Link href={reportPrintPath(view.versionId)} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm">{t("reports.printView")}</Link>
            {pdfAvailable ? <a href={pdfHref} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white" data-testid="report-pdf">{t("reports.downloadPdf")}</a> : <span className="text-sm text-slate-600">{t("reports.pdfUnavailable")}</span>}
          </>
        }
      />
      {view.superseded && <p className="mb-4 rounded-md bg-slate-100 p-3 text-sm" data-testid="superseded">{t("reports.superseded")}</p>}
      {view.number > 1 && view.changeNote && <p className="mb-4 text-sm">{t("reports.changeNote")}: {view.changeNote}</p>}
      <article lang={view.language} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6" data-testid="report-document">
        <ReportDocument sections={view.sections} snapshot={view.snapshot} written={view.written} recommendations={view.recommendations} locale={view.language} t={docT} format={format} showEmpty={false} />
      </article>
      {finals.length > 1 && (
        <nav className="mt-4 text-sm" aria-label={t("reports.versions")}>
          <h2 className="font-semibold">{t("reports.versions")}</h2>
          <ul>
            {finals.map((v) => (
              <li key={v.id}><Link className="underline" href={publicReportVersionPath(view.reportId, v.number)}>{t("reports.versionN", { number: v.number })}</Link>{v.changeNote ? ` — ${v.changeNote}` : ""}</li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
