import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { CreateResourceForm } from "@/components/resources/CreateResourceForm";
import { FORM_MESSAGE_KEYS, buildFormOptions } from "@/components/resources/options";
import { requirePagePermission } from "@/server/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { isMessageKey, pickMessages } from "@/lib/i18n/messages";
import { formErrorKey } from "@/lib/validation/resources";
import { loadResourceFormOptions } from "@/server/loaders/resources";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("resources.form.newTitle") };
}

/** The upload form: admins, reviewers, trainers, and officers for their own city. */
export default async function NewResourcePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // resources.create is city-scoped for officers; their city is fixed in the form below.
  const user = await requirePagePermission("app.view");
  if (!can(user.role, "resources.create")) forbidden();
  const [{ locale, t }, optionRows] = await Promise.all([getI18n(), loadResourceFormOptions()]);
  const options = buildFormOptions(optionRows, t, locale, user.role === "officer" ? user.cityId : null);
  const defaultLanguage = locale === "bn" ? "bn" : locale === "ne" ? "ne" : "en";
  return (
    <>
      <PageHeader title={t("resources.form.newTitle")} description={t("resources.form.newDescription")} />
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <CreateResourceForm
          options={options}
          initial={{ title: "", summary: "", type: "guideline", language: defaultLanguage, components: [], lenses: [], city: options.lockedCity?.value ?? "", author: "", year: "" }}
          canPublish={can(user.role, "resources.publish")}
          messages={pickMessages(t, FORM_MESSAGE_KEYS)}
          locale={locale}
          initialError={formErrorKey((await searchParams).error, isMessageKey)}
        />
      </div>
    </>
  );
}
