import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
import { DataTable } from "@/components/ui/DataTable";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { requirePagePermission } from "@/lib/authz";
import { getI18n } from "@/lib/i18n/server";
import { localizedName } from "@/lib/i18n/config";
import { cityFiltersSchema } from "@/lib/validation/cities";
import { getDb } from "@/db/client";
import { listCities } from "@/db/queries/cities";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.cities") };
}

const PAGE_SIZE = 25;
const ROLE_TONE = { mentor: "brand", mentee: "blue", candidate: "neutral" } as const;

export default async function CitiesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("cities.read");
  const params = await searchParams;
  const filters = cityFiltersSchema.parse(params);
  const page = pageParams(params.page, PAGE_SIZE);
  const [{ locale, t, format }, db] = await Promise.all([getI18n(), getDb()]);
  const { rows, total } = await listCities(db, filters, page);

  return (
    <>
      <PageHeader title={t("nav.cities")} description={t("cities.description")} />
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search">
        <label className="text-sm">
          <span className="block font-medium">{t("cities.search")}</span>
          <input name="q" defaultValue={filters.q ?? ""} maxLength={100} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("cities.country")}</span>
          <select name="country" defaultValue={filters.country ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("common.all")}</option>
            <option value="BD">{t("countries.BD")}</option>
            <option value="NP">{t("countries.NP")}</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("cities.role")}</span>
          <select name="role" defaultValue={filters.role ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("common.all")}</option>
            {(["mentor", "mentee", "candidate"] as const).map((role) => (
              <option key={role} value={role}>{t(`programmeRoles.${role}`)}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-medium text-white">{t("common.filter")}</button>
      </form>

      {rows.length === 0 ? (
        <EmptyState title={t("cities.none")} body={t("cities.noneHint")} />
      ) : (
        <DataTable
          testId="cities-table"
          caption={t("cities.tableCaption", { count: total })}
          columns={[
            { label: t("cities.name") },
            { label: t("cities.country") },
            { label: t("cities.kind") },
            { label: t("cities.role") },
            { label: t("cities.mentor") },
            { label: t("cities.population"), align: "right" },
          ]}
        >
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
                  <td className="px-3 py-2 text-right tabular-nums">{city.population ? format.number(city.population) : "—"}</td>
                </tr>
              ))}
        </DataTable>
      )}
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/cities" params={{ q: filters.q, country: filters.country, role: filters.role }} t={t} />
    </>
  );
}
