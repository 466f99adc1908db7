import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { ImportForm } from "./ImportForm";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { getCurrentUser, requirePagePermission } from "@/server/authz";
import { CSV_MAX_BYTES } from "@/lib/csv";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { periodOfDate, quartersEnding } from "@/lib/periods";
import { can } from "@/lib/permissions";
import { canWriteValuesFor } from "@/lib/policies/values";
import { importHistoryScope } from "@/lib/policies/imports";
import { loadCityOptions } from "@/server/loaders/cities";
import { loadImportHistory } from "@/server/loaders/import-history";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("import.title") };
}

const FORM_MESSAGES = [
  "import.file", "import.upload", "import.uploading", "import.problemCount", "import.moreProblems", "import.errorsCaption",
  "import.row", "import.column", "import.problem", "import.saved", "import.unchanged", "import.nothingChanged", "import.submitNext", "import.submitLink",
  "import.checkOnly", "import.checkOnlyHelp", "import.checking", "import.checkButton", "import.checkedOk", "import.checkedNothing", "import.checkedRefused",
  "import.readAs", "import.replaced", "import.flagged", "import.wouldReplace", "import.noVersionColumn",
  "import.conflictsTitle", "import.conflictsHelp", "import.conflictsCaption", "import.city", "import.period", "import.indicator",
  "import.fileValue", "import.currentValue", "import.changedBy", "import.changedAt",
  "csv.delimiter.comma", "csv.delimiter.semicolon", "csv.delimiter.tab", "csv.decimal.point", "csv.decimal.comma",
  "csv.refused", "csv.noFile", "csv.tooLarge", "csv.empty", "csv.notText", "csv.notUtf8",
  "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "validation.invalid",
] as const satisfies readonly MessageKey[];

const HISTORY_PAGE_SIZE = 20;

const DELIMITER_KEY = { ",": "csv.delimiter.comma", ";": "csv.delimiter.semicolon", "\t": "csv.delimiter.tab" } as const satisfies Record<string, MessageKey>;

/** "semicolon-separated, decimal comma", as the import told it. */
function readAs(t: Translate, delimiter: string, decimalComma: boolean): string {
  const key = delimiter === ";" || delimiter === "\t" ? DELIMITER_KEY[delimiter] : DELIMITER_KEY[","];
  return t("import.readAs", { delimiter: t(key), decimal: t(decimalComma ? "csv.decimal.comma" : "csv.decimal.point") });
}

const select = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const button = "inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

/**
 * CSV import of indicator values, with the template and export downloads in the same layout, and
 * the history of imports and checks. Reviewers see the page for the history and the export only.
 */
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  // Officers hold values.write for their own city only; reviewers read the history; anyone else gets the 403 page.
  if (!can(user.role, "values.review")) await requirePagePermission("values.write", { cityId: user.cityId });
  const writer = user.cityId !== null ? canWriteValuesFor(user, user.cityId) : can(user.role, "values.write");
  const historyScope = importHistoryScope(user);
  const historyPage = pageParams((await searchParams).page, HISTORY_PAGE_SIZE);
  const [{ locale, t, format }, allCities, history] = await Promise.all([
    getI18n(),
    loadCityOptions(),
    historyScope ? loadImportHistory(historyScope.cityId, historyPage.limit, historyPage.offset) : Promise.resolve({ rows: [], total: 0 }),
  ]);
  const officer = user.role === "officer";
  const cities = (officer ? allCities.filter((c) => c.id === user.cityId) : allCities).map((c) => ({ slug: c.slug, name: localizedName(c, locale) }));
  const ownCity = officer ? cities[0] : undefined;
  // Newest first: the quarter just ended is the one most often being reported.
  const periods = quartersEnding(periodOfDate(new Date()), 8).reverse();

  return (
    <>
      <PageHeader title={t("import.title")} description={t("import.description")} />
      {ownCity ? <p className="mb-4 text-sm text-slate-700" data-testid="import-scope">{t("import.officerScope", { city: ownCity.name })}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {writer ? (
          <Card title={t("import.uploadTitle")} className="lg:col-span-2">
            <ImportForm messages={pickMessages(t, FORM_MESSAGES)} locale={locale} maxBytes={CSV_MAX_BYTES} />
          </Card>
        ) : null}

        {writer ? (
        <Card title={t("import.templateTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("import.templateHelp")}</p>
          {/* A plain GET form: the browser downloads the file and stays on this page. */}
          <form method="get" action="/api/v1/values/template.csv" className="grid gap-3 sm:grid-cols-2 sm:items-end" data-testid="template-form">
            <label className="block text-sm" htmlFor="template-city">
              <span className="font-medium">{t("import.city")}</span>
              <select id="template-city" name="city" className={select} defaultValue={ownCity?.slug}>
                {cities.map((city) => (
                  <option key={city.slug} value={city.slug}>{city.name}</option>
                ))}
              </select>
            </label>
            <label className="block text-sm" htmlFor="template-period">
              <span className="font-medium">{t("import.period")}</span>
              <select id="template-period" name="period" className={select}>
                {periods.map((period) => (
                  <option key={period} value={period}>{period}</option>
                ))}
              </select>
            </label>
            <div className="sm:col-span-2">
              <button type="submit" className={button}>{t("import.downloadTemplate")}</button>
            </div>
          </form>
        </Card>
        ) : null}

        <Card title={t("import.exportTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("import.exportHelp")}</p>
          <form method="get" action="/api/v1/values.csv" className="grid gap-3 sm:items-end" data-testid="export-form">
            <label className="block text-sm" htmlFor="export-city">
              <span className="font-medium">{t("import.city")}</span>
              <select id="export-city" name="city" className={select} defaultValue={ownCity?.slug ?? ""}>
                {officer ? null : <option value="">{t("import.allCities")}</option>}
                {cities.map((city) => (
                  <option key={city.slug} value={city.slug}>{city.name}</option>
                ))}
              </select>
            </label>
            <div>
              <button type="submit" className={button}>{t("import.downloadExport")}</button>
            </div>
          </form>
        </Card>

        <Card title={t("import.historyTitle")} className="lg:col-span-2">
          {history.rows.length === 0 ? (
            <EmptyState title={t("import.historyEmpty")} body={t("import.historyEmptyHelp")} />
          ) : (
            <>
              <div className="overflow-x-auto">
                <table className="w-full text-sm" data-testid="import-history">
                  <caption className="sr-only">{t("import.historyTitle")}</caption>
                  <thead className="bg-slate-50 text-left text-slate-600">
                    <tr>
                      <th scope="col" className="px-3 py-2">{t("import.historyWhen")}</th>
                      {historyScope?.cityId === undefined ? <th scope="col" className="px-3 py-2">{t("import.city")}</th> : null}
                      <th scope="col" className="px-3 py-2">{t("import.historyWho")}</th>
                      <th scope="col" className="px-3 py-2">{t("import.historyFile")}</th>
                      <th scope="col" className="px-3 py-2">{t("import.historyKind")}</th>
                      <th scope="col" className="px-3 py-2 text-right">{t("import.historySaved")}</th>
                      <th scope="col" className="px-3 py-2 text-right">{t("import.historyUnchanged")}</th>
                      <th scope="col" className="px-3 py-2 text-right">{t("import.historyRefused")}</th>
                      <th scope="col" className="px-3 py-2 text-right">{t("import.historyConflicts")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.rows.map((entry) => (
                      <tr key={entry.id} className="border-t border-slate-100 align-top" data-testid="import-history-row">
                        <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(entry.importedAt)}</td>
                        {historyScope?.cityId === undefined ? <td className="px-3 py-2">{localizedName({ nameEn: entry.cityNameEn, nameBn: entry.cityNameBn, nameNe: entry.cityNameNe }, locale)}</td> : null}
                        <td className="px-3 py-2">{entry.userName ?? "—"}</td>
                        <td className="px-3 py-2">
                          <span className="break-all">{entry.fileName || "—"}</span>
                          <span className="block text-xs text-slate-500">{readAs(t, entry.delimiter, entry.decimalComma)}</span>
                        </td>
                        <td className="px-3 py-2">{t(entry.checkOnly ? "import.historyCheck" : "import.historyImport")}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(entry.rowsSaved)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(entry.rowsUnchanged)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(entry.rowsRefused)}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{format.number(entry.rowsConflicts)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="mt-2 text-xs text-slate-500">{t("import.historySavedHelp")}</p>
              <Pagination page={historyPage.page} pageSize={HISTORY_PAGE_SIZE} total={history.total} basePath="/import" params={{}} t={t} />
            </>
          )}
        </Card>

        <Card title={t("import.formatTitle")} className="lg:col-span-2">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{t("import.formatColumns")}</li>
            <li>{t("import.formatCodes")}</li>
            <li>{t("import.formatValues")}</li>
            <li>{t("import.formatVersion")}</li>
            <li>{t("import.formatStatus")}</li>
            <li>{t("import.formatExcel")}</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
