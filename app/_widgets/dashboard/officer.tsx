import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { formatIndicatorValue } from "@/lib/format-value";
import { loadCityRef } from "@/server/loaders/cities";
import { loadOfficerOverview } from "@/server/loaders/dashboard";
import { loadDueSoon } from "@/server/loaders/responses";
import { ResponseStatusBadge } from "@/components/questionnaires/ResponseStatusBadge";
import { cityToday, daysLeft } from "@/lib/questionnaires/rules";
import { localize } from "@/lib/questionnaires/view";

const linkClass = "inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2";

/**
 * The top of an officer's dashboard: their own city first. Values a reviewer returned (with the
 * comment, linking to the entry page of that quarter), quarters not yet submitted (drafts, and
 * missing values for the last completed quarter), and what awaits review. Lists, not tables, so
 * it reads on a 360 px phone without sideways scrolling.
 */
export async function OfficerCity({ cityId }: { cityId: number }) {
  const [{ locale, t, format }, city, overview, dueSoon] = await Promise.all([getI18n(), loadCityRef(cityId), loadOfficerOverview(cityId), loadDueSoon(cityId)]);
  if (!city) return null;
  const today = cityToday(city.country);
  const name = localizedName(city, locale);
  const entry = (period: string) => `/cities/${city.slug}/values/${period}`;
  return (
    <section aria-labelledby="officer-city-title" className="space-y-4" data-testid="officer-city">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="officer-city-title" className="text-xl font-semibold text-slate-900">{t("officer.title", { city: name })}</h2>
        <Link href={`/cities/${city.slug}`} className={linkClass}>{t("officer.cityPage")}</Link>
      </div>
      <div className="grid min-w-0 gap-4 lg:grid-cols-3">
        <Card title={t("officer.returnedTitle")} className="min-w-0 lg:col-span-2">
          {overview.returned.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="officer-returned-none">{t("officer.returnedNone")}</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-600">{t("officer.returnedIntro", { count: overview.returnedTotal })}</p>
              <ul className="divide-y divide-slate-100" data-testid="officer-returned">
                {overview.returned.map((row) => (
                  <li key={row.id} className="py-2" data-testid={`officer-returned-${row.indicatorCode}-${row.period}`}>
                    <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                      <span className="min-w-0 break-words">
                        <span className="font-mono text-xs text-slate-500">{row.indicatorCode}</span> {localizedName({ nameEn: row.indicatorNameEn, nameBn: row.indicatorNameBn, nameNe: row.indicatorNameNe }, locale)}
                      </span>
                      <span className="whitespace-nowrap text-sm tabular-nums">{row.period} · {formatIndicatorValue(row.unit, row.value, t, format)}</span>
                    </div>
                    <blockquote className="mt-1 break-words border-l-4 border-amber-400 bg-amber-50 px-2 py-1 text-sm text-amber-950" data-testid="officer-returned-comment">
                      {row.reviewComment ? row.reviewComment : t("officer.noComment")}
                    </blockquote>
                    <p className="mt-1 text-xs text-slate-600">
                      {row.reviewer ? t("officer.returnedBy", { name: row.reviewer }) : null}
                      {row.reviewedAt ? <> · <time dateTime={row.reviewedAt.toISOString()}>{format.dateTime(row.reviewedAt)}</time></> : null}
                    </p>
                    <Link href={entry(row.period)} className={linkClass} data-testid="officer-returned-link">{t("officer.fixValue", { period: row.period })}</Link>
                  </li>
                ))}
              </ul>
              {overview.returnedTotal > overview.returned.length ? <p className="mt-2 text-xs text-slate-600">{t("officer.returnedMore", { count: overview.returnedTotal - overview.returned.length })}</p> : null}
            </>
          )}
        </Card>
        <div className="min-w-0 space-y-4">
          <Card title={t("dashboard.dueSoon.title")}>
            {dueSoon.length === 0 ? (
              <p className="text-sm text-slate-600" data-testid="officer-due-none">{t("dashboard.dueSoon.empty")}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="officer-due-soon">
                {dueSoon.map((row) => {
                  const left = daysLeft(row.round.dueOn, today);
                  return (
                    <li key={row.id} className="py-2">
                      <Link href={`/questionnaires/responses/${row.id}`} className={linkClass}>{localize(row.round.title, locale)}</Link>
                      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                        <ResponseStatusBadge status={row.status} t={t} />
                        <span className={left < 0 ? "font-semibold text-red-700" : undefined}>{format.date(row.round.dueOn)} · {left < 0 ? t("responses.overdue", { count: -left }) : t("responses.daysLeft", { count: left })}</span>
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
          <Card title={t("officer.toSubmitTitle")}>
            {overview.toSubmit.length === 0 ? (
              <p className="text-sm text-slate-600" data-testid="officer-to-submit-none">{t("officer.toSubmitNone", { period: overview.lastCompleted })}</p>
            ) : (
              <ul className="divide-y divide-slate-100" data-testid="officer-to-submit">
                {overview.toSubmit.map((q) => (
                  <li key={q.period} className="py-2" data-testid={`officer-to-submit-${q.period}`}>
                    <p className="font-medium">{q.period}{q.period === overview.lastCompleted ? <span className="ml-2 text-xs font-normal text-slate-600">{t("officer.lastCompleted")}</span> : null}</p>
                    <p className="text-sm text-slate-700">
                      {[q.missing > 0 ? t("officer.missing", { count: q.missing, due: q.due }) : "", q.drafts > 0 ? t("officer.drafts", { count: q.drafts }) : ""].filter(Boolean).join(" · ")}
                    </p>
                    <Link href={entry(q.period)} className={linkClass} data-testid="officer-to-submit-link">{t("officer.openEntry", { period: q.period })}</Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("officer.awaitingTitle")}>
            {overview.awaiting.length === 0 ? (
              <p className="text-sm text-slate-600" data-testid="officer-awaiting-none">{t("officer.awaitingNone")}</p>
            ) : (
              <ul className="space-y-1 text-sm" data-testid="officer-awaiting">
                {overview.awaiting.map((a) => (
                  <li key={a.period} className="flex flex-wrap justify-between gap-2" data-testid={`officer-awaiting-${a.period}`}>
                    <Link href={entry(a.period)} className={linkClass}>{a.period}</Link>
                    <span className="inline-flex items-center">{t("officer.awaiting", { count: a.n })}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </section>
  );
}
