import { localizedName } from "@/lib/i18n/config";
import { formatters, translator, type MessageKey } from "@/lib/i18n/messages";
import type { ReportView } from "@/server/loaders/reports";
import { ReportDocument } from "./ReportDocument";

/** A string as a CSS string literal, safe inside a <style> element. */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ").replace(/</g, "\\3C ")}"`;
}

/**
 * The A4 print view of a report version, in the report's own language: a page per section, and
 * a running header (city · report) and footer (version · date · page n of m) drawn by the
 * browser from CSS @page margin boxes, so the browser's own print and the server's PDF agree.
 */
export function PrintDocument({ view }: { view: ReportView }) {
  const locale = view.language;
  const t = translator(locale);
  const format = formatters(locale);
  const cityName = view.city ? localizedName(view.city, locale) : t("reports.programme");
  const when = view.finalizedAt ?? view.updatedAt;
  const status = t(`reports.status.${view.status}` as MessageKey);
  const header = `${cityName} · ${view.title}`;
  const footer = `${t("reports.versionN", { number: view.number })} · ${status} · ${format.date(when)}`;
  const pageOf = t("reports.pageOf");
  // Page numbers in the report's own digits, as every other number in it.
  const digits = locale === "bn" ? ", bengali" : locale === "ne" ? ", devanagari" : "";
  const css = `
@page { size: A4; margin: 20mm 14mm 18mm;
  @top-left { content: ${cssString(header)}; font-size: 8pt; color: #475569; }
  @bottom-left { content: ${cssString(footer)}; font-size: 8pt; color: #475569; }
  @bottom-right { content: ${cssString(pageOf.split("{page}")[0] ?? "")} counter(page${digits}) ${cssString((pageOf.split("{page}")[1] ?? "").split("{pages}")[0] ?? " / ")} counter(pages${digits}); font-size: 8pt; color: #475569; }
}
@media print {
  .report-section + .report-section { break-before: page; }
  .report-section table, .report-section svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
body { background: #fff; }
`;
  return (
    <main id="main" lang={locale} className="mx-auto max-w-[190mm] bg-white p-4 text-[11pt] leading-relaxed print:p-0" data-testid="report-print">
      <style dangerouslySetInnerHTML={{ __html: css }} />
      <header className="mb-6 border-b-2 border-slate-800 pb-3">
        <p className="text-sm text-slate-600">{t(`reports.kind.${view.kind}` as MessageKey)} · {cityName}</p>
        <h1 className="text-2xl font-semibold" data-testid="report-title">{view.title}</h1>
        <p className="text-sm text-slate-600">{footer}</p>
        {view.status !== "final" && <p className="mt-2 rounded bg-amber-100 p-2 text-sm" data-testid="print-not-final">{t("reports.printNotFinal")}</p>}
        {view.superseded && <p className="mt-2 rounded bg-slate-100 p-2 text-sm">{t("reports.superseded")}</p>}
        {view.changeNote && view.number > 1 && <p className="mt-2 text-sm">{t("reports.changeNote")}: {view.changeNote}</p>}
      </header>
      <ReportDocument sections={view.sections} snapshot={view.snapshot} written={view.written} recommendations={view.recommendations} locale={locale} t={t} format={format} showEmpty={false} />
    </main>
  );
}
