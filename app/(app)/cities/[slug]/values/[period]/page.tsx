import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { ValuesForm, type EntryGroupView, type EntryRowView } from "./ValuesForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { formatIndicatorValue } from "@/lib/format-value";
import { isReportablePeriod } from "@/lib/validation/values";
import { parsePeriod } from "@/lib/periods";
import { loadCity } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { loadEntryPeriods, loadEntrySheet } from "@/server/loaders/values";

type Props = { params: Promise<{ slug: string; period: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug, period }, { locale, t }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? t("entry.title", { city: localizedName(city, locale), period }) : undefined };
}

const FORM_MESSAGES = [
  "entry.value", "entry.note", "entry.evidence", "entry.choose", "entry.save", "entry.saved", "entry.unsaved", "entry.noChanges",
  "entry.explanation", "entry.explanationHelp", "entry.addExplanation", "entry.needsExplanation", "entry.backToField", "entry.numberHint",
  "entry.flag.outsideExpected", "entry.flag.largeChangeUnknown",
  "validation.evidenceResource", "validation.numberSeparators", "validation.numberTooLarge", "validation.periodTooEarly", "validation.range.between",
  "values.explanationNeeded", "values.explanationsNeeded", "values.explanationsNeededFor", "values.notSubmittable",
  "entry.evidenceFile", "entry.attachFile", "entry.replaceFile", "entry.removeFile", "entry.attachHelp", "entry.uploading", "entry.uploadFailed",
  "resources.file.tooLarge", "resources.file.empty", "resources.file.executable", "resources.file.typeNotAllowed", "resources.file.missing", "resources.upload.crossSite", "resources.upload.notMultipart",
  "entry.conflictTitle", "entry.conflictBy", "entry.conflictUnknown", "entry.useMine", "entry.useTheirs",
  "entry.submit", "entry.submitConfirm", "entry.submitted", "entry.saveFirst", "entry.unsavedCount", "entry.nothingToSubmit",
  "common.yes", "common.no", "common.saving", "units.daysValue",
  "values.conflict", "values.lockedInReview", "values.vanished", "values.nothingToSubmit",
  "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found",
  "validation.checkFields", "validation.invalid", "validation.required", "validation.tooLong", "validation.url", "validation.number",
  "validation.noValues", "validation.tooMany", "validation.period", "validation.periodUnknown", "validation.indicatorUnknown",
  "validation.annualQ4", "validation.wholeNumber", "validation.rowsRefused", "validation.duplicateRow",
  "validation.range.percent", "validation.range.ratio", "validation.range.count", "validation.range.days", "validation.range.boolean", "validation.range.score5",
] as const satisfies readonly MessageKey[];

export default async function ValuesEntryPage({ params }: Props) {
  // Signed-out visitors go to sign in before any lookup; the city-scoped check follows it.
  await requirePagePermission("app.view");
  const [{ slug, period }, { locale, t, format }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  await requirePagePermission("values.write", { cityId: city.id });
  if (!isReportablePeriod(period)) notFound();

  const [sheet, framework, periods] = await Promise.all([loadEntrySheet(city.id, period), loadFramework(), loadEntryPeriods(city.id)]);
  const cityName = localizedName(city, locale);
  const annualOpen = period.endsWith("-Q4");

  const groups: EntryGroupView[] = framework.components
    .map((component) => ({
      id: component.id,
      name: localizedName(component, locale),
      rows: sheet
        .filter((row) => row.componentId === component.id)
        .map((row): EntryRowView => {
          const current = row.current;
          const locked = current?.status === "submitted" ? "submitted" : row.frequency === "annual" && !annualOpen ? "annual" : null;
          return {
            code: row.code,
            name: localizedName(row, locale),
            unit: row.unit,
            unitLabel: t(`units.${row.unit}`),
            targetText: t("entry.target", { value: formatIndicatorValue(row.unit, row.target, t, format) }),
            previousText: row.previous ? t("entry.previous", { period: row.previous.period, value: formatIndicatorValue(row.unit, row.previous.value, t, format) }) : t("entry.noPrevious"),
            status: current?.status ?? null,
            statusLabel: current ? t(`status.${current.status}`) : t("entry.empty"),
            value: current ? String(current.value) : "",
            note: current?.note ?? "",
            evidenceUrl: current?.evidenceUrl ?? "",
            explanation: current?.explanation ?? "",
            flagTexts: (current?.flags ?? []).map((flag) =>
              flag === "large_change" && current?.previousValue !== null && current?.previousValue !== undefined && current.previousPeriod
                ? t("entry.flag.largeChange", { value: formatIndicatorValue(row.unit, current.previousValue, t, format), period: current.previousPeriod })
                : flag === "large_change"
                  ? t("entry.flag.largeChangeUnknown")
                  : t("entry.flag.outsideExpected"),
            ),
            evidenceFile: current?.evidence ? { id: current.evidence.id, name: current.evidence.fileName ?? current.evidence.title, href: `/api/v1/resources/${current.evidence.id}/download` } : null,
            version: current?.version ?? 0,
            // A newer draft (or submission) does not count until validated; show what still counts.
            validatedText: current && current.validatedValue !== null && current.status !== "validated" ? t("entry.validatedValue", { value: formatIndicatorValue(row.unit, current.validatedValue, t, format) }) : null,
            reviewComment: current?.status === "returned" ? current.reviewComment : null,
            lockedReason: locked === "submitted" ? t("entry.lockedSubmitted") : locked === "annual" ? t("entry.lockedAnnual") : null,
          };
        }),
    }))
    .filter((group) => group.rows.length > 0);

  // The picker, one line per year (newest first), so twenty-odd quarters stay short on a phone.
  const years = new Map<number, typeof periods.quarters>();
  for (const q of periods.quarters) {
    const year = parsePeriod(q.period)?.year ?? 0;
    years.set(year, [...(years.get(year) ?? []), q].sort((a, b) => (a.period < b.period ? -1 : 1)));
  }
  const submittable = sheet.some((row) => row.current?.status === "draft" || row.current?.status === "returned");

  return (
    <>
      <PageHeader
        title={t("entry.title", { city: cityName, period })}
        description={t("entry.description")}
        actions={<Link href={`/cities/${city.slug}`} className="inline-flex min-h-11 items-center text-brand-700 underline">{t("entry.backToCity", { city: cityName })}</Link>}
      />
      <nav aria-label={t("entry.periods")} className="mb-6">
        <h2 className="mb-2 text-sm font-medium text-slate-700">{t("entry.periods")}</h2>
        <ul className="grid gap-2" data-testid="period-picker">
          {[...years].map(([year, quarters]) => (
            <li key={year} className="flex flex-wrap items-center gap-2">
              <span className="w-12 text-sm font-medium text-slate-600">{year}</span>
              <ul className="flex flex-wrap gap-2">
                {quarters.map(({ period: p, counts }) => {
                  const active = p === period;
                  const quarter = p.slice(5);
                  const extra = [
                    p === periods.current ? t("entry.currentQuarter") : null,
                    counts && counts.drafts > 0 ? t("entry.draftCount", { count: counts.drafts }) : null,
                    counts && counts.returned > 0 ? t("entry.returnedCount", { count: counts.returned }) : null,
                  ].filter((x): x is string => x !== null);
                  return (
                    <li key={p}>
                      <Link
                        href={`/cities/${city.slug}/values/${p}`}
                        aria-current={active ? "page" : undefined}
                        data-period={p}
                        className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border px-3 py-1.5 text-sm ${active ? "border-brand-600 bg-brand-100 font-semibold text-brand-800" : counts ? "border-slate-400 bg-white hover:bg-slate-50" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"}`}
                      >
                        {/* The year heads the line; read aloud (and copied) the link still names the whole quarter. */}
                        <span className="sr-only">{year}-</span>
                        {quarter}
                        {extra.length > 0 ? <span className="ml-1 text-xs">· {extra.join(" · ")}</span> : null}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      {!annualOpen ? <p className="mb-4 rounded-md bg-sky-50 p-3 text-sm text-sky-900">{t("entry.annualNote")}</p> : null}
      <ValuesForm slug={city.slug} period={period} groups={groups} submittable={submittable} messages={pickMessages(t, FORM_MESSAGES)} locale={locale} timeZone={format.timeZone} />
    </>
  );
}
