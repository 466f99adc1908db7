import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { ScoreCell } from "@/components/ui/ScoreCell";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { requirePagePermission } from "@/server/authz";
import { canForCity } from "@/lib/permissions";
import { problemsPath } from "@/lib/problems/paths";
import { plansPath } from "@/lib/plans/paths";
import { canSeeUnvalidatedValues } from "@/lib/policies/values";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { formatIndicatorValue } from "@/lib/format-value";
import { loadCity, loadLatestValues, loadMentees } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { ProgressCharts } from "@/app/_widgets/city/ProgressCharts";
import { ComponentScores } from "@/app/_widgets/city/ComponentScores";
import { CityProfileCards } from "@/app/_widgets/city/CityProfileCards";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ view?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, { locale }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? localizedName(city, locale) : undefined };
}

async function LatestValues({ cityId, slug, includeUnvalidated }: { cityId: number; slug: string; includeUnvalidated: boolean }) {
  const [{ locale, t, format }, values, framework] = await Promise.all([getI18n(), loadLatestValues(cityId, includeUnvalidated), loadFramework()]);
  const byIndicator = new Map(values.map((v) => [v.indicatorId, v]));
  return (
    <Card title={t("city.latestValues")}>
      <p className="mb-3 text-sm text-slate-600">{includeUnvalidated ? t("city.latestValuesWithDrafts") : t("city.latestValuesValidatedOnly")}</p>
      <div className="space-y-4">
        {framework.components.map((component) => (
          <section key={component.id}>
            <h3 className="mb-1 font-medium">{localizedName(component, locale)}</h3>
            <DataTable framed={false} columns={[{ label: t("framework.indicator") }, { label: t("city.value"), align: "right" }, { label: t("city.target"), align: "right" }, { label: t("city.period") }, ...(includeUnvalidated ? [{ label: t("city.status") }] : []), { label: t("city.history") }]}>
              {component.indicators.map((indicator) => {
                const latest = byIndicator.get(indicator.id);
                return (
                  <tr key={indicator.id} className="border-t border-slate-100 align-top" data-testid={`latest-${indicator.code}`}>
                    <td className="px-3 py-2">
                      <span className="font-mono text-xs text-slate-500">{indicator.code}</span> {localizedName(indicator, locale)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {latest ? formatIndicatorValue(indicator.unit, latest.value, t, format) : <span className="text-slate-400">{t("city.noValue")}</span>}
                      {latest && includeUnvalidated && latest.status !== "validated" && latest.validatedValue !== null ? (
                        <span className="block text-xs text-slate-500">{t("city.validatedValue", { value: formatIndicatorValue(indicator.unit, latest.validatedValue, t, format) })}</span>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums text-slate-600">{formatIndicatorValue(indicator.unit, indicator.target, t, format)}</td>
                    <td className="px-3 py-2">{latest?.period ?? "—"}</td>
                    {includeUnvalidated ? <td className="px-3 py-2">{latest ? <StatusBadge status={latest.status} t={t} /> : null}</td> : null}
                    <td className="px-3 py-2">
                      <Link href={`/cities/${slug}/indicators/${indicator.code}`} className="text-brand-700 underline">{t("city.history")}</Link>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </section>
        ))}
      </div>
    </Card>
  );
}

const skeleton = <div className="h-48 animate-pulse rounded-lg bg-slate-200" aria-busy="true" />;

export default async function CityPage({ params, searchParams }: Props) {
  const user = await requirePagePermission("cities.read");
  const [{ slug }, { locale, t }, query] = await Promise.all([params, getI18n(), searchParams]);
  const view = query.view === "lens" ? "lens" : "component";
  const city = await loadCity(slug);
  if (!city) notFound();
  const mentees = await loadMentees(city.id);
  const name = localizedName(city, locale);

  const linkButton = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

  return (
    <>
      <PageHeader
        title={name}
        description={[city.nameEn, city.nameBn, city.nameNe].filter((n) => n !== name).join(" · ")}
        actions={
          <>
            <Badge tone="brand">{t(`programmeRoles.${city.programmeRole}`)}</Badge>
            {canForCity(user, "values.write", city.id) ? <Link href={`/cities/${city.slug}/values`} className={linkButton}>{t("city.enterValues")}</Link> : null}
            {canForCity(user, "cities.edit", city.id) ? <Link href={`/cities/${city.slug}/edit`} className={linkButton}>{t("city.edit")}</Link> : null}
            <Link href={problemsPath(city.slug)} className={linkButton} data-testid="city-problems-link">{t("problems.public.title")}</Link>
            <Link href={`/cities/${city.slug}/committees`} className={linkButton}>{t("problems.committeesLink")}</Link>
            <Link href={plansPath(city.slug)} className={linkButton} data-testid="city-plans-link">{t("plans.link")}</Link>
          </>
        }
      />
      <CityProfileCards city={city} mentees={mentees} basePath="/cities" full />
      <div className="mt-4 space-y-4">
        <Suspense fallback={skeleton}><ComponentScores cityId={city.id} /></Suspense>
        <Suspense fallback={skeleton}><ProgressCharts city={city} view={view} /></Suspense>
        <Suspense fallback={skeleton}><LatestValues cityId={city.id} slug={city.slug} includeUnvalidated={canSeeUnvalidatedValues(user, city.id)} /></Suspense>
      </div>
    </>
  );
}
