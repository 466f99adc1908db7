import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { ScoreCell } from "@/components/ui/ScoreCell";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadCityScores } from "@/server/loaders/cities";
import { loadFramework } from "@/server/loaders/framework";

/** The city's latest component scores and index with coverage, from validated values only (also shown on the public city page). */
export async function ComponentScores({ cityId }: { cityId: number }) {
  const [{ locale, t, format }, scores, framework] = await Promise.all([getI18n(), loadCityScores(cityId), loadFramework()]);
  return (
    <Card title={t("city.scoresTitle")}>
      {scores.period === null ? (
        <p className="text-sm text-slate-600">{t("city.noScores")}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" data-testid="scores-as-of">{t("city.scoresAsOf", { period: scores.period })}</p>
          <DataTable framed={false} testId="component-scores" columns={[{ label: t("city.component") }, { label: t("city.score"), align: "right" }, { label: t("scores.coverage"), align: "right" }]}>
            {framework.components.map((component) => {
              const score = scores.components.find((s) => s.componentId === component.id);
              return (
                <tr key={component.id} className="border-t border-slate-100" data-testid={`score-${component.code}`}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">{localizedName(component, locale)}</th>
                  <ScoreCell score={score?.score ?? null} format={format} />
                  <td className="px-3 py-2 text-right text-slate-600">{t("city.indicatorsWithData", { count: score?.indicatorsWithData ?? 0, total: score?.indicatorCount ?? 0 })}</td>
                </tr>
              );
            })}
            <tr className="border-t-2 border-slate-200 font-semibold" data-testid="score-index">
              <th scope="row" className="px-3 py-2 text-left">{t("scores.index")}</th>
              <ScoreCell score={scores.index} format={format} />
              <td className="px-3 py-2 text-right">{format.number(scores.indexCoverage, { style: "percent", maximumFractionDigits: 0 })}</td>
            </tr>
          </DataTable>
        </>
      )}
    </Card>
  );
}
