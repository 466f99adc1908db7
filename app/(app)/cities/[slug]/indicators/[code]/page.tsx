import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { requirePagePermission } from "@/server/authz";
import { canSeeUnvalidatedValues } from "@/lib/policies/values";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { formatIndicatorValue } from "@/lib/format-value";
import { loadCity, loadValueHistory } from "@/server/loaders/cities";
import { loadIndicator } from "@/server/loaders/framework";
import { loadValueTrail } from "@/server/loaders/audit";
import { ValueTrail } from "@/components/values/ValueTrail";

type Props = { params: Promise<{ slug: string; code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { t } = await getI18n();
  const { code } = await params;
  return { title: `${code.toUpperCase()} · ${t("city.history")}` };
}

/** Every quarter's value of one indicator in one city, and (for those who may see drafts) every change. */
export default async function IndicatorHistoryPage({ params }: Props) {
  const user = await requirePagePermission("cities.read");
  const [{ slug, code }, { locale, t, format }] = await Promise.all([params, getI18n()]);
  const [city, indicator] = await Promise.all([loadCity(slug), loadIndicator(code.toUpperCase())]);
  if (!city || !indicator) notFound();
  const full = canSeeUnvalidatedValues(user, city.id);
  const [{ history }, changes] = await Promise.all([loadValueHistory(city.id, indicator.id, full), full ? loadValueTrail(city.id, indicator.id) : []]);
  const show = (value: unknown) => (typeof value === "number" ? formatIndicatorValue(indicator.unit, value, t, format) : "—");

  return (
    <>
      <PageHeader title={t("history.title", { indicator: `${indicator.code} ${localizedName(indicator, locale)}`, city: localizedName(city, locale) })} />
      <Link href={`/cities/${city.slug}`} className="mb-4 inline-block text-brand-700 underline">{t("history.back")}</Link>
      <div className="space-y-4">
        <Card title={t("history.values")}>
          {history.length === 0 ? (
            <EmptyState title={t("history.none")} />
          ) : (
            <DataTable framed={false} testId="history-values" columns={[{ label: t("city.period") }, { label: t("city.value"), align: "right" }, ...(full ? [{ label: t("city.status") }, { label: t("history.enteredBy") }] : [])]}>
              {history.map((row) => (
                <tr key={row.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">{row.period}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{full ? show(row.value) : show(row.validatedValue)}</td>
                  {full ? (
                    <>
                      <td className="px-3 py-2"><StatusBadge status={row.status} t={t} /></td>
                      <td className="px-3 py-2">{row.enteredBy ?? "—"} · {format.dateTime(row.enteredAt, { zone: true })}</td>
                    </>
                  ) : null}
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
        {full && changes.length > 0 ? (
          <Card title={t("history.changes")}>
            <ValueTrail entries={changes} unit={indicator.unit} t={t} format={format} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
