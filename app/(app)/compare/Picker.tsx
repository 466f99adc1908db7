import Link from "next/link";
import { MAX_COMPARE, PICKER_GROUPS, PICKER_RESULTS, type CompareCity, type Comparison } from "@/db/queries/compare";
import { loadPickerGroups, loadPickerSearch } from "@/server/loaders/compare";
import { localizedName, type Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { compareHref, type CompareParams } from "./params";

const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";

function CityBox({ city, checked, t, name }: { city: CompareCity; checked: boolean; t: Translate; name: string }) {
  return (
    <li>
      <label className="flex min-h-8 items-center gap-2 text-sm">
        <input type="checkbox" name="city" value={city.slug} defaultChecked={checked} className="h-4 w-4" data-testid={`pick-${city.slug}`} />
        <span>{name}</span>
        <span className="text-xs text-slate-500">{t(`programmeRoles.${city.programmeRole}`)}</span>
      </label>
    </li>
  );
}

/** "Previous"/"next" for one of the picker's lists: submit buttons, so the ticks made so far are kept. */
function Pager({ param, page, pageSize, total, label, t }: { param: "found" | "groups"; page: number; pageSize: number; total: number; label: string; t: Translate }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-sm" role="group" aria-label={label}>
      {page > 1 ? <button type="submit" name={param} value={Math.min(page, pages) - 1} className={button}>{t("pagination.previous")}</button> : null}
      <span className="text-slate-600">{t("pagination.pageOf", { page: Math.min(page, pages), pages })}</span>
      {page < pages ? <button type="submit" name={param} value={page + 1} className={button} data-testid={`${param}-next`}>{t("pagination.next")}</button> : null}
    </div>
  );
}

/**
 * The city picker: one GET form, so it works without JavaScript. It never lists every city: the
 * cities compared now (ticked), a search by name in any language (a page of results), and a page
 * of mentor groups. Cities already listed above are left out of the lists below, so each city has
 * one checkbox.
 */
export async function Picker({ params, comparison, locale, t }: { params: CompareParams; comparison: Comparison; locale: Locale; t: Translate }) {
  const listed = [...comparison.cities, ...comparison.dropped];
  const listedIds = new Set(listed.map((c) => c.id));
  const [groups, found] = await Promise.all([
    loadPickerGroups(locale, params.groups),
    params.q === undefined ? null : loadPickerSearch(params.q, locale, params.found, [...listedIds]),
  ]);
  const name = (city: CompareCity) => localizedName(city, locale);
  const chosen = new Set(comparison.cities.map((c) => c.id));
  const legend = "mb-1 text-sm font-medium text-slate-700";
  return (
    <form method="get" action="/compare" data-testid="compare-form" className="space-y-5">
      {comparison.view === "lens" ? <input type="hidden" name="view" value="lens" /> : null}
      {params.period ? <input type="hidden" name="period" value={params.period} /> : null}
      <p className="text-sm text-slate-600">{t("compare.pickHint", { max: MAX_COMPARE })}</p>

      <fieldset data-testid="compare-chosen">
        <legend className={legend}>{t("compare.chosen")}</legend>
        {listed.length ? (
          <ul className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {listed.map((city) => <CityBox key={city.slug} city={city} checked={chosen.has(city.id)} t={t} name={name(city)} />)}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("compare.chosenNone")}</p>
        )}
      </fieldset>

      <fieldset data-testid="compare-search">
        <legend className={legend}>{t("compare.search.legend")}</legend>
        <div className="flex flex-wrap items-end gap-2">
          <label className="text-sm">
            <span className="block">{t("compare.search.label")}</span>
            <input type="search" name="q" defaultValue={params.q ?? ""} maxLength={100} className="mt-1 w-56 max-w-full rounded-md border border-slate-300 px-2 py-1.5" data-testid="compare-q" />
          </label>
          {/* The first submit button of the form: Enter in the search box runs the search. */}
          <button type="submit" className={button} data-testid="compare-search-submit">{t("compare.search.submit")}</button>
        </div>
        {found === null ? null : found.total === 0 ? (
          <p className="mt-2 text-sm text-slate-600" role="status" data-testid="compare-search-none">{t("compare.search.none", { q: params.q ?? "" })}</p>
        ) : (
          <div className="mt-2">
            <p className="text-sm text-slate-600" role="status" data-testid="compare-search-count">
              {t("compare.search.count", { from: Math.min(found.total, (params.found - 1) * PICKER_RESULTS + 1), to: Math.min(found.total, params.found * PICKER_RESULTS), total: found.total })}
            </p>
            <ul className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3" data-testid="compare-search-results">
              {found.rows.map((city) => <CityBox key={city.slug} city={city} checked={false} t={t} name={name(city)} />)}
            </ul>
            <Pager param="found" page={params.found} pageSize={PICKER_RESULTS} total={found.total} label={t("compare.search.legend")} t={t} />
          </div>
        )}
      </fieldset>

      {groups.total > 0 ? (
        <fieldset data-testid="compare-groups">
          <legend className={legend}>{t("compare.mentorGroups")}</legend>
          <div className="grid items-start gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {groups.groups.map(({ mentor, mentees }) => {
              const others = [mentor, ...mentees].filter((c) => !listedIds.has(c.id));
              const current = !params.slugs.length && comparison.mentor?.id === mentor.id;
              return (
                <details key={mentor.slug} className="rounded-md border border-slate-200">
                  <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{t("compare.groupOf", { mentor: name(mentor) })}</summary>
                  <div className="px-3 pb-2">
                    <Link href={compareHref({ slugs: [], mentor: mentor.slug }, comparison.view)} aria-current={current ? "page" : undefined} className="text-sm text-brand-700 underline underline-offset-2">
                      {t("compare.compareGroup")}
                    </Link>
                    <ul className="mt-1 space-y-1">
                      {others.map((city) => <CityBox key={city.slug} city={city} checked={false} t={t} name={name(city)} />)}
                    </ul>
                  </div>
                </details>
              );
            })}
          </div>
          <Pager param="groups" page={params.groups} pageSize={PICKER_GROUPS} total={groups.total} label={t("compare.mentorGroups")} t={t} />
        </fieldset>
      ) : null}

      <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white" data-testid="compare-submit">{t("compare.submit")}</button>
    </form>
  );
}
