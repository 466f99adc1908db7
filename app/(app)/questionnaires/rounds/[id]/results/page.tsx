import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EmptyState } from "@/components/ui/EmptyState";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadRoundResults } from "@/server/loaders/round-results";
import { COUNTRIES, PROGRAMME_ROLES, type Country, type ProgrammeRole } from "@/lib/domain";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/config";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("results.title") };
}

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * A round's results per question: how often each choice was picked (with the share of cities
 * that answered), min / median / max of numbers and indicator values, and the texts with their
 * city. Submitted and accepted answers only; filtered by country and programme role. Exports of
 * every answer in each language.
 */
export default async function RoundResultsPage({ params, searchParams }: Props) {
  // City-scoped for officers and approvers: without a city they are refused here (403); they read
  // their own city's answers on its response page.
  await requirePagePermission("responses.read");
  const [{ id }, query, { locale, t, format }] = await Promise.all([params, searchParams, getI18n()]);
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  const country = COUNTRIES.find((c) => c === one(query.country)) as Country | undefined;
  const role = PROGRAMME_ROLES.find((r) => r === one(query.role)) as ProgrammeRole | undefined;
  const results = await loadRoundResults(Number(id), { ...(country ? { country } : {}), ...(role ? { programmeRole: role } : {}) }, locale);
  if (!results) notFound();
  const { answered } = results;
  const exportQuery = (format: "csv" | "xlsx", lang: string) => `/api/v1/rounds/${results.round.id}/responses?format=${format}&lang=${lang}${country ? `&country=${country}` : ""}${role ? `&programme_role=${role}` : ""}`;
  const share = (n: number) => (answered.answered ? format.number(n / answered.answered, { style: "percent", maximumFractionDigits: 0 }) : "—");

  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/questionnaires/rounds/${results.round.id}`} className="text-brand-700 underline">{t("results.back")}</Link></p>
      <PageHeader title={t("results.title")} description={`${results.round.title} · ${results.round.period} · ${t("results.version", { number: results.round.version })}`} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" data-testid="results-filters">
        <label className="text-sm">
          {t("results.country")}
          <select name="country" defaultValue={country ?? ""} className="mt-1 block min-h-11 rounded-md border border-slate-300 px-2">
            <option value="">{t("results.all")}</option>
            {COUNTRIES.map((c) => <option key={c} value={c}>{t(`countries.${c}`)}</option>)}
          </select>
        </label>
        <label className="text-sm">
          {t("results.role")}
          <select name="role" defaultValue={role ?? ""} className="mt-1 block min-h-11 rounded-md border border-slate-300 px-2">
            <option value="">{t("results.all")}</option>
            {PROGRAMME_ROLES.map((r) => <option key={r} value={r}>{t(`programmeRoles.${r}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm">{t("results.apply")}</button>
      </form>
      <p className="mb-4 text-sm" data-testid="results-answered">{t("results.answered", { answered: answered.answered, asked: answered.asked })}</p>
      <Card title={t("results.export")} className="mb-6">
        <ul className="flex flex-wrap gap-3 text-sm" data-testid="results-exports">
          {LOCALES.map((lang) => (
            <li key={lang} className="flex gap-2">
              <span className="text-slate-600" lang={lang}>{LOCALE_NAMES[lang]}:</span>
              <a href={exportQuery("xlsx", lang)} className="text-brand-700 underline" data-testid={`export-xlsx-${lang}`}>XLSX</a>
              <a href={exportQuery("csv", lang)} className="text-brand-700 underline">CSV</a>
            </li>
          ))}
        </ul>
      </Card>
      {answered.answered === 0 ? <EmptyState title={t("results.none")} body={t("results.noneHint")} /> : null}
      {answered.answered > 0
        ? results.sections.map((section) => (
            <section key={section.key} aria-labelledby={`results-${section.key}`} className="mb-6">
              <h2 id={`results-${section.key}`} className="mb-2 text-lg font-semibold">{section.title}</h2>
              <div className="space-y-3">
                {section.questions.map((q) => (
                  <div key={q.key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`result-${q.key}`}>
                    <h3 className="font-medium">{q.label}</h3>
                    {q.choices.length ? (
                      <table className="mt-2 w-full max-w-xl text-sm">
                        <thead className="sr-only"><tr><th>{t("results.choice")}</th><th>{t("results.cities")}</th><th>{t("results.share")}</th></tr></thead>
                        <tbody>
                          {q.choices.map((c) => (
                            <tr key={c.value} className="border-t border-slate-100">
                              <th scope="row" className="py-1 pr-3 text-left font-normal">{q.type === "yes_no" ? t(c.value === "yes" ? "questionnaire.field.yes" : "questionnaire.field.no") : c.label}</th>
                              <td className="w-1/2 py-1">
                                <span className="block h-3 rounded bg-brand-500" style={{ width: `${answered.answered ? Math.round((c.n / answered.answered) * 100) : 0}%` }} aria-hidden="true" />
                              </td>
                              <td className="py-1 pl-3 text-right tabular-nums" data-testid={`count-${q.key}-${c.value}`}>{format.number(c.n)} ({share(c.n)})</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : null}
                    {q.numbers ? (
                      <p className="mt-2 text-sm tabular-nums" data-testid={`numbers-${q.key}`}>
                        {t("results.numbers", { n: q.numbers.n, min: format.number(q.numbers.min), median: format.number(q.numbers.median), max: format.number(q.numbers.max) })}
                      </p>
                    ) : null}
                    {q.texts.length ? (
                      <ul className="mt-2 space-y-1 text-sm">
                        {q.texts.map((item, i) => (
                          <li key={i}><span className="font-medium">{item.city}:</span> <span className="whitespace-pre-wrap">{item.text}</span></li>
                        ))}
                        {q.moreTexts ? <li className="text-slate-600">{t("results.moreTexts", { count: q.moreTexts })}</li> : null}
                      </ul>
                    ) : null}
                    {!q.choices.length && !q.numbers && !q.texts.length ? <p className="mt-1 text-sm text-slate-600">{t("results.noAnswers")}</p> : null}
                  </div>
                ))}
              </div>
            </section>
          ))
        : null}
    </>
  );
}
