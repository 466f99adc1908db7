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
import { periodOfDate, quartersEnding } from "@/lib/periods";
import { loadCity } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { loadEntrySheet, loadOpenPeriods } from "@/server/loaders/values";

type Props = { params: Promise<{ slug: string; period: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug, period }, { locale, t }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? t("entry.title", { city: localizedName(city, locale), period }) : undefined };
}

const FORM_MESSAGES = [
  "entry.value", "entry.note", "entry.evidence", "entry.choose", "entry.save", "entry.saved", "entry.unsaved", "entry.noChanges",
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

const PICKER_QUARTERS = 8;

export default async function ValuesEntryPage({ params }: Props) {
  // Signed-out visitors go to sign in before any lookup; the city-scoped check follows it.
  await requirePagePermission("app.view");
  const [{ slug, period }, { locale, t, format }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  await requirePagePermission("values.write", { cityId: city.id });
  if (!isReportablePeriod(period)) notFound();

  const [sheet, framework, open] = await Promise.all([loadEntrySheet(city.id, period), loadFramework(), loadOpenPeriods(city.id)]);
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
            version: current?.version ?? 0,
            // A newer draft (or submission) does not count until validated; show what still counts.
            validatedText: current && current.validatedValue !== null && current.status !== "validated" ? t("entry.validatedValue", { value: formatIndicatorValue(row.unit, current.validatedValue, t, format) }) : null,
            reviewComment: current?.status === "returned" ? current.reviewComment : null,
            lockedReason: locked === "submitted" ? t("entry.lockedSubmitted") : locked === "annual" ? t("entry.lockedAnnual") : null,
          };
        }),
    }))
    .filter((group) => group.rows.length > 0);

  const current = periodOfDate(new Date());
  const recent = quartersEnding(current, PICKER_QUARTERS).reverse();
  const openBy = new Map(open.map((o) => [o.period, o]));
  // Older quarters still holding drafts or returned values stay reachable from the picker.
  const pickerPeriods = [...recent, ...open.map((o) => o.period).filter((p) => !recent.includes(p))];
  const submittable = sheet.some((row) => row.current?.status === "draft" || row.current?.status === "returned");

  return (
    <>
      <PageHeader
        title={t("entry.title", { city: cityName, period })}
        description={t("entry.description")}
        actions={<Link href={`/cities/${city.slug}`} className="text-brand-700 underline">{t("entry.backToCity", { city: cityName })}</Link>}
      />
      <nav aria-label={t("entry.periods")} className="mb-6">
        <h2 className="mb-2 text-sm font-medium text-slate-700">{t("entry.periods")}</h2>
        <ul className="flex flex-wrap gap-2" data-testid="period-picker">
          {pickerPeriods.map((p) => {
            const counts = openBy.get(p);
            const active = p === period;
            return (
              <li key={p}>
                <Link
                  href={`/cities/${city.slug}/values/${p}`}
                  aria-current={active ? "page" : undefined}
                  className={`inline-block rounded-md border px-3 py-1.5 text-sm ${active ? "border-brand-600 bg-brand-100 font-semibold text-brand-800" : "border-slate-300 bg-white hover:bg-slate-50"}`}
                >
                  {p}
                  {p === current ? ` · ${t("entry.currentQuarter")}` : ""}
                  {counts && counts.drafts > 0 ? ` · ${t("entry.draftCount", { count: counts.drafts })}` : ""}
                  {counts && counts.returned > 0 ? ` · ${t("entry.returnedCount", { count: counts.returned })}` : ""}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {!annualOpen ? <p className="mb-4 rounded-md bg-sky-50 p-3 text-sm text-sky-900">{t("entry.annualNote")}</p> : null}
      <ValuesForm slug={city.slug} period={period} groups={groups} submittable={submittable} messages={pickMessages(t, FORM_MESSAGES)} locale={locale} />
    </>
  );
}
