import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ResourceCard } from "@/components/resources/ResourceCard";
import { buildFormOptions } from "@/components/resources/options";
import { getCurrentUser } from "@/server/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { RESOURCE_SORTS, resourcePageFiltersSchema } from "@/lib/validation/resources";
import { loadResourceFormOptions, loadResourceList, loadResourceYears } from "@/server/loaders/resources";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.resources") };
}

const PAGE_SIZE = 20;
const select = "mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5";

/**
 * The resource library, open to signed-out visitors: published resources for them, plus their
 * own drafts for uploaders and every draft for reviewers and admins.
 */
export default async function ResourcesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getCurrentUser();
  const params = await searchParams;
  const filters = resourcePageFiltersSchema.parse(params);
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ locale, t, format }, { rows, total }, optionRows, years] = await Promise.all([
    getI18n(),
    loadResourceList(user, { q: filters.q, type: filters.type, language: filters.lang, component: filters.component, lens: filters.lens, city: filters.city, year: filters.year, sort: filters.sort }, page),
    loadResourceFormOptions(),
    loadResourceYears(user),
  ]);
  const options = buildFormOptions(optionRows, t, locale);
  const sort = filters.sort ?? (filters.q ? "relevance" : "newest");
  const keep = { q: filters.q, type: filters.type, lang: filters.lang, component: filters.component, lens: filters.lens, city: filters.city, year: filters.year?.toString(), sort: filters.sort };
  const filterSelect = (name: keyof typeof keep, label: string, choices: { value: string; label: string }[]) => (
    <label className="min-w-0 text-sm">
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={keep[name] ?? ""} className={select}>
        <option value="">{t("common.all")}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>{choice.label}</option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <PageHeader
        title={t("nav.resources")}
        description={t("resources.description")}
        actions={user && can(user.role, "resources.create") ? <Link href="/resources/new" className="inline-flex min-h-10 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">{t("resources.add")}</Link> : null}
      />
      <form role="search" className="mb-4 rounded-lg border border-slate-200 bg-white p-3" data-testid="resource-search">
        <label className="block text-sm" htmlFor="resource-q">
          <span className="font-medium">{t("resources.search")}</span>
          <div className="mt-1 flex gap-2">
            <input id="resource-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} aria-describedby="resource-q-hint" className="min-h-10 min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2" />
            <button type="submit" className="min-h-10 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">{t("resources.search")}</button>
          </div>
          <span id="resource-q-hint" className="mt-1 block text-xs text-slate-600">{t("resources.searchHint")}</span>
        </label>
        <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-8">
          {filterSelect("type", t("resources.type"), options.types)}
          {filterSelect("lang", t("resources.language"), options.languages)}
          {filterSelect("component", t("resources.component"), options.components)}
          {filterSelect("lens", t("resources.lens"), options.lenses)}
          {filterSelect("city", t("resources.city"), options.cities)}
          {filterSelect("year", t("resources.year"), years.map((y) => ({ value: String(y), label: format.number(y, { useGrouping: false }) })))}
          <label className="min-w-0 text-sm">
            <span className="block font-medium">{t("resources.sort")}</span>
            <select name="sort" defaultValue={filters.sort ?? ""} className={select}>
              <option value="">{t(`resources.sort.${sort}`)}</option>
              {RESOURCE_SORTS.filter((s) => s !== sort && (s !== "relevance" || filters.q)).map((s) => (
                <option key={s} value={s}>{t(`resources.sort.${s}`)}</option>
              ))}
            </select>
          </label>
          <div className="flex items-end gap-2 text-sm">
            <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">{t("common.filter")}</button>
            <Link href="/resources" className="inline-flex min-h-10 items-center px-1 text-brand-700 underline">{t("resources.clear")}</Link>
          </div>
        </div>
      </form>

      <p className="mb-2 text-sm text-slate-600" role="status" data-testid="resource-count">{t("resources.count", { count: total })}</p>
      {rows.length === 0 ? (
        <EmptyState title={filters.q || Object.values(keep).some(Boolean) ? t("resources.noResults") : t("resources.empty")} body={filters.q || Object.values(keep).some(Boolean) ? t("resources.noResultsHint") : t("resources.emptyHint")} />
      ) : (
        <ul className="space-y-3" data-testid="resource-list">
          {rows.map((resource) => (
            <ResourceCard key={resource.id} resource={resource} t={t} format={format} locale={locale} />
          ))}
        </ul>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/resources" params={keep} t={t} />
    </>
  );
}
