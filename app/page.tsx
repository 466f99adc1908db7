import Link from "next/link";
import { SiteHeader } from "@/components/shell/SiteHeader";
import { Card } from "@/components/ui/Card";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadCityCounts } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { loadMentorCities } from "@/server/loaders/home";
import { loadNewsletterCities } from "@/server/loaders/newsletter";
import { SubscribeForm } from "@/components/newsletter/SubscribeForm";

/** The public landing page: what the programme is, which cities take part, and the six components. */
export default async function LandingPage() {
  const [{ locale, t, format }, user, counts, mentors, framework, newsletterCities] = await Promise.all([getI18n(), getCurrentUser(), loadCityCounts(), loadMentorCities(), loadFramework(), loadNewsletterCities()]);
  const total = (role: string, country?: string) => counts.filter((c) => c.programmeRole === role && (!country || c.country === country)).reduce((sum, c) => sum + c.n, 0);

  return (
    <>
      <SiteHeader user={user} locale={locale} t={t} />
      <main id="main" className="mx-auto max-w-6xl space-y-8 px-4 py-8">
        <section>
          <h1 className="text-3xl font-semibold text-brand-800">{t("landing.title")}</h1>
          <p className="mt-3 max-w-3xl text-lg text-slate-700">{t("landing.intro")}</p>
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href="/explore" className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700" data-testid="explore-link">
              {t("landing.explore")}
            </Link>
            <Link href={user ? "/dashboard" : "/login"} className="inline-block rounded-md border border-brand-600 bg-white px-4 py-2 font-medium text-brand-800 hover:bg-brand-50">
              {user ? t("landing.openDashboard") : t("landing.signIn")}
            </Link>
          </div>
        </section>

        <section className="grid gap-4 sm:grid-cols-3" aria-label={t("landing.programmeInNumbers")}>
          {(["mentor", "mentee", "candidate"] as const).map((role) => (
            <Card key={role}>
              <p className="text-3xl font-semibold" data-testid={`count-${role}`}>{format.number(total(role))}</p>
              <p className="text-slate-600">{t(`programmeRoles.${role}.plural`)}</p>
              <p className="mt-1 text-sm text-slate-500">
                {t("countries.BD")}: {format.number(total(role, "BD"))} · {t("countries.NP")}: {format.number(total(role, "NP"))}
              </p>
            </Card>
          ))}
        </section>

        <Card title={t("landing.mentorCities")}>
          <ul className="grid gap-2 sm:grid-cols-2">
            {mentors.map((city) => (
              <li key={city.slug} className="flex justify-between gap-2 border-b border-slate-100 py-1">
                <Link href={`/explore/${city.slug}`} className="text-brand-700 underline-offset-2 hover:underline">{localizedName(city, locale)}</Link>
                <span className="text-sm text-slate-500">{t(`countries.${city.country}`)}</span>
              </li>
            ))}
          </ul>
        </Card>

        <Card title={t("landing.components")}>
          <ol className="grid list-decimal gap-2 pl-5 sm:grid-cols-2">
            {framework.components.map((component) => (
              <li key={component.code}>{localizedName(component, locale)}</li>
            ))}
          </ol>
        </Card>

        <SubscribeForm t={t} locale={locale} cities={newsletterCities} />
      </main>
    </>
  );
}
