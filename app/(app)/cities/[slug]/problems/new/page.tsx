import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { ProblemForm } from "@/components/problems/ProblemForm";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCity } from "@/server/loaders/cities";
import { localizedName } from "@/lib/i18n/config";
import { canWriteProblems } from "@/lib/policies/problems";
import { logProblemAction } from "../actions";
import { problemFormMessages, problemFormOptions } from "../form-support";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("problems.log") };
}

export default async function NewProblemPage({ params }: Props) {
  const actor = await requirePagePermission("problems.read");
  const [{ slug }, { t, locale, format }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  if (!canWriteProblems(actor, city.id)) forbidden();
  return (
    <>
      <PageHeader title={t("problems.log")} description={t("problems.logHint", { city: localizedName(city, locale) })} />
      <Card>
        <ProblemForm action={logProblemAction} hidden={{ city: city.slug }} options={await problemFormOptions(city.id, locale, format)} messages={problemFormMessages(t)} locale={locale} withSource submitLabel={t("problems.logSubmit")} testId="problem-form" />
      </Card>
    </>
  );
}
