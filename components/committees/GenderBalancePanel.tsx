import type { GenderBalance } from "@/lib/committees";
import { GENDERS } from "@/lib/domain";
import type { Formatters, Translate } from "@/lib/i18n/messages";

const BAR: Record<(typeof GENDERS)[number], string> = { female: "bg-brand-600", male: "bg-slate-500", other: "bg-amber-500", undisclosed: "bg-slate-300" };

/** Current members by gender and the women's share, as numbers first (the bar only repeats them). */
export function GenderBalancePanel({ balance, t, format }: { balance: GenderBalance; t: Translate; format: Formatters }) {
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 0 });
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="gender-balance" aria-labelledby="gender-balance-title">
      <h2 id="gender-balance-title" className="mb-2 text-lg font-semibold text-slate-900">{t("committees.balance.title")}</h2>
      {balance.womenShare === null ? (
        <p className="text-sm text-slate-600">{t("committees.balance.none")}</p>
      ) : (
        <>
          <p className="text-2xl font-semibold tabular-nums" data-testid="women-share">{t("committees.balance.womenShare", { share: percent(balance.womenShare) })}</p>
          <p className="text-sm text-slate-600">{t("committees.balance.total", { count: balance.total })}</p>
          <div className="mt-3 flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
            {GENDERS.map((gender) => (balance.counts[gender] > 0 ? <div key={gender} className={BAR[gender]} style={{ width: `${(balance.counts[gender] / balance.total) * 100}%` }} /> : null))}
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            {GENDERS.map((gender) => (
              <div key={gender} className="flex justify-between gap-2" data-testid={`balance-${gender}`}>
                <dt className="flex items-center gap-2">
                  <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${BAR[gender]}`} />
                  {t(`events.gender.${gender}`)}
                </dt>
                <dd className="tabular-nums">{format.number(balance.counts[gender])}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <p className="mt-3 text-xs text-slate-600">{t("committees.balance.hint")}</p>
    </section>
  );
}
