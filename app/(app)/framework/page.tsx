import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadFramework } from "@/server/loaders/framework";
import { can } from "@/lib/permissions";
import { UNIT_RANGES } from "@/lib/units";
import type { Indicator } from "@/db/schema";
import type { Formatters, Translate } from "@/lib/i18n/messages";

/** "0–100", "from 5", "up to 60" or "—": a range as people read it. */
function rangeLabel(min: number | null, max: number | null, t: Translate, format: Formatters): string {
  const n = (x: number) => format.number(x, { maximumFractionDigits: 2 });
  if (min !== null && max !== null) return t("framework.rangeBetween", { min: n(min), max: n(max) });
  if (min !== null) return t("framework.rangeFrom", { min: n(min) });
  if (max !== null) return t("framework.rangeUpTo", { max: n(max) });
  return "—";
}

/** The plausible ranges of one indicator, in words (unset bounds fall back to the unit's). */
function rangesOf(indicator: Indicator, t: Translate, format: Formatters) {
  const unit = UNIT_RANGES[indicator.unit];
  const change = indicator.maxChange ?? unit.maxChange;
  const expected = rangeLabel(indicator.expectedMin, indicator.expectedMax, t, format);
  return {
    hard: rangeLabel(indicator.hardMin ?? unit.min, indicator.hardMax ?? unit.max ?? unit.ceiling, t, format),
    expected: indicator.expectedPerCapita && indicator.unit === "count" && expected !== "—" ? t("framework.perCapitaRange", { range: expected }) : expected,
    change: t(unit.change === "ratio" ? "framework.changeRatioShort" : "framework.changePointsShort", { value: format.number(change, { maximumFractionDigits: 2 }) }),
  };
}

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.framework") };
}

export default async function FrameworkPage() {
  const actor = await requirePagePermission("framework.read");
  const mayEdit = can(actor.role, "framework.edit");
  const [{ locale, t, format }, { components, lenses }] = await Promise.all([getI18n(), loadFramework()]);
  const lensName = new Map(lenses.map((lens) => [lens.code, localizedName(lens, locale)]));

  return (
    <>
      <PageHeader
        title={t("framework.title")}
        description={t("framework.description")}
        actions={
          mayEdit ? (
            <Link href="/framework/ranges" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="edit-ranges">
              {t("framework.editRanges")}
            </Link>
          ) : null
        }
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("framework.rangesExplained")}</p>
      <div className="space-y-4">
        {components.map((component, index) => (
          <Card key={component.code} title={`${format.number(index + 1)}. ${localizedName(component, locale)}`}>
            <DataTable
              framed={false}
              testId={`component-${component.code}`}
              columns={[{ label: t("framework.code") }, { label: t("framework.indicator") }, { label: t("framework.unit") }, { label: t("framework.target") }, { label: t("framework.lens") }, { label: t("framework.frequency") }, { label: t("framework.hardRange") }, { label: t("framework.expectedRange") }, { label: t("framework.maxChangeColumn") }]}
            >
              {component.indicators.map((indicator) => {
                const ranges = rangesOf(indicator, t, format);
                return (
                  <tr key={indicator.code} className="border-t border-slate-100 align-top" data-testid={`framework-row-${indicator.code}`}>
                    <td className="py-1.5 pr-3 font-mono text-xs">{indicator.code}</td>
                    <td className="py-1.5 pr-3">
                      {localizedName(indicator, locale)}
                      {indicator.provisional ? <span className="ml-1"><Badge tone="amber">{t("framework.provisional")}</Badge></span> : null}
                    </td>
                    <td className="py-1.5 pr-3">{t(`units.${indicator.unit}`)}</td>
                    <td className="py-1.5 pr-3 tabular-nums">
                      {indicator.unit === "boolean" ? t("common.yes") : format.number(indicator.target)}
                      {indicator.direction === "lower_is_better" ? <span className="block text-xs text-slate-500">{t("framework.lowerIsBetter")}</span> : null}
                    </td>
                    <td className="py-1.5 pr-3">{lensName.get(indicator.lensCode) ?? indicator.lensCode}</td>
                    <td className="py-1.5 pr-3">{t(`frequencies.${indicator.frequency}`)}</td>
                    <td className="py-1.5 pr-3 tabular-nums" data-testid={`hard-${indicator.code}`}>{ranges.hard}</td>
                    <td className="py-1.5 pr-3 tabular-nums" data-testid={`expected-${indicator.code}`}>{ranges.expected}</td>
                    <td className="py-1.5 tabular-nums" data-testid={`change-${indicator.code}`}>{ranges.change}</td>
                  </tr>
                );
              })}
            </DataTable>
          </Card>
        ))}
      </div>
    </>
  );
}
