import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import { Card } from "@/components/ui/Card";
import { formatName, formatSize } from "@/components/resources/format";
import { getCurrentUser, type CurrentUser } from "@/server/authz";
import { canEditResource } from "@/lib/policies/resources";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadEventsUsingResource, loadRelatedResources, loadResource, loadResourceFormOptions } from "@/server/loaders/resources";
import { resourceIdParam } from "@/lib/validation/resources";

type Props = { params: Promise<{ id: string }> };

// The metadata and the page both ask; loadResource answers once per request (`user` is the same cached object).
async function load(raw: string, user: CurrentUser | null) {
  const id = resourceIdParam(raw);
  return id === null ? null : loadResource(id, user);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ t }, user] = await Promise.all([getI18n(), getCurrentUser()]);
  const resource = await load((await params).id, user);
  return { title: resource ? resource.title : t("nav.resources") };
}

/** A resource's page: open to everyone when published; a draft is "not found" to all but its uploader, reviewers and admins. */
export default async function ResourcePage({ params }: Props) {
  const user = await getCurrentUser();
  const resource = await load((await params).id, user);
  if (!resource) notFound();
  const [{ locale, t, format }, options] = await Promise.all([getI18n(), loadResourceFormOptions()]);
  const componentName = (code: string) => {
    const row = options.components.find((c) => c.code === code);
    return row ? localizedName(row, locale) : code;
  };
  const lensName = (code: string) => {
    const row = options.lenses.find((l) => l.code === code);
    return row ? localizedName(row, locale) : code;
  };
  const city = resource.cityNameEn && resource.cityNameBn && resource.cityNameNe ? localizedName({ nameEn: resource.cityNameEn, nameBn: resource.cityNameBn, nameNe: resource.cityNameNe }, locale) : null;
  const lang = resource.language === "other" ? undefined : resource.language;
  const row = (label: string, value: ReactNode) => (
    <div className="grid gap-1 border-t border-slate-100 py-2 sm:grid-cols-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="sm:col-span-2">{value}</dd>
    </div>
  );
  const isFile = resource.fileId !== null && resource.size !== null;
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/resources" className="inline-flex min-h-10 items-center text-brand-700 underline">← {t("resources.back")}</Link>
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <Badge tone="brand">{t(`resources.types.${resource.type}`)}</Badge>
        <Badge>{t(`resources.languages.${resource.language}`)}</Badge>
        {resource.status === "draft" ? <Badge tone="amber">{t("resources.status.draft")}</Badge> : null}
      </div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-slate-900" lang={lang} data-testid="resource-title">{resource.title}</h1>
          {resource.summary ? <p className="mt-2 max-w-3xl whitespace-pre-line text-slate-700" lang={lang}>{resource.summary}</p> : null}
        </div>
        {canEditResource(user, resource) ? (
          <Link href={`/resources/${resource.id}/edit`} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800" data-testid="resource-edit-link">{t("resources.edit")}</Link>
        ) : null}
      </div>
      {resource.status === "draft" ? <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="note">{t("resources.draftNotice")}</p> : null}

      <div className="mb-6 flex flex-wrap items-center gap-3">
        {/* Through the API so the download is counted and served as an attachment. */}
        <a href={`/api/v1/resources/${resource.id}/download`} className="inline-flex min-h-10 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="resource-download" {...(isFile ? { download: resource.fileName ?? true } : { rel: "noopener noreferrer" })}>
          {isFile && resource.size !== null ? t("resources.downloadFile", { format: formatName(t, resource.mimeType), size: formatSize(t, format, resource.size) }) : t("resources.openLink")}
        </a>
        <span className="text-sm text-slate-600" data-testid="resource-download-count">{t("resources.downloads", { count: resource.downloadCount })}</span>
      </div>

      <Card title={t("resources.details")} className="mb-6">
        <dl className="text-sm">
          {row(t("resources.type"), t(`resources.types.${resource.type}`))}
          {row(t("resources.language"), t(`resources.languages.${resource.language}`))}
          {row(t("resources.components"), resource.components.length ? resource.components.map(componentName).join(", ") : t("resources.none"))}
          {row(t("resources.lenses"), resource.lenses.length ? resource.lenses.map(lensName).join(", ") : t("resources.none"))}
          {row(t("resources.city"), city ?? t("resources.none"))}
          {row(t("resources.author"), resource.author || t("resources.none"))}
          {row(t("resources.year"), resource.year !== null ? format.number(resource.year, { useGrouping: false }) : t("resources.none"))}
          {isFile && resource.size !== null ? row(t("resources.file"), <span className="break-all">{resource.fileName} ({formatName(t, resource.mimeType)}, {formatSize(t, format, resource.size)})</span>) : null}
          {resource.externalUrl ? row(t("resources.link"), <span className="break-all">{resource.externalUrl}</span>) : null}
          {resource.publishedAt ? row(t("resources.publishedOn"), format.date(resource.publishedAt)) : row(t("resources.addedOn"), format.date(resource.createdAt))}
          {/* Staff names stay behind the sign-in. */}
          {user && resource.uploaderName ? row(t("resources.addedBy"), resource.uploaderName) : null}
          {user && resource.publisherName ? row(t("resources.publishedBy"), resource.publisherName) : null}
        </dl>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<Card title={t("resources.related")}><p className="h-16 animate-pulse rounded bg-slate-100" /></Card>}>
          <Related id={resource.id} user={user} />
        </Suspense>
        <Suspense fallback={<Card title={t("resources.events")}><p className="h-16 animate-pulse rounded bg-slate-100" /></Card>}>
          <UsedInEvents id={resource.id} />
        </Suspense>
      </div>
    </>
  );
}

async function Related({ id, user }: { id: number; user: CurrentUser | null }) {
  const [{ t, format }, rows] = await Promise.all([getI18n(), loadRelatedResources(id, user)]);
  return (
    <Card title={t("resources.related")}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("resources.relatedNone")}</p>
      ) : (
        <ul className="space-y-3 text-sm" data-testid="resource-related">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/resources/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline" lang={r.language === "other" ? undefined : r.language}>{r.title}</Link>
              <span className="text-slate-600"> · {t(`resources.types.${r.type}`)}{r.year !== null ? ` · ${format.number(r.year, { useGrouping: false })}` : ""}{r.status === "draft" ? ` · ${t("resources.status.draft")}` : ""}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

async function UsedInEvents({ id }: { id: number }) {
  const [{ t, format, locale }, rows] = await Promise.all([getI18n(), loadEventsUsingResource(id)]);
  return (
    <Card title={t("resources.events")}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("resources.eventsNone")}</p>
      ) : (
        <ul className="space-y-3 text-sm" data-testid="resource-events">
          {rows.map((event) => (
            <li key={event.id}>
              <Link href={`/events/${event.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{event.title}</Link>
              <span className="text-slate-600"> · {format.date(event.startsAt)} · {localizedName({ nameEn: event.cityNameEn, nameBn: event.cityNameBn, nameNe: event.cityNameNe }, locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
