import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { RangesForm, type RangesRowView } from "./RangesForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { rangeText } from "@/lib/validation/ranges";
import { UNIT_RANGES } from "@/lib/units";
import { loadFramework } from "@/server/loaders/framework";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("framework.rangesTitle") };
}

const FORM_MESSAGES = [
  "framework.hardMin", "framework.hardMax", "framework.expectedMin", "framework.expectedMax", "framework.maxChange", "framework.perCapita",
  "framework.saveRanges", "framework.rangesSaved", "common.saving",
  "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "validation.checkFields", "validation.invalid", "validation.tooLong",
  // The number parser's own refusals (lib/numbers.ts) are shown too.
  "validation.number", "validation.numberSeparators", "validation.ranges.order", "validation.ranges.perCapitaCounts", "validation.ranges.expectedInsideHard", "validation.ranges.maxChangeRatio",
  "validation.ranges.maxChangePositive", "validation.ranges.countBounds",
  "validation.range.percent", "validation.range.ratio", "validation.range.days", "validation.range.boolean", "validation.range.score5",
] as const satisfies readonly MessageKey[];

/** Admins set each indicator's hard and expected ranges and the change that needs explaining. */
export default async function FrameworkRangesPage() {
  await requirePagePermission("framework.edit");
  const [{ locale, t, format }, { components }] = await Promise.all([getI18n(), loadFramework()]);
  const rows: RangesRowView[] = components.flatMap((component) =>
    component.indicators.map((indicator) => {
      const unit = UNIT_RANGES[indicator.unit];
      const bounds = t("framework.unitBounds", { min: format.number(unit.min), max: format.number(unit.max ?? unit.ceiling) });
      const change = t(unit.change === "ratio" ? "framework.changeRatio" : "framework.changePoints", { value: format.number(unit.maxChange) });
      return {
        code: indicator.code,
        name: localizedName(indicator, locale),
        componentName: localizedName(component, locale),
        unitLabel: t(`units.${indicator.unit}`),
        hint: `${bounds} ${change}${indicator.unit === "count" ? ` ${t("framework.perCapitaHint")}` : ""}`,
        perCapitaAllowed: indicator.unit === "count",
        values: {
          hardMin: rangeText(indicator.hardMin),
          hardMax: rangeText(indicator.hardMax),
          expectedMin: rangeText(indicator.expectedMin),
          expectedMax: rangeText(indicator.expectedMax),
          maxChange: rangeText(indicator.maxChange),
          expectedPerCapita: indicator.expectedPerCapita,
        },
      };
    }),
  );

  return (
    <>
      <PageHeader title={t("framework.rangesTitle")} description={t("framework.rangesDescription")} actions={<Link href="/framework" className="inline-flex min-h-11 items-center text-brand-700 underline">{t("framework.backToFramework")}</Link>} />
      <RangesForm rows={rows} messages={pickMessages(t, FORM_MESSAGES)} locale={locale} />
    </>
  );
}
