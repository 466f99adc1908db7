import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { CityForm } from "../../CityForm";
import { cityFormOptions } from "../../city-form-data";
import { saveCityAction } from "../../city-actions";
import { requirePagePermission } from "@/server/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadCity, loadMentorOptions } from "@/server/loaders/cities";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("city.edit") };
}

export default async function EditCityPage({ params }: { params: Promise<{ slug: string }> }) {
  const [{ slug }, { locale, t }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  const user = await requirePagePermission("cities.edit", { cityId: city.id });
  const admin = can(user.role, "cities.pairs");
  const { messages, options } = cityFormOptions(t, locale, (await loadMentorOptions()).filter((m) => m.slug !== city.slug));
  const text = (value: number | string | null) => (value === null ? "" : String(value));
  return (
    <>
      <PageHeader title={`${t("city.edit")}: ${localizedName(city, locale)}`} description={admin ? t("cityForm.adminHint") : t("cityForm.officerHint")} />
      <Card>
        <CityForm
          action={saveCityAction.bind(null, city.slug)}
          adminFields={admin}
          options={options}
          messages={messages}
          initial={{
            slug: city.slug,
            nameEn: city.nameEn,
            nameBn: city.nameBn,
            nameNe: city.nameNe,
            country: city.country,
            region: city.region,
            kind: city.kind,
            population: text(city.population),
            latitude: text(city.latitude),
            longitude: text(city.longitude),
            programmeRole: city.programmeRole,
            mentorSlug: city.mentorSlug ?? "",
            joinedOn: city.joinedOn ?? "",
          }}
        />
      </Card>
    </>
  );
}
