import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { CityForm } from "../CityForm";
import { cityFormOptions, emptyCityForm } from "../city-form-data";
import { createCityAction } from "../city-actions";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadMentorOptions } from "@/server/loaders/cities";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("cities.new") };
}

export default async function NewCityPage() {
  await requirePagePermission("cities.create");
  const [{ locale, t }, mentors] = await Promise.all([getI18n(), loadMentorOptions()]);
  const { messages, options } = cityFormOptions(t, locale, mentors);
  return (
    <>
      <PageHeader title={t("cities.new")} description={t("cityForm.adminHint")} />
      <Card>
        <CityForm action={createCityAction} adminFields options={options} messages={messages} initial={emptyCityForm} />
      </Card>
    </>
  );
}
