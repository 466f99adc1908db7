import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { QuestionnaireFields, type QuestionnaireFieldTexts } from "@/components/questionnaires/QuestionnaireFields";
import { ResponseStatusBadge } from "@/components/questionnaires/ResponseStatusBadge";
import { AnswerForm } from "./AnswerForm";
import { ReviewPanel } from "./ReviewPanel";
import { reviewResponseAction, saveAnswersAction } from "./actions";
import { requireUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadResponsePage, type ResponsePage } from "@/server/loaders/responses";
import { pickMessages, type MessageKey, type Translate, type Formatters } from "@/lib/i18n/messages";
import { cityToday, daysLeft } from "@/lib/questionnaires/rules";
import type { FieldValue } from "@/lib/questionnaires/view";

type Props = { params: Promise<{ id: string }> };

const parseId = (raw: string) => (/^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ id }, { t }] = await Promise.all([params, getI18n()]);
  return { title: parseId(id) ? t("responses.title") : undefined };
}

// Every message an answer's check or a review can come back with.
const FORM_MESSAGES = [
  "validation.checkFields", "validation.invalid", "validation.tooLong", "validation.number", "validation.numberSeparators", "validation.numberTooLarge",
  "validation.answer.range", "validation.answer.min", "validation.answer.max", "validation.answer.wholeNumber", "validation.answer.decimals", "validation.answer.oneChoice",
  "validation.answer.choice", "validation.answer.noOther", "validation.answer.tooManyChoices", "validation.answer.tooLong", "validation.answer.yesNo", "validation.answer.controlChars",
  "validation.answer.date", "validation.answer.invalid", "validation.answer.required", "validation.answer.unknownQuestion",
  "validation.range.between", "validation.range.percent", "validation.range.ratio", "validation.range.count", "validation.range.days", "validation.range.boolean", "validation.range.score5",
  "validation.wholeNumber", "validation.annualQ4", "validation.periodTooEarly", "validation.indicatorUnknown", "validation.duplicateRow", "validation.evidenceResource", "validation.url",
  "values.lockedInReview", "values.vanished", "values.explanationNeeded", "values.fourEyes", "values.notSubmitted",
  "responses.conflict", "responses.valueConflict", "responses.notSubmittedFix", "responses.notSubmittable", "responses.notSubmitted", "responses.returnNeedsComment", "responses.reviewRefused", "responses.reviewStale", "responses.chooseDecision",
  "responses.lock.submitted", "responses.lock.accepted", "responses.lock.notOpen", "responses.lock.closed", "responses.lock.deadline",
  "resources.file.tooLarge", "resources.file.empty", "resources.file.executable", "resources.file.typeNotAllowed",
  "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found", "errors.conflict",
] as const satisfies readonly MessageKey[];

function fieldTexts(t: Translate, format: Formatters, page: ResponsePage): QuestionnaireFieldTexts {
  const hints: Record<string, string> = {};
  for (const q of page.questions) {
    if (!q.indicator) continue;
    hints[q.key] = t("questionnaire.field.indicatorRange", { code: q.indicator.code, min: format.number(q.indicator.min ?? 0), max: q.indicator.max === null ? "∞" : format.number(q.indicator.max) });
  }
  return {
    required: t("questionnaire.field.required"),
    yes: t("questionnaire.field.yes"),
    no: t("questionnaire.field.no"),
    other: t("questionnaire.field.other"),
    choose: t("questionnaire.field.choose"),
    currentFile: t("questionnaire.field.currentFile"),
    comment: t("questionnaire.field.comment"),
    indicatorHint: hints,
    explanation: t("responses.explanation"),
    valueStatus: { draft: t("responses.value.draft"), submitted: t("responses.value.submitted"), validated: t("responses.value.validated"), returned: t("responses.value.returned") },
  };
}

/** A sent file's link, for the review table. */
function fileLink(value: FieldValue | undefined): { href?: string } {
  return value && "file" in value && value.file?.href ? { href: value.file.href } : {};
}

/** A stored answer as the review table shows it: the choice's label, not its stored value. */
function shownAnswer(page: ResponsePage, key: string, value: FieldValue | undefined, t: Translate): string {
  const question = page.questions.find((q) => q.key === key);
  if (!question || !value) return "—";
  if ("file" in value) return value.file?.name ?? "—";
  if ("choices" in value) return [...value.choices.map((c) => question.optionLabels[c] ?? c), ...(value.other ? [value.other] : [])].join("; ") || "—";
  if (question.type === "yes_no") return value.text === "yes" ? t("questionnaire.field.yes") : t("questionnaire.field.no");
  return value.text || "—";
}

/**
 * One city's answers to a round. Its officer answers here (drafts saved to the server, resumable
 * anywhere, then submitted); a reviewer reads a submitted response and accepts or returns it,
 * with comments on the whole or on single questions. Anyone else who may read it sees it read-only.
 * Wherever it cannot be changed the page says why.
 */
export default async function ResponsePage({ params }: Props) {
  const actor = await requireUser();
  const id = parseId((await params).id);
  if (id === null) notFound();
  const { locale, t, format } = await getI18n();
  const page = await loadResponsePage(id, actor, locale);
  if (!page) notFound();
  const texts = fieldTexts(t, format, page);
  const today = cityToday(page.city.country);
  const left = daysLeft(page.round.dueOn, today);
  const lastSaved = page.status === "not_started" ? null : page.updatedAt.toISOString();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/questionnaires" className="text-brand-700 underline">{t("responses.back")}</Link>
      </p>
      <PageHeader title={page.questionnaire.title} description={`${page.round.title} · ${page.city.name} · ${page.round.period}`} />
      <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="response-facts">
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("responses.statusLabel")}</dt>
          <dd data-testid="response-status" data-status={page.status}><ResponseStatusBadge status={page.status} t={t} /></dd>
        </div>
        <div className="flex gap-2">
          <dt className="text-slate-600">{t("responses.deadline")}</dt>
          <dd>
            {format.date(page.round.dueOn)}
            {page.status !== "submitted" && page.status !== "accepted" ? ` (${left >= 0 ? t("responses.daysLeft", { count: left }) : t("responses.overdue", { count: -left })})` : ""}
          </dd>
        </div>
        {page.reopenedUntil ? (
          <div className="flex gap-2">
            <dt className="text-slate-600">{t("responses.reopenedUntil")}</dt>
            <dd>{format.date(page.reopenedUntil)}</dd>
          </div>
        ) : null}
      </dl>
      {page.questionnaire.description ? <p className="mb-4 max-w-3xl whitespace-pre-wrap text-slate-700">{page.questionnaire.description}</p> : null}
      {page.wholeComments.length ? (
        <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="review-comment">
          <p className="font-medium">{t(page.status === "returned" ? "responses.returnedBecause" : "responses.reviewComment")}</p>
          {page.wholeComments.map((comment, i) => (
            <p key={i} className="whitespace-pre-wrap">{comment}</p>
          ))}
        </div>
      ) : null}
      {page.lock ? (
        <p className="mb-4 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm" role="status" data-testid="response-lock" data-lock={page.lock}>
          {t(`responses.lock.${page.lock === "not_open" ? "notOpen" : page.lock}`, { date: format.date(page.round.dueOn) })}
        </p>
      ) : null}

      {page.canAnswer ? (
        <AnswerForm
          action={saveAnswersAction.bind(null, page.id)}
          version={page.version}
          sections={page.sections}
          questions={page.questions}
          values={page.fieldValues}
          indicatorStates={page.indicatorStates}
          comments={page.questionComments}
          texts={{
            ...texts,
            save: t("responses.save"),
            submit: t("responses.submit"),
            saving: t("common.saving"),
            confirmSubmit: t("responses.confirmSubmit"),
            savedAt: t("responses.savedAt", { time: "{time}" }),
            submitted: t("responses.submittedNow"),
          }}
          messages={pickMessages(t, FORM_MESSAGES)}
          locale={locale}
          lastSaved={lastSaved}
        />
      ) : page.canReview ? (
        <ReviewPanel
          action={reviewResponseAction.bind(null, page.id)}
          version={page.version}
          rows={page.questions.map((q) => ({
            key: q.key,
            section: page.sections.find((s) => s.key === q.sectionKey)?.title ?? "",
            label: q.label,
            answer: shownAnswer(page, q.key, page.fieldValues[q.key], t),
            ...fileLink(page.fieldValues[q.key]),
            indicator: q.indicator ? { code: q.indicator.code, status: page.indicatorStates[q.key]?.status ?? null } : null,
          }))}
          texts={{
            answer: t("responses.review.answer"),
            commentOn: t("responses.review.commentOn"),
            wholeComment: t("responses.review.wholeComment"),
            accept: t("responses.review.accept"),
            return: t("responses.review.return"),
            decision: t("responses.review.decision"),
            send: t("responses.review.send"),
            saving: t("common.saving"),
            done: t("responses.review.done"),
            valueStatus: texts.valueStatus ?? {},
            hint: t("responses.review.hint"),
          }}
          messages={pickMessages(t, FORM_MESSAGES)}
          locale={locale}
        />
      ) : (
        <QuestionnaireFields sections={page.sections} questions={page.questions} values={page.fieldValues} comments={page.questionComments} texts={texts} indicatorStates={page.indicatorStates} readOnly />
      )}
    </>
  );
}
