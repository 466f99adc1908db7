import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { ReviewForm, type ReviewRowView } from "./ReviewForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { formatIndicatorValue } from "@/lib/format-value";
import { parsePeriod } from "@/lib/periods";
import { loadCity } from "@/server/loaders/cities";
import { loadReviewSheet } from "@/server/loaders/values";
import { needsAnotherReviewer } from "@/lib/policies/values";

type Props = { params: Promise<{ slug: string; period: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug, period }, { locale, t }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? t("review.batchTitle", { city: localizedName(city, locale), period }) : undefined };
}

const FORM_MESSAGES = [
  "review.validate", "review.return", "review.comment", "review.commentHint", "review.validateAll", "review.send", "review.done", "review.nothingLeft",
  "review.decision", "review.decidedCount", "review.backToQueue", "review.noDecisions",
  "common.saving", "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found",
  "validation.checkFields", "validation.invalid", "validation.tooLong", "validation.decision", "validation.returnNeedsComment", "validation.rowsRefused",
  "validation.period", "validation.periodUnknown", "values.notSubmitted", "values.fourEyes",
] as const satisfies readonly MessageKey[];

export default async function ReviewBatchPage({ params }: Props) {
  const actor = await requirePagePermission("values.review");
  const [{ slug, period }, { locale, t, format }] = await Promise.all([params, getI18n()]);
  if (!parsePeriod(period)) notFound();
  const city = await loadCity(slug);
  if (!city) notFound();
  const sheet = await loadReviewSheet(city.id, period);
  const cityName = localizedName(city, locale);

  const rows: ReviewRowView[] = sheet.map((row) => ({
    id: row.id,
    code: row.code,
    name: localizedName(row, locale),
    componentName: localizedName({ nameEn: row.componentNameEn, nameBn: row.componentNameBn, nameNe: row.componentNameNe }, locale),
    valueText: formatIndicatorValue(row.unit, row.value, t, format),
    targetText: formatIndicatorValue(row.unit, row.target, t, format),
    previousText: row.previousValidated ? t("review.previousValidated", { period: row.previousValidated.period, value: formatIndicatorValue(row.unit, row.previousValidated.value, t, format) }) : t("review.noPreviousValidated"),
    note: row.note,
    evidenceUrl: row.evidenceUrl,
    evidenceFileHref: row.evidenceResourceId !== null ? `/resources/${row.evidenceResourceId}` : null,
    enteredText:
      row.submittedByName && row.submittedById !== row.enteredById
        ? t("review.enteredSubmitted", { name: row.enteredBy ?? "—", submitter: row.submittedByName, when: row.submittedAt ? format.dateTime(row.submittedAt, { zone: true }) : "—" })
        : t("review.entered", { name: row.enteredBy ?? "—", when: row.submittedAt ? format.dateTime(row.submittedAt, { zone: true }) : "—" }),
    flags: row.flags.map((flag) => t(`review.flag.${flag}`)),
    comparison:
      row.flags.length > 0
        ? {
            currentLabel: t("review.thisQuarter", { period }),
            currentText: formatIndicatorValue(row.unit, row.value, t, format),
            previousLabel: row.flaggedAgainst ? t("review.comparedWith", { period: row.flaggedAgainst.period }) : t("review.noPreviousValidated"),
            previousText: row.flaggedAgainst ? formatIndicatorValue(row.unit, row.flaggedAgainst.value, t, format) : "—",
          }
        : null,
    explanation: row.explanation,
    ownValue: needsAnotherReviewer(actor, { enteredBy: row.enteredById, submittedBy: row.submittedById }),
  }));

  return (
    <>
      <PageHeader
        title={t("review.batchTitle", { city: cityName, period })}
        description={t("review.batchDescription")}
        actions={
          <>
            <Link href="/review" className="inline-flex min-h-11 items-center text-brand-700 underline">{t("review.backToQueue")}</Link>
            <Link href={`/cities/${city.slug}`} className="inline-flex min-h-11 items-center text-brand-700 underline">{t("review.cityPage", { city: cityName })}</Link>
          </>
        }
      />
      <ReviewForm slug={city.slug} period={period} rows={rows} labels={{ target: t("review.target"), note: t("review.note"), evidence: t("review.evidence"), evidenceFile: t("review.evidenceFile"), explanation: t("review.explanation"), needsOther: t("review.needsOtherReviewer"), needsOtherHint: t("values.fourEyes") }} messages={pickMessages(t, FORM_MESSAGES)} locale={locale} />
    </>
  );
}
