import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { ImportForm } from "./ImportForm";
import { getCurrentUser, requirePagePermission } from "@/server/authz";
import { CSV_MAX_BYTES } from "@/lib/csv";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { periodOfDate, quartersEnding } from "@/lib/periods";
import { loadCityOptions } from "@/server/loaders/cities";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("import.title") };
}

const FORM_MESSAGES = [
  "import.file", "import.upload", "import.uploading", "import.problemCount", "import.moreProblems", "import.errorsCaption",
  "import.row", "import.column", "import.problem", "import.saved", "import.unchanged", "import.nothingChanged", "import.submitNext", "import.submitLink",
  "csv.refused", "csv.noFile", "csv.tooLarge", "csv.empty", "csv.notText", "csv.notUtf8",
  "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "validation.invalid",
] as const satisfies readonly MessageKey[];

const select = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const button = "inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

/** CSV import of indicator values, with the template and export downloads in the same layout. */
export default async function ImportPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  // Officers hold values.write for their own city only; anything else gets the 403 page.
  await requirePagePermission("values.write", { cityId: user.cityId });
  const [{ locale, t }, allCities] = await Promise.all([getI18n(), loadCityOptions()]);
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
        <Card title={t("import.uploadTitle")} className="lg:col-span-2">
          <ImportForm messages={pickMessages(t, FORM_MESSAGES)} locale={locale} maxBytes={CSV_MAX_BYTES} />
        </Card>

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

        <Card title={t("import.formatTitle")} className="lg:col-span-2">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{t("import.formatColumns")}</li>
            <li>{t("import.formatCodes")}</li>
            <li>{t("import.formatValues")}</li>
            <li>{t("import.formatStatus")}</li>
            <li>{t("import.formatExcel")}</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
