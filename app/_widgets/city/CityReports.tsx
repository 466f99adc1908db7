import Link from "next/link";
import { Card } from "@/components/ui/Card";
import { getI18n } from "@/server/i18n";
import { loadFinalReportsOfCity } from "@/server/loaders/reports";
import { LOCALE_NAMES, isLocale } from "@/lib/i18n/config";
import { publicReportPath } from "@/lib/reports/paths";
import type { MessageKey } from "@/lib/i18n/messages";

/** The city's final reports (drafts never appear here), each at its newest final version. */
export async function CityReports({ cityId }: { cityId: number }) {
  const [{ t, format }, reports] = await Promise.all([getI18n(), loadFinalReportsOfCity(cityId)]);
  return (
    <Card title={t("reports.publicTitle")}>
      {reports.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="city-reports-empty">{t("reports.publicEmpty")}</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="city-reports">
          {reports.map((r) => (
            <li key={r.reportId}>
              <Link href={publicReportPath(r.reportId)} className="font-medium text-brand-700 underline">{r.title}</Link>
              <span className="ml-1 text-slate-600">
                · {t(`reports.kind.${r.kind}` as MessageKey)} · {isLocale(r.language) ? LOCALE_NAMES[r.language] : r.language} · {t("reports.versionN", { number: r.number })}
                {r.finalizedAt ? ` · ${format.date(r.finalizedAt)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
