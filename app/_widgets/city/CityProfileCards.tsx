import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import type { City, Mentee } from "@/server/loaders/cities";

/**
 * A city's profile and its mentor and mentees, shared by the signed-in city page (`/cities`) and the
 * public one (`/explore`); links stay in the area the reader is in. `full` adds coordinates and the
 * joining date.
 */
export async function CityProfileCards({ city, mentees, basePath, full }: { city: City; mentees: Mentee[]; basePath: "/cities" | "/explore"; full: boolean }) {
  const { locale, t, format } = await getI18n();
  const mentorName = city.mentorSlug && city.mentorNameEn && city.mentorNameBn && city.mentorNameNe ? localizedName({ nameEn: city.mentorNameEn, nameBn: city.mentorNameBn, nameNe: city.mentorNameNe }, locale) : null;
  const facts: [string, string][] = [
    [t("cities.country"), t(`countries.${city.country}`)],
    [city.country === "BD" ? t("cities.district") : t("cities.province"), city.region],
    [t("cities.kind"), t(`cityKinds.${city.kind}`)],
    [t("cities.population"), city.population ? format.number(city.population) : "—"],
    ...(full
      ? ([
          [t("cities.coordinates"), city.latitude !== null && city.longitude !== null ? `${format.number(city.latitude, { maximumFractionDigits: 3 })}, ${format.number(city.longitude, { maximumFractionDigits: 3 })}` : "—"],
          [t("cities.joined"), city.joinedOn ? format.date(city.joinedOn) : "—"],
        ] as [string, string][])
      : []),
  ];
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title={t("cities.profile")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="city-profile">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t("cities.mentoring")}>
        {mentorName && city.mentorSlug ? (
          <p className="text-sm">
            {t("cities.mentoredBy")}{" "}
            <Link href={`${basePath}/${city.mentorSlug}`} className="text-brand-700 underline" data-testid="mentor-link">{mentorName}</Link>
          </p>
        ) : null}
        {mentees.length > 0 ? (
          <>
            <p className="mt-2 text-sm font-medium">{t("cities.mentees")}</p>
            <ul className="mt-1 list-disc pl-5 text-sm" data-testid="mentees">
              {mentees.map((mentee) => (
                <li key={mentee.slug}><Link href={`${basePath}/${mentee.slug}`} className="text-brand-700 underline">{localizedName(mentee, locale)}</Link></li>
              ))}
            </ul>
          </>
        ) : null}
        {!mentorName && mentees.length === 0 ? <p className="text-sm text-slate-600">{t("cities.noMentoring")}</p> : null}
      </Card>
    </div>
  );
}
