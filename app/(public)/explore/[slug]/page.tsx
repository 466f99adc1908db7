import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { env } from "@/lib/env";
import { loadCity, loadMentees } from "@/server/loaders/cities";
import { loadNewsletterCities } from "@/server/loaders/newsletter";
import { SubscribeForm } from "@/components/newsletter/SubscribeForm";
import { ComponentScores } from "@/app/_widgets/city/ComponentScores";
import { CityProfileCards } from "@/app/_widgets/city/CityProfileCards";
import { ProgressCharts } from "@/app/_widgets/city/ProgressCharts";
import { CityReports } from "@/app/_widgets/city/CityReports";
import { CityProblems } from "@/app/_widgets/city/CityProblems";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ view?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, { locale }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? localizedName(city, locale) : undefined };
}


const skeleton = <div className="h-48 animate-pulse rounded-lg bg-slate-200" aria-busy="true" />;

/**
 * A city's public page: profile, latest scores and the progress charts, all from validated values.
 * Deliberately no drafts, notes, evidence links or change history (those need a sign-in on /cities).
 */
export default async function PublicCityPage({ params, searchParams }: Props) {
  const [{ slug }, { locale, t }, query] = await Promise.all([params, getI18n(), searchParams]);
  const view = query.view === "lens" ? "lens" : "component";
  const city = await loadCity(slug);
  if (!city) notFound();
  const [mentees, newsletterCities] = await Promise.all([loadMentees(city.id), loadNewsletterCities()]);
  const name = localizedName(city, locale);
  // APP_URL, not the Host header: a snippet copied to partners' sites must not carry a forged host.
  const embedUrl = `${env().appUrl}/embed/cities/${city.slug}/radar?lang=${locale}`;
  const snippet = `<iframe src="${embedUrl}" title="${t("progress.radarTitle")}: ${city.nameEn}" width="100%" height="640" style="border:0;max-width:640px" loading="lazy"></iframe>`;

  return (
    <>
      <PageHeader title={name} description={[city.nameEn, city.nameBn, city.nameNe].filter((n) => n !== name).join(" · ")} actions={<Badge tone="brand">{t(`programmeRoles.${city.programmeRole}`)}</Badge>} />
      <p className="-mt-4 mb-4 text-sm text-slate-600">{t("public.city.validatedOnly")}</p>
      <CityProfileCards city={city} mentees={mentees} basePath="/explore" full={false} />
      <div className="mt-4 space-y-4">
        <Suspense fallback={skeleton}><ComponentScores cityId={city.id} /></Suspense>
        <Suspense fallback={skeleton}><ProgressCharts city={city} view={view} basePath="/explore" /></Suspense>
        <Suspense fallback={skeleton}><CityReports cityId={city.id} /></Suspense>
        <Suspense fallback={skeleton}><CityProblems city={city} /></Suspense>
        <Card title={t("public.embed.title")}>
          <label htmlFor="embed-code" className="block text-sm text-slate-700">{t("public.embed.hint", { city: name })}</label>
          <p className="mt-2 text-sm font-medium">{t("public.embed.codeLabel")}</p>
          <textarea id="embed-code" readOnly rows={3} value={snippet} className="mt-1 w-full rounded-md border border-slate-300 p-2 font-mono text-xs" data-testid="embed-code" />
        </Card>
      </div>
      <SubscribeForm t={t} locale={locale} cities={newsletterCities} cityIds={newsletterCities.some((c) => c.id === city.id) ? [city.id] : []} />
    </>
  );
}
