import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadFramework } from "@/server/loaders/framework";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.framework") };
}

export default async function FrameworkPage() {
  await requirePagePermission("framework.read");
  const [{ locale, t, format }, { components, lenses }] = await Promise.all([getI18n(), loadFramework()]);
  const lensName = new Map(lenses.map((lens) => [lens.code, localizedName(lens, locale)]));

  return (
    <>
      <PageHeader title={t("framework.title")} description={t("framework.description")} />
      <div className="space-y-4">
        {components.map((component, index) => (
          <Card key={component.code} title={`${format.number(index + 1)}. ${localizedName(component, locale)}`}>
            <DataTable
              framed={false}
              testId={`component-${component.code}`}
              columns={[{ label: t("framework.code") }, { label: t("framework.indicator") }, { label: t("framework.unit") }, { label: t("framework.target") }, { label: t("framework.lens") }, { label: t("framework.frequency") }]}
            >
                  {component.indicators.map((indicator) => (
                    <tr key={indicator.code} className="border-t border-slate-100 align-top">
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
                      <td className="py-1.5">{t(`frequencies.${indicator.frequency}`)}</td>
                    </tr>
                  ))}
            </DataTable>
          </Card>
        ))}
      </div>
    </>
  );
}
