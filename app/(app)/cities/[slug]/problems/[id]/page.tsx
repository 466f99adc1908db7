import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { FormStatus } from "@/components/ui/FieldError";
import { ResultForm } from "@/components/ui/ResultForm";
import { ProblemForm } from "@/components/problems/ProblemForm";
import { ProblemStatusBadge, SeverityBadge } from "@/components/problems/ProblemBadges";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadProblem } from "@/server/loaders/problems";
import { localizedName } from "@/lib/i18n/config";
import { isMessageKey, pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { problemFilePath, problemFilesApiPath, problemsPath } from "@/lib/problems/paths";
import { PROBLEM_NOTE_MAX } from "@/lib/validation/problems";
import { moveProblemAction, editProblemAction } from "../actions";
import { problemFormMessages, problemFormOptions } from "../form-support";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ error?: string | string[]; added?: string | string[] }> };


const MOVE_MESSAGES: MessageKey[] = ["problems.saved", "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.conflict", "validation.checkFields", "validation.tooLong", "validation.controlChars", "workflow.commentRequired", "problems.stale", "problems.refused.open", "problems.refused.acknowledged", "problems.refused.in_progress", "problems.refused.resolved", "problems.refused.closed", "problems.refused.rejected", "problems.refused.reported"];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = routeId((await params).id);
  const actor = await requirePagePermission("problems.read");
  const view = id === null ? null : await loadProblem(id, actor);
  return { title: view?.problem.title };
}

export default async function ProblemPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission("problems.read");
  const [{ slug, id: raw }, query, { t, locale, format }] = await Promise.all([params, searchParams, getI18n()]);
  const id = routeId(raw);
  const view = id === null ? null : await loadProblem(id, actor);
  if (!view || view.city.slug !== slug) notFound();
  const { problem } = view;
  const uploadError = typeof query.error === "string" && isMessageKey(query.error) ? query.error : null;
  const moveMessages = pickMessages(t, MOVE_MESSAGES);
  const facts: [string, string][] = [
    [t("problems.field.component"), view.component?.code ? localizedName({ nameEn: view.component.nameEn ?? "", nameBn: view.component.nameBn ?? "", nameNe: view.component.nameNe ?? "" }, locale) : t("problems.notSaid")],
    [t("problems.field.place"), problem.place || t("problems.notSaid")],
    [t("problems.field.coordinates"), problem.latitude !== null && problem.longitude !== null ? `${format.number(problem.latitude, { maximumFractionDigits: 5 })}, ${format.number(problem.longitude, { maximumFractionDigits: 5 })}` : t("problems.notSaid")],
    [t("problems.field.source"), t(`problems.source.${problem.source}`)],
    [t("problems.field.committee"), view.committeeName ?? t("problems.notSaid")],
    [t("problems.field.event"), view.eventTitle ?? t("problems.notSaid")],
    [t("problems.field.loggedBy"), problem.source === "resident" ? t("problems.aResident") : (view.createdByName ?? t("problems.someone"))],
    [t("problems.field.loggedOn"), format.date(problem.createdAt)],
  ];
  return (
    <>
      <p className="mb-2 text-sm"><Link href={problemsPath(view.city.slug)} className="text-brand-700 underline">{t("problems.back", { city: localizedName(view.city, locale) })}</Link></p>
      <PageHeader title={problem.title} actions={<><ProblemStatusBadge status={problem.status} t={t} /><SeverityBadge severity={problem.severity} t={t} /></>} />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-4">
          <Card title={t("problems.facts")}>
            {problem.description && <p className="mb-3 whitespace-pre-line text-sm" data-testid="problem-description">{problem.description}</p>}
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2" data-testid="problem-facts">
              {facts.map(([term, value]) => (
                <div key={term} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                  <dt className="text-slate-600">{term}</dt>
                  <dd className="text-right">{value}</dd>
                </div>
              ))}
            </dl>
            {view.reporter && (
              <p className="mt-3 rounded-md bg-slate-50 p-2 text-sm" data-testid="problem-reporter">
                {t("problems.reporter", { name: view.reporter.name || t("problems.noName"), phone: view.reporter.phone || t("problems.noPhone") })}
              </p>
            )}
          </Card>
          {view.canEdit && (
            <Card title={t("problems.edit")}>
              <details>
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium text-brand-700">{t("problems.editOpen")}</summary>
                <div className="mt-3">
                  <ProblemForm
                    action={editProblemAction}
                    hidden={{ id: String(problem.id), version: String(problem.version) }}
                    initial={{ title: problem.title, description: problem.description, componentId: problem.componentId, place: problem.place, latitude: problem.latitude, longitude: problem.longitude, severity: problem.severity, committeeId: problem.committeeId, eventId: problem.eventId }}
                    options={await problemFormOptions(view.city.id, locale, format)}
                    messages={problemFormMessages(t)}
                    locale={locale}
                    withSource={false}
                    submitLabel={t("problems.saveEdit")}
                    testId="problem-edit-form"
                  />
                </div>
              </details>
            </Card>
          )}
          <Card title={t("problems.history")}>
            <ol className="space-y-3 text-sm" data-testid="problem-history">
              {view.history.map((h) => (
                <li key={h.id} className="border-l-2 border-slate-200 pl-3">
                  <p className="font-medium">{h.fromStatus ? t("problems.historyMove", { from: t(`problems.status.${h.fromStatus}`), to: t(`problems.status.${h.toStatus}`) }) : t(h.toStatus === "reported" ? "problems.historyReported" : "problems.historyLogged")}</p>
                  {h.note && <p className="whitespace-pre-line" data-testid="history-note">{h.note}</p>}
                  <p className="text-xs text-slate-500">{h.authorName ?? (h.fromStatus ? t("problems.someone") : t("problems.aResident"))} · {format.dateTime(h.createdAt)}</p>
                </li>
              ))}
            </ol>
          </Card>
          <Card title={t("problems.evidence")}>
            {view.evidence.length === 0 ? <p className="text-sm text-slate-600">{t("problems.noEvidence")}</p> : (
              <ul className="space-y-1 text-sm" data-testid="problem-evidence">
                {view.evidence.map((f) => (
                  <li key={f.id}>
                    <a href={problemFilePath(view.city.slug, problem.id, f.id)} className="text-brand-700 underline">{f.fileName}</a>
                    <span className="ml-1 text-slate-500">· {format.number(Math.max(1, Math.round(f.size / 1024)))} KB · {f.addedByName ?? t("problems.someone")} · {format.date(f.createdAt)}</span>
                  </li>
                ))}
              </ul>
            )}
            {view.canEdit && (
              <form method="post" action={problemFilesApiPath(view.city.slug, problem.id)} encType="multipart/form-data" className="mt-3 flex flex-wrap items-end gap-2" data-testid="evidence-form">
                <label className="text-sm font-medium">
                  {t("problems.addEvidence")}
                  <input type="file" name="file" required accept="image/png,image/jpeg,application/pdf" className="mt-1 block text-sm" />
                </label>
                <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium">{t("problems.upload")}</button>
                <p className="w-full text-xs text-slate-600">{t("problems.evidenceHint")}</p>
              </form>
            )}
            {uploadError && <div className="mt-2"><FormStatus ok={false} testId="evidence-error" message={t(uploadError)} /></div>}
            {query.added === "1" && !uploadError && <div className="mt-2"><FormStatus ok testId="evidence-ok" message={t("problems.evidenceAdded")} /></div>}
          </Card>
        </div>
        <div className="space-y-4">
          {view.moves.length > 0 && (
            <Card title={t("problems.nextStep")}>
              <div className="space-y-4">
                {view.moves.map((move) => (
                  <ResultForm key={move.to} action={moveProblemAction} label={t(`problems.move.${move.to}`)} pendingLabel={t("problems.sending")} variant={move.to === "rejected" || move.to === "closed" ? "secondary" : "primary"} testId={`problem-move-${move.to}`} messages={moveMessages} locale={locale} okKey="problems.saved">
                    <input type="hidden" name="id" value={problem.id} />
                    <input type="hidden" name="version" value={problem.version} />
                    <input type="hidden" name="to" value={move.to} />
                    <label className="block text-sm font-medium" htmlFor={`note-${move.to}`}>{move.needsNote ? t("problems.note") : t("problems.noteOptional")}</label>
                    <textarea id={`note-${move.to}`} name="note" required={move.needsNote} maxLength={PROBLEM_NOTE_MAX} rows={2} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
                  </ResultForm>
                ))}
              </div>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
