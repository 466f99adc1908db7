import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { FormStatus } from "@/components/ui/FieldError";
import { EditResourceForm } from "@/components/resources/EditResourceForm";
import { ReplaceFileForm } from "@/components/resources/ReplaceFileForm";
import { DeleteResourceForm, StatusButton } from "@/components/resources/StatusForms";
import { FORM_MESSAGE_KEYS, buildFormOptions } from "@/components/resources/options";
import { formatSize } from "@/components/resources/format";
import { requirePagePermission } from "@/server/authz";
import { can } from "@/lib/permissions";
import { canEditResource } from "@/lib/policies/resources";
import { getI18n } from "@/server/i18n";
import { isMessageKey, pickMessages } from "@/lib/i18n/messages";
import { loadEventMaterialCount, loadFileVersions, loadResource, loadResourceFormOptions } from "@/server/loaders/resources";
import { formErrorKey, resourceIdParam } from "@/lib/validation/resources";
import { deleteResourceAction, setResourceStatusAction, updateResourceAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("resources.editTitle") };
}

const STATUS_KEYS = ["resources.working", "resources.deleting", "resources.delete", "resources.deleteConfirm", "resources.deleteQuestion", "resources.deleteNeedsConfirm", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated"] as const;

/**
 * Editing a resource: metadata, file, status, and for admins earlier versions and deletion. Who
 * may edit is lib/permissions canEditResource; the actions and the queries check it again.
 */
export default async function EditResourcePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("app.view");
  const id = resourceIdParam((await params).id);
  // A draft the user may not see is "not found" (loadResource applies canSeeResource), not "forbidden".
  const resource = id === null ? null : await loadResource(id, user);
  if (!resource) notFound();
  if (!canEditResource(user, resource)) forbidden();
  const [{ locale, t, format }, optionRows] = await Promise.all([getI18n(), loadResourceFormOptions()]);
  const query = await searchParams;
  const done = query.done;
  const canPublish = can(user.role, "resources.publish");
  const isAdmin = can(user.role, "resources.delete");
  const [versions, materials] = await Promise.all([can(user.role, "resources.versions") ? loadFileVersions(resource.id) : Promise.resolve(null), isAdmin ? loadEventMaterialCount(resource.id) : Promise.resolve(0)]);
  // An officer keeps the resource in their own city.
  const options = buildFormOptions(optionRows, t, locale, user.role === "officer" ? user.cityId : null);
  const messages = pickMessages(t, [...FORM_MESSAGE_KEYS, ...STATUS_KEYS]);
  const notice = done === "published" ? t("resources.publishedNow") : done === "draft" ? t("resources.unpublishedNow") : done === "replaced" ? t("resources.replaced") : null;

  return (
    <>
      <p className="mb-3 text-sm">
        <Link href={`/resources/${resource.id}`} className="inline-flex min-h-10 items-center text-brand-700 underline">← {resource.title}</Link>
      </p>
      <PageHeader title={t("resources.editTitle")} description={resource.title} />
      {notice ? (
        <div className="mb-4">
          <FormStatus ok message={notice} testId="resource-edit-notice" />
        </div>
      ) : null}
      <div className="grid gap-6">
        <Card title={t("resources.statusTitle")}>
          <div className="flex flex-wrap items-center gap-3">
            <Badge tone={resource.status === "draft" ? "amber" : "brand"}>{t(`resources.status.${resource.status}`)}</Badge>
            {canPublish ? (
              resource.status === "draft" ? (
                <StatusButton action={setResourceStatusAction.bind(null, resource.id, "published")} label={t("resources.publish")} variant="primary" messages={messages} locale={locale} testId="resource-publish" />
              ) : (
                <StatusButton action={setResourceStatusAction.bind(null, resource.id, "draft")} label={t("resources.unpublish")} variant="secondary" messages={messages} locale={locale} testId="resource-unpublish" />
              )
            ) : (
              <p className="text-sm text-slate-600">{t("resources.form.draftNote")} {t("resources.editPublishedLocked")}</p>
            )}
          </div>
        </Card>

        <Card title={t("resources.details")}>
          <EditResourceForm
            action={updateResourceAction.bind(null, resource.id)}
            initial={{ title: resource.title, summary: resource.summary, type: resource.type, language: resource.language, components: resource.components, lenses: resource.lenses, city: resource.citySlug ?? "", author: resource.author, year: resource.year === null ? "" : String(resource.year) }}
            externalUrl={resource.externalUrl}
            options={options}
            messages={messages}
            locale={locale}
          />
        </Card>

        {resource.fileId !== null && resource.fileName ? (
          <Card title={t("resources.replaceFile")}>
            <p className="mb-3 break-all text-sm text-slate-700">{t("resources.currentFile", { name: resource.fileName })}</p>
            <ReplaceFileForm resourceId={resource.id} messages={messages} locale={locale} initialError={formErrorKey(query.error, isMessageKey)} />
          </Card>
        ) : null}

        {versions ? (
          <Card title={t("resources.versions")}>
            {versions.length === 0 ? (
              <p className="text-sm text-slate-600">{t("resources.versionsNone")}</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="resource-versions">
                {versions.map((version) => (
                  <li key={version.id}>
                    <a href={`/api/v1/resources/${resource.id}/versions/${version.id}/download`} download={version.fileName} className="break-all font-medium text-brand-700 underline">{version.fileName}</a>
                    <span className="text-slate-600"> · {t("resources.versionLine", { name: version.uploaderName ?? "—", size: formatSize(t, format, version.size), date: format.dateTime(version.replacedAt) })}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}

        {isAdmin ? (
          <Card title={t("resources.delete")} className="border-red-200">
            <DeleteResourceForm action={deleteResourceAction.bind(null, resource.id)} hint={t("resources.deleteHint", { count: materials })} messages={messages} locale={locale} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
