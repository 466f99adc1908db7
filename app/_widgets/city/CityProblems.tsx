import { Card } from "@/components/ui/Card";
import { DataTable } from "@/components/ui/DataTable";
import { PublicProblemForm } from "@/components/problems/PublicProblemForm";
import { getI18n } from "@/server/i18n";
import { loadPublicProblemCounts } from "@/server/loaders/problems";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { reportProblemAction } from "@/app/(public)/explore/[slug]/actions";

const FORM_KEYS: MessageKey[] = [
  "problems.public.what", "problems.public.details", "problems.public.where", "problems.public.name", "problems.public.phone", "problems.public.honeypot", "problems.public.privacy", "problems.public.send", "problems.public.sent", "problems.public.throttled", "problems.sending",
  "errors.unexpected", "errors.not_found", "validation.checkFields", "validation.invalid", "validation.tooLong", "validation.controlChars", "validation.problems.titleShort", "validation.problems.placeNeeded", "validation.problems.phone",
];

/**
 * The public city page's problems: how many the city is working on and has resolved, per CWIS
 * component (accepted ones only, never who reported them), and the form residents report with.
 */
export async function CityProblems({ city }: { city: { id: number; slug: string } }) {
  const [{ t, locale, format }, counts] = await Promise.all([getI18n(), loadPublicProblemCounts(city.id)]);
  return (
    <Card title={t("problems.public.title")}>
      {counts.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600" data-testid="public-problem-counts-empty">{t("problems.public.none")}</p>
      ) : (
        <div className="mb-4">
          <DataTable testId="public-problem-counts" framed={false} columns={[{ label: t("problems.field.component") }, { label: t("problems.public.open"), align: "right" }, { label: t("problems.public.resolved"), align: "right" }]}>
            {counts.map((row) => (
              <tr key={row.componentCode ?? "none"} className="border-t border-slate-100" data-component={row.componentCode ?? ""}>
                <td className="px-3 py-2">{row.componentCode ? localizedName({ nameEn: row.componentNameEn ?? "", nameBn: row.componentNameBn ?? "", nameNe: row.componentNameNe ?? "" }, locale) : t("problems.public.noComponent")}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="count-open">{format.number(row.open)}</td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="count-resolved">{format.number(row.resolved)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <h3 className="mb-2 font-medium">{t("problems.public.formTitle")}</h3>
      <PublicProblemForm action={reportProblemAction} city={city.slug} messages={pickMessages(t, FORM_KEYS)} locale={locale} />
    </Card>
  );
}
