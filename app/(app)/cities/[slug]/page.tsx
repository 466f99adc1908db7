import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { requirePagePermission } from "@/lib/authz";
import { getI18n } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/config";
import { getDb } from "@/db/client";
import { getCityBySlug, listMentees } from "@/db/queries/cities";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, { locale }, db] = await Promise.all([params, getI18n(), getDb()]);
  const city = await getCityBySlug(db, slug);
  return { title: city ? localizedName(city, locale) : undefined };
}

export default async function CityPage({ params }: Props) {
  await requirePagePermission("cities.read");
  const [{ slug }, { locale, t, format }, db] = await Promise.all([params, getI18n(), getDb()]);
  const city = await getCityBySlug(db, slug);
  if (!city) notFound();
  const mentees = await listMentees(db, city.id);
  const mentorName = city.mentorSlug && city.mentorNameEn && city.mentorNameBn && city.mentorNameNe ? localizedName({ nameEn: city.mentorNameEn, nameBn: city.mentorNameBn, nameNe: city.mentorNameNe }, locale) : null;

  const facts: [string, string][] = [
    [t("cities.country"), t(`countries.${city.country}`)],
    [city.country === "BD" ? t("cities.district") : t("cities.province"), city.region],
    [t("cities.kind"), t(`cityKinds.${city.kind}`)],
    [t("cities.population"), city.population ? format.number(city.population) : "—"],
    [t("cities.coordinates"), city.latitude !== null && city.longitude !== null ? `${format.number(city.latitude, { maximumFractionDigits: 3 })}, ${format.number(city.longitude, { maximumFractionDigits: 3 })}` : "—"],
    [t("cities.joined"), city.joinedOn ? format.date(city.joinedOn) : "—"],
  ];

  return (
    <>
      <PageHeader title={localizedName(city, locale)} description={[city.nameEn, city.nameBn, city.nameNe].filter((n) => n !== localizedName(city, locale)).join(" · ")} actions={<Badge tone="brand">{t(`programmeRoles.${city.programmeRole}`)}</Badge>} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("cities.profile")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
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
              <Link href={`/cities/${city.mentorSlug}`} className="text-brand-700 underline">{mentorName}</Link>
            </p>
          ) : null}
          {mentees.length > 0 ? (
            <>
              <p className="mt-2 text-sm font-medium">{t("cities.mentees")}</p>
              <ul className="mt-1 list-disc pl-5 text-sm" data-testid="mentees">
                {mentees.map((mentee) => (
                  <li key={mentee.slug}><Link href={`/cities/${mentee.slug}`} className="text-brand-700 underline">{localizedName(mentee, locale)}</Link></li>
                ))}
              </ul>
            </>
          ) : null}
          {!mentorName && mentees.length === 0 ? <p className="text-sm text-slate-600">{t("cities.noMentoring")}</p> : null}
        </Card>
      </div>
    </>
  );
}
