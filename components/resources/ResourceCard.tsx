import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { localizedName, type Locale } from "@/lib/i18n/config";
import type { Formatters, Translate } from "@/lib/i18n/messages";
import type { ResourceListRow } from "@/server/loaders/resources";
import { formatName, formatSize } from "./format";

/** One resource in the list: a card that reads well on a phone. */
export function ResourceCard({ resource, t, format, locale }: { resource: ResourceListRow; t: Translate; format: Formatters; locale: Locale }) {
  const city = resource.cityNameEn && resource.cityNameBn && resource.cityNameNe ? localizedName({ nameEn: resource.cityNameEn, nameBn: resource.cityNameBn, nameNe: resource.cityNameNe }, locale) : null;
  const what = resource.fileName && resource.size !== null ? `${formatName(t, resource.mimeType)}, ${formatSize(t, format, resource.size)}` : t("resources.link");
  const meta = [city, resource.author && resource.author !== city ? resource.author : null, resource.year !== null ? format.number(resource.year, { useGrouping: false }) : null, what, t("resources.downloads", { count: resource.downloadCount })].filter(Boolean);
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`resource-${resource.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="brand">{t(`resources.types.${resource.type}`)}</Badge>
        <Badge>{t(`resources.languages.${resource.language}`)}</Badge>
        {resource.status === "draft" ? <Badge tone="amber">{t("resources.status.draft")}</Badge> : null}
      </div>
      <h2 className="mt-2 text-lg font-semibold">
        <Link href={`/resources/${resource.id}`} lang={resource.language === "other" ? undefined : resource.language} className="text-brand-700 underline-offset-2 hover:underline">
          {resource.title}
        </Link>
      </h2>
      {resource.summary ? <p className="mt-1 line-clamp-3 text-sm text-slate-700" lang={resource.language === "other" ? undefined : resource.language}>{resource.summary}</p> : null}
      <p className="mt-2 text-xs text-slate-600">{meta.join(" · ")}</p>
    </li>
  );
}
