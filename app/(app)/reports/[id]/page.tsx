import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { ReportDocument } from "@/components/reports/ReportDocument";
import { ResultForm } from "@/components/ui/ResultForm";
import { ReportStatusBadge } from "@/components/reports/ReportStatusBadge";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadReportComments, loadReportVersion, reportAbilities } from "@/server/loaders/reports";
import { pdfPrintingAvailable } from "@/server/pdf/print";
import { formatters, pickMessages, translator, type MessageKey } from "@/lib/i18n/messages";
import { localizedName } from "@/lib/i18n/config";
import { reportPath, reportPdfPath, reportPrintPath } from "@/lib/reports/paths";
import { COMMENT_MAX, type SectionKey } from "@/lib/reports/templates";
import type { CommentView } from "@/db/queries/reports";
import { answerCommentAction, commentAction, moveReportAction, newVersionAction, resolveCommentAction } from "../actions";

type Props = { params: Promise<{ id: string }> };


/** What the page's forms may say back (a subset, so the catalogue stays on the server). */
const FORM_MESSAGES: MessageKey[] = [
  "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.conflict", "errors.unauthenticated", "validation.checkFields", "validation.required", "validation.tooLong", "validation.invalid", "workflow.commentRequired",
  "reports.saved", "reports.commentsUnanswered", "reports.staleMove", "reports.notInConsultation", "reports.finalFrozen", "reports.unknownSection", "reports.unknownComment", "reports.answerOpeningOnly", "reports.nextVersionOpen",
  "reports.refused.draft", "reports.refused.consultation", "reports.refused.validation", "reports.refused.validated", "reports.refused.final", "validation.reports.answerNeeded", "validation.reports.reasonNeeded", "validation.reports.changeNoteNeeded",
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = routeId((await params).id);
  const user = await requirePagePermission("reports.read");
  const view = id === null ? null : await loadReportVersion(id, user);
  return { title: view?.title };
}

export default async function ReportPage({ params }: Props) {
  const [{ id: raw }, { locale, t, format }] = await Promise.all([params, getI18n()]);
  const user = await requirePagePermission("reports.read");
  const id = routeId(raw);
  const view = id === null ? null : await loadReportVersion(id, user);
  if (!view) notFound();
  const comments = await loadReportComments(view.versionId);
  const can = reportAbilities(view, user);
  const messages = pickMessages(t, FORM_MESSAGES);
  // The document is in its own language; the page around it in the reader's.
  const docT = translator(view.language);
  const docFormat = formatters(view.language, format.timeZone);
  const cityName = view.city ? localizedName(view.city, locale) : t("reports.programme");
  const pdf = pdfPrintingAvailable();
  const formProps = { messages, locale };
  const versionId = view.versionId;

  const threads = (section: SectionKey) => {
    const opening = comments.filter((c) => c.sectionKey === section && c.parentId === null);
    const replies = (parent: number) => comments.filter((c) => c.parentId === parent);
    if (opening.length === 0 && !can.canComment) return null;
    return (
      <aside className="mt-4 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3 print:hidden" aria-label={t("reports.commentsOn", { section: docT(`reports.section.${section}` as MessageKey) })} data-testid={`comments-${section}`}>
        {opening.map((c) => (
          <Thread key={c.id} comment={c} replies={replies(c.id)} />
        ))}
        {can.canComment && (
          <ResultForm action={commentAction} label={t("reports.addComment")} pendingLabel={t("reports.sending")} variant="secondary" testId={`comment-form-${section}`} {...formProps}>
            <input type="hidden" name="versionId" value={view.versionId} />
            <input type="hidden" name="section" value={section} />
            <label className="block text-sm font-medium" htmlFor={`comment-${section}`}>{t("reports.commentLabel")}</label>
            <textarea id={`comment-${section}`} name="body" required maxLength={COMMENT_MAX} rows={2} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
          </ResultForm>
        )}
      </aside>
    );
  };

  function Thread({ comment, replies }: { comment: CommentView; replies: CommentView[] }) {
    return (
      <div id={`comment-${comment.id}`} className={`rounded border bg-white p-2 text-sm ${comment.resolvedAt ? "border-slate-200 opacity-80" : "border-slate-300"}`} data-testid="comment-thread" data-resolved={comment.resolvedAt ? "yes" : "no"}>
        <CommentBody comment={comment} />
        {comment.answer ? (
          <p className="mt-1 text-sm" data-testid="comment-answer" data-answer={comment.answer}>
            <Badge tone={comment.answer === "incorporated" ? "brand" : "amber"}>{t(`reports.answer.${comment.answer}`)}</Badge>
            {comment.answerReason ? <span className="ml-2">{comment.answerReason}</span> : null}
            {comment.answeredByName ? <span className="ml-2 text-slate-500">— {comment.answeredByName}</span> : null}
          </p>
        ) : null}
        {replies.map((r) => (
          <div key={r.id} className="ml-4 mt-2 border-l-2 border-slate-200 pl-2">
            <CommentBody comment={r} />
          </div>
        ))}
        <div className="mt-2 flex flex-wrap items-start gap-3">
          {can.canAnswer && (
            <ResultForm action={answerCommentAction} label={t("reports.answerSave")} pendingLabel={t("reports.sending")} variant="secondary" testId="answer-form" className="flex flex-wrap items-end gap-2" {...formProps}>
              <input type="hidden" name="comment" value={comment.id} />
              <fieldset className="flex flex-wrap gap-3 text-sm">
                <legend className="sr-only">{t("reports.answerLegend")}</legend>
                <label className="inline-flex items-center gap-1"><input type="radio" name="answer" value="incorporated" defaultChecked={comment.answer === "incorporated"} /> {t("reports.answer.incorporated")}</label>
                <label className="inline-flex items-center gap-1"><input type="radio" name="answer" value="not_incorporated" defaultChecked={comment.answer === "not_incorporated"} /> {t("reports.answer.not_incorporated")}</label>
              </fieldset>
              <label className="sr-only" htmlFor={`reason-${comment.id}`}>{t("reports.answerReason")}</label>
              <input id={`reason-${comment.id}`} name="reason" defaultValue={comment.answerReason ?? ""} placeholder={t("reports.answerReason")} maxLength={COMMENT_MAX} className="min-h-11 min-w-48 flex-1 rounded-md border border-slate-300 px-2 text-sm" />
            </ResultForm>
          )}
          {can.canResolve(comment) && (
            <ResultForm action={resolveCommentAction} label={comment.resolvedAt ? t("reports.reopen") : t("reports.resolve")} pendingLabel={t("reports.sending")} variant="secondary" testId="resolve-form" {...formProps}>
              <input type="hidden" name="comment" value={comment.id} />
              <input type="hidden" name="resolved" value={comment.resolvedAt ? "no" : "yes"} />
            </ResultForm>
          )}
          {can.canComment && (
            <ResultForm action={commentAction} label={t("reports.reply")} pendingLabel={t("reports.sending")} variant="secondary" testId="reply-form" className="flex flex-wrap items-end gap-2" {...formProps}>
              <input type="hidden" name="versionId" value={versionId} />
              <input type="hidden" name="section" value={comment.sectionKey} />
              <input type="hidden" name="parent" value={comment.id} />
              <label className="sr-only" htmlFor={`reply-${comment.id}`}>{t("reports.reply")}</label>
              <input id={`reply-${comment.id}`} name="body" required maxLength={COMMENT_MAX} className="min-h-11 min-w-48 flex-1 rounded-md border border-slate-300 px-2 text-sm" />
            </ResultForm>
          )}
        </div>
      </div>
    );
  }

  function CommentBody({ comment }: { comment: CommentView }) {
    return (
      <>
        <p className="text-xs text-slate-500">
          {comment.authorName ?? t("reports.someone")}
          {comment.authorRole ? ` · ${t(`roles.${comment.authorRole}` as MessageKey)}` : ""} · {format.dateTime(comment.createdAt)}
          {comment.resolvedAt ? ` · ${t("reports.resolved")}` : ""}
        </p>
        <p className="whitespace-pre-line" data-testid="comment-body">{comment.body}</p>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={view.title}
        description={`${t(`reports.kind.${view.kind}` as MessageKey)} · ${cityName} · ${t("reports.versionN", { number: view.number })}`}
        actions={
          <>
            <ReportStatusBadge status={view.status} t={t} />
            {can.canEdit && <Link href={`${reportPath(view.versionId)}/edit`} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700" data-testid="edit-report">{t("reports.edit")}</Link>}
            <Link href={reportPrintPath(view.versionId)} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm">{t("reports.printView")}</Link>
            {pdf ? (
              <a href={reportPdfPath(view.versionId)} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm" data-testid="report-pdf">{t("reports.downloadPdf")}</a>
            ) : (
              <span className="inline-flex min-h-11 items-center text-sm text-slate-600" data-testid="pdf-unavailable">{t("reports.pdfUnavailable")}</span>
            )}
          </>
        }
      />
      {view.superseded && <p className="mb-4 rounded-md bg-slate-100 p-3 text-sm" data-testid="superseded">{t("reports.superseded")}</p>}
      {view.status === "draft" && view.returnReason && (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="note" data-testid="return-reason">{t("reports.returnedBecause", { reason: view.returnReason })}</p>
      )}
      {view.status !== "final" && <p className="mb-4 text-sm text-slate-600">{t("reports.liveData")}</p>}

      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <article lang={view.language} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 sm:p-6" data-testid="report-document">
          <ReportDocument sections={view.sections} snapshot={view.snapshot} written={view.written} recommendations={view.recommendations} locale={view.language} t={docT} format={docFormat} showEmpty after={threads} />
        </article>
        <div className="space-y-4">
          {can.moves.length > 0 && (
            <Card title={t("reports.nextStep")}>
              <div className="space-y-4">
                {can.moves.map((move) => (
                  <ResultForm key={move.to} action={moveReportAction} label={t(`reports.move.${view.status}.${move.to}` as MessageKey)} pendingLabel={t("reports.sending")} variant={move.needsComment ? "secondary" : "primary"} testId={`move-${move.to}`} confirmMessage={move.to === "final" ? t("reports.confirmFinal") : undefined} {...formProps}>
                    <input type="hidden" name="versionId" value={view.versionId} />
                    <input type="hidden" name="version" value={view.version} />
                    <input type="hidden" name="to" value={move.to} />
                    {move.needsComment && (
                      <>
                        <label className="block text-sm font-medium" htmlFor={`reason-${move.to}`}>{t("reports.returnReason")}</label>
                        <textarea id={`reason-${move.to}`} name="comment" required maxLength={COMMENT_MAX} rows={2} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
                      </>
                    )}
                  </ResultForm>
                ))}
              </div>
            </Card>
          )}
          {can.canRevise && (
            <Card title={t("reports.correction")}>
              <ResultForm action={newVersionAction} label={t("reports.startCorrection")} pendingLabel={t("reports.sending")} variant="secondary" testId="new-version" {...formProps}>
                <input type="hidden" name="report" value={view.reportId} />
                <label className="block text-sm font-medium" htmlFor="change-note">{t("reports.changeNote")}</label>
                <textarea id="change-note" name="changeNote" required rows={2} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
              </ResultForm>
            </Card>
          )}
          <Card title={t("reports.versions")}>
            <ol className="space-y-1 text-sm" data-testid="report-versions">
              {view.versions.map((v) => (
                <li key={v.id}>
                  <Link href={reportPath(v.id)} className={v.id === view.versionId ? "font-semibold" : "underline"}>{t("reports.versionN", { number: v.number })}</Link> · {t(`reports.status.${v.status}` as MessageKey)}
                  {v.finalizedAt ? ` · ${format.date(v.finalizedAt)}` : ""}
                  {v.changeNote ? <span className="block text-xs text-slate-600">{v.changeNote}</span> : null}
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </>
  );
}
