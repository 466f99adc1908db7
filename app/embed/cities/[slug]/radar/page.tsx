import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isLocale, localizedName, DEFAULT_LOCALE } from "@/lib/i18n/config";
import { formatters, translator } from "@/lib/i18n/messages";
import { loadCity } from "@/server/loaders/cities";
import { ProgressCharts } from "@/app/_widgets/city/ProgressCharts";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ lang?: string | string[] }> };

/** The embed's language comes from its URL (?lang=), not from the visitor's cookie on the host site. */
function i18nFor(lang: string | string[] | undefined) {
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  return { locale, t: translator(locale), format: formatters(locale) };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, { lang }] = await Promise.all([params, searchParams]);
  const { locale, t } = i18nFor(lang);
  const city = await loadCity(slug);
  return { title: city ? `${t("progress.radarTitle")}: ${localizedName(city, locale)}` : undefined };
}

/**
 * Only the city's radar (city, mentor, programme median) with its data table, for an <iframe> on
 * partners' sites. No navigation; proxy.ts lets any site frame /embed/ pages.
 */
export default async function EmbedRadarPage({ params, searchParams }: Props) {
  const [{ slug }, { lang }] = await Promise.all([params, searchParams]);
  const i18n = i18nFor(lang);
  const city = await loadCity(slug);
  if (!city) notFound();
  return (
    <main id="main" lang={i18n.locale} className="mx-auto max-w-2xl p-2">
      <ProgressCharts city={city} view="component" radarOnly i18n={i18n} />
      <p className="mt-1 text-right text-xs">
        <Link href={`/explore/${city.slug}`} target="_blank" rel="noopener" className="text-brand-700 underline">{i18n.t("public.city.fullPage", { city: localizedName(city, i18n.locale) })}</Link>
      </p>
    </main>
  );
}
