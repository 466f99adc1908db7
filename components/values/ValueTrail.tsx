import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { StatusBadge } from "@/components/ui/StatusBadge";
import type { Unit } from "@/lib/domain";
import { formatIndicatorValue } from "@/lib/format-value";
import type { Formatters, Translate } from "@/lib/i18n/messages";
import { auditActionName, describeValueChange, statusName } from "@/lib/i18n/trail";

export interface ValueTrailEntry {
  id: number;
  action: string;
  period: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actorName: string | null;
}

// Links were checked when saved; an old row that holds anything else is shown as text, never as a link.
const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/**
 * Every change of one indicator's values, newest first: what each change left (value, note,
 * evidence link, status), the reviewer's comment on a decision, who and when in the reader's zone.
 */
export function ValueTrail({ entries, unit, t, format }: { entries: readonly ValueTrailEntry[]; unit: Unit; t: Translate; format: Formatters }) {
  const show = (value: number | null) => (value === null ? "—" : formatIndicatorValue(unit, value, t, format));
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">{t("history.changesIntro", { zone: format.zoneName })}</p>
      <DataTable
        framed={false}
        stacked
        testId="history-changes"
        columns={[{ label: t("audit.whenIn", { zone: format.zoneName }) }, { label: t("audit.who") }, { label: t("audit.action") }, { label: t("city.period") }, { label: t("city.value"), align: "right" }, { label: t("city.status") }, { label: t("history.what") }]}
      >
        {entries.map((entry) => {
          const change = describeValueChange(entry.before, entry.after);
          return (
            <tr key={entry.id} className="border-t border-slate-100 align-top" data-testid="history-change">
              <td className="whitespace-nowrap px-3 py-2">
                <CellLabel>{t("audit.whenIn", { zone: format.zoneName })}</CellLabel>
                <time dateTime={entry.createdAt.toISOString()}>{format.dateTime(entry.createdAt)}</time>
              </td>
              <td className="px-3 py-2"><CellLabel>{t("audit.who")}</CellLabel>{entry.actorName ?? t("audit.system")}</td>
              <td className="px-3 py-2" data-testid="history-action"><CellLabel>{t("audit.action")}</CellLabel>{auditActionName(t, entry.action)}</td>
              <td className="px-3 py-2"><CellLabel>{t("city.period")}</CellLabel>{entry.period}</td>
              <td className="px-3 py-2 text-right tabular-nums max-sm:text-left">
                <CellLabel>{t("city.value")}</CellLabel>
                {change.valueChanged && change.previousValue !== null ? t("history.arrow", { from: show(change.previousValue), to: show(change.value) }) : show(change.value)}
              </td>
              <td className="px-3 py-2" data-testid="history-status">
                <CellLabel>{t("city.status")}</CellLabel>
                {change.statusChanged ? <span className="mr-1 text-xs text-slate-500">{statusName(t, change.previousStatus)} →</span> : null}
                {change.status ? <StatusBadge status={change.status} t={t} /> : "—"}
              </td>
              <td className="px-3 py-2 text-xs">
                <CellLabel>{t("history.what")}</CellLabel>
                <dl className="space-y-1">
                  <div data-testid="history-note">
                    <dt className="inline font-medium">{t("history.note")}: </dt>
                    <dd className="inline whitespace-pre-wrap break-words">{change.note || t("history.noNote")}</dd>
                  </div>
                  {change.evidenceUrl ? (
                    <div data-testid="history-evidence">
                      <dt className="inline font-medium">{t("history.evidence")}: </dt>
                      <dd className="inline break-all">
                        {isWebLink(change.evidenceUrl) ? <a href={change.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">{t("history.openEvidence")}</a> : change.evidenceUrl}
                      </dd>
                    </div>
                  ) : change.evidenceChanged ? (
                    <div data-testid="history-evidence">{t("history.evidenceRemoved")}</div>
                  ) : null}
                  {change.evidenceResourceId !== null ? (
                    <div data-testid="history-evidence-file">
                      <dt className="inline font-medium">{t("history.evidenceFile")}: </dt>
                      <dd className="inline"><a href={`/resources/${change.evidenceResourceId}`} className="text-brand-700 underline">{t("history.openEvidence")}</a></dd>
                    </div>
                  ) : null}
                  {change.flags.length > 0 ? (
                    <div data-testid="history-flags">
                      <dt className="inline font-medium">{t("history.flags")}: </dt>
                      <dd className="inline">{change.flags.map((flag) => t(`review.flag.${flag}`)).join("; ")}</dd>
                    </div>
                  ) : null}
                  {change.explanation ? (
                    <div data-testid="history-explanation">
                      <dt className="inline font-medium">{t("history.explanation")}: </dt>
                      <dd className="inline whitespace-pre-wrap break-words">{change.explanation}</dd>
                    </div>
                  ) : null}
                  {change.reviewComment ? (
                    <div data-testid="history-comment">
                      <dt className="inline font-medium">{t("history.reviewComment")}: </dt>
                      <dd className="inline whitespace-pre-wrap break-words">{change.reviewComment}</dd>
                    </div>
                  ) : null}
                </dl>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
