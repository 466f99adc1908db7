import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { DataTable, type Column } from "@/components/ui/DataTable";
import { ScoreCell } from "@/components/ui/ScoreCell";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { requirePagePermission } from "@/server/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { componentShortName } from "@/lib/i18n/messages";
import { cityFiltersSchema, type CitySort } from "@/lib/validation/cities";
import { loadCityList } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";
import { CountryRoleFilters } from "@/components/ui/FilterField";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.cities") };
}

const PAGE_SIZE = 25;
const ROLE_TONE = { mentor: "brand", mentee: "blue", candidate: "neutral" } as const;

export default async function CitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("cities.read");
  const params = await searchParams;
  const filters = cityFiltersSchema.parse(params);
  const page = pageParams(params.page, PAGE_SIZE);
  const { locale, t, format } = await getI18n();
  const [{ rows, total, scores }, framework] = await Promise.all([loadCityList(filters, page, { sort: filters.sort, direction: filters.dir, locale }), loadFramework()]);
  const scoreOf = (cityId: number, componentId: number) => scores.find((s) => s.cityId === cityId && s.componentId === componentId)?.score ?? null;

  const keep = { q: filters.q, country: filters.country, role: filters.role };
  const sortable = (label: string, sort: CitySort, extra: Partial<Column> = {}): Column => {
    const active = filters.sort === sort;
    const nextDir = active && filters.dir !== "desc" ? "desc" : "asc";
    const query = new URLSearchParams(Object.entries({ ...keep, sort, dir: nextDir }).filter((e): e is [string, string] => Boolean(e[1])));
    return { label, sortHref: `/cities?${query.toString()}`, sorted: active ? (filters.dir === "desc" ? "descending" : "ascending") : undefined, ...extra };
  };
  const columns: Column[] = [
    sortable(t("cities.name"), "name"),
    sortable(t("cities.country"), "country"),
    sortable(t("cities.kind"), "kind"),
    sortable(t("cities.role"), "role"),
    sortable(t("cities.mentor"), "mentor"),
    sortable(t("scores.index"), "index", { align: "right" }),
    ...framework.components.map((c) => sortable(componentShortName(t, c.code, localizedName(c, locale)), `component:${c.id}`, { align: "right", title: localizedName(c, locale) })),
    sortable(t("scores.coverage"), "coverage", { align: "right" }),
    sortable(t("cities.population"), "population", { align: "right" }),
  ];

  return (
    <>
      <PageHeader
        title={t("nav.cities")}
        description={t("cities.description")}
        actions={
          <>
            {can(user.role, "data.export") ? (
              <a href="/api/v1/values.csv" download className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800">{t("cities.exportCsv")}</a>
            ) : null}
            {can(user.role, "cities.create") ? <Link href="/cities/new" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">{t("cities.new")}</Link> : null}
          </>
        }
      />
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search">
        <label className="text-sm">
          <span className="block font-medium">{t("cities.search")}</span>
          <input name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <CountryRoleFilters t={t} country={filters.country} role={filters.role} />
        {filters.sort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {filters.dir ? <input type="hidden" name="dir" value={filters.dir} /> : null}
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white">{t("common.filter")}</button>
      </form>

      {rows.length === 0 ? (
        <EmptyState title={t("cities.none")} body={t("cities.noneHint")} />
      ) : (
        <DataTable testId="cities-table" caption={t("cities.tableCaption", { count: total })} columns={columns}>
          {rows.map((city) => (
            <tr key={city.slug} className="border-t border-slate-100" data-testid={`city-row-${city.slug}`}>
              <td className="px-3 py-2">
                <Link href={`/cities/${city.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{localizedName(city, locale)}</Link>
                <div className="text-xs text-slate-500">{city.region}</div>
              </td>
              <td className="px-3 py-2">{t(`countries.${city.country}`)}</td>
              <td className="px-3 py-2">{t(`cityKinds.${city.kind}`)}</td>
              <td className="px-3 py-2"><Badge tone={ROLE_TONE[city.programmeRole]}>{t(`programmeRoles.${city.programmeRole}`)}</Badge></td>
              <td className="px-3 py-2">
                {city.mentorSlug && city.mentorNameEn && city.mentorNameBn && city.mentorNameNe ? (
                  <Link href={`/cities/${city.mentorSlug}`} className="text-brand-700 hover:underline">
                    {localizedName({ nameEn: city.mentorNameEn, nameBn: city.mentorNameBn, nameNe: city.mentorNameNe }, locale)}
                  </Link>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </td>
              <ScoreCell score={city.cwisIndex} format={format} testId={`index-${city.slug}`} />
              {framework.components.map((c) => (
                <ScoreCell key={c.id} score={scoreOf(city.id, c.id)} format={format} />
              ))}
              <td className="px-3 py-2 text-right tabular-nums">{city.coverage === null ? "—" : format.number(city.coverage, { style: "percent", maximumFractionDigits: 0 })}</td>
              <td className="px-3 py-2 text-right tabular-nums">{city.population ? format.number(city.population) : "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("scores.explain")}</p>
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/cities" params={{ ...keep, sort: filters.sort, dir: filters.dir }} t={t} />
    </>
  );
}
