"use client";

import Link from "next/link";
import { useActionState, useEffect, useMemo, useRef, useState } from "react";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import type { LocalizedText } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { localize } from "@/lib/questionnaires/view";
import { publishVersionAction, saveDraftAction } from "../actions";
import { LocalizedInputs } from "./LocalizedInputs";
import { QuestionCard, type IndicatorChoice } from "./QuestionCard";
import {
  domId,
  emptyText,
  errorsByField,
  fieldFallbacks,
  moveAmong,
  newQuestion,
  nextKey,
  orderedQuestions,
  questionField,
  sectionField,
  showWhenSources,
  toDocument,
  type EditorDraft,
  type EditorOption,
  type EditorQuestion,
  type SentOrder,
} from "./editor-model";

const BUTTON = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50 disabled:opacity-40";
const PRIMARY = "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

type SaveState = { kind: "idle" } | { kind: "saved" } | { kind: "failed"; error: string; errors: Record<string, string> };

/**
 * The editor of a draft version: the whole draft lives here and is saved as one JSON document
 * (saveDraftAction), which the server checks as a whole — every problem comes back at once and is
 * shown beside its field, with a summary on top. Questions and sections move with Up/Down buttons
 * (the focus stays on the moved item); removing asks first.
 */
export function VersionEditor({
  versionId,
  revision: initialRevision,
  initial,
  indicators,
  languageNames,
  locale,
  messages,
  previewHref,
}: {
  versionId: number;
  revision: number;
  initial: EditorDraft;
  indicators: readonly IndicatorChoice[];
  languageNames: LocalizedText;
  locale: Locale;
  messages: MessageSubset;
  previewHref: string;
}) {
  const tr = subsetTranslator(messages, locale);
  const [draft, setDraft] = useState(initial);
  const [revision, setRevision] = useState(initialRevision);
  const [dirty, setDirty] = useState(false);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initial.questions.length <= 8 ? initial.questions.map((q) => q.uid) : []));
  const [announcement, setAnnouncement] = useState("");
  const counter = useRef(0);
  const changes = useRef(0);
  const focusNext = useRef<string[] | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const uid = (prefix: string) => `${prefix}n${++counter.current}`;

  const update = (change: (current: EditorDraft) => EditorDraft) => {
    changes.current += 1;
    setDraft(change);
    setDirty(true);
  };

  // After a move, add or removal: put the focus where the person expects it (React moves the DOM node, which loses it).
  useEffect(() => {
    const ids = focusNext.current;
    if (!ids) return;
    focusNext.current = null;
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element && !(element instanceof HTMLButtonElement && element.disabled)) {
        element.focus();
        break;
      }
    }
  });

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const [saveState, saveAction, saving] = useActionState(async (_previous: SaveState, formData: FormData): Promise<SaveState> => {
    const order = JSON.parse(String(formData.get("order"))) as SentOrder;
    const changesAtSend = changes.current;
    const result = await saveDraftAction(null, formData);
    if (result.ok) {
      setRevision(result.data.revision);
      if (changes.current === changesAtSend) setDirty(false);
      return { kind: "saved" };
    }
    return { kind: "failed", error: result.error, errors: errorsByField(result.fieldErrors ?? {}, order) };
  }, { kind: "idle" });

  const [publishState, publishAction, publishing] = useActionState(publishVersionAction, null);

  useEffect(() => {
    if (saveState.kind === "failed") summaryRef.current?.focus();
  }, [saveState]);

  const errors = saveState.kind === "failed" ? saveState.errors : {};
  const { document: draftDocument, order } = useMemo(() => toDocument(draft), [draft]);
  const ordered = orderedQuestions(draft);
  const positionOf = new Map(ordered.map((q, i) => [q.uid, i + 1]));

  const setQuestion = (questionUid: string, patch: Partial<EditorQuestion>) => update((d) => ({ ...d, questions: d.questions.map((q) => (q.uid === questionUid ? { ...q, ...patch } : q)) }));

  const newOption = (existing: readonly EditorOption[]): EditorOption => ({ uid: uid("o"), value: nextKey("o", existing.map((o) => o.value)), label: emptyText() });

  const addQuestion = (sectionUid: string) => {
    const questionUid = uid("q");
    update((d) => ({ ...d, questions: [...d.questions, newQuestion(questionUid, nextKey("q", d.questions.map((q) => q.key)), sectionUid)] }));
    setOpen((current) => new Set([...current, questionUid]));
    focusNext.current = [domId(questionField(questionUid, "label.en"))];
  };

  const moveQuestion = (question: EditorQuestion, by: -1 | 1) => {
    const peers = draft.questions.filter((q) => q.sectionUid === question.sectionUid);
    const at = peers.findIndex((q) => q.uid === question.uid) + by;
    update((d) => ({ ...d, questions: moveAmong(d.questions, question.uid, by, (q) => q.sectionUid === question.sectionUid) }));
    const [here, other] = by < 0 ? ["up", "down"] : ["down", "up"];
    focusNext.current = [domId(questionField(question.uid, here)), domId(questionField(question.uid, other))];
    setAnnouncement(tr("questionnaire.design.movedQuestion", { key: question.key, place: at + 1, count: peers.length }));
  };

  const moveToSection = (question: EditorQuestion, sectionUid: string) => {
    // To the end of its new section.
    update((d) => ({ ...d, questions: [...d.questions.filter((q) => q.uid !== question.uid), { ...question, sectionUid }] }));
    focusNext.current = [domId(questionField(question.uid, "sectionKey"))];
  };

  const deleteQuestion = (question: EditorQuestion) => {
    const dependents = draft.questions.filter((q) => q.showWhen?.uid === question.uid);
    const label = localize(question.label, locale) || question.key;
    const ask = tr("questionnaire.design.deleteConfirm", { label }) + (dependents.length ? ` ${tr("questionnaire.design.deleteDependents", { count: dependents.length })}` : "");
    if (!window.confirm(ask)) return;
    const peers = ordered.filter((q) => q.sectionUid === question.sectionUid);
    const at = peers.findIndex((q) => q.uid === question.uid);
    const neighbour = peers[at + 1] ?? peers[at - 1];
    update((d) => ({ ...d, questions: d.questions.filter((q) => q.uid !== question.uid).map((q) => (q.showWhen?.uid === question.uid ? { ...q, showWhen: null } : q)) }));
    focusNext.current = [neighbour ? domId(questionField(neighbour.uid)) : domId(sectionField(question.sectionUid, "add"))];
    setAnnouncement(tr("questionnaire.design.deleted", { label }));
  };

  const addSection = () => {
    const sectionUid = uid("s");
    update((d) => ({ ...d, sections: [...d.sections, { uid: sectionUid, key: nextKey("s", d.sections.map((s) => s.key)), title: emptyText() }] }));
    focusNext.current = [domId(sectionField(sectionUid, "title.en"))];
  };

  const moveSection = (sectionUid: string, by: -1 | 1, key: string) => {
    const at = draft.sections.findIndex((s) => s.uid === sectionUid) + by;
    update((d) => ({ ...d, sections: moveAmong(d.sections, sectionUid, by) }));
    const [here, other] = by < 0 ? ["up", "down"] : ["down", "up"];
    focusNext.current = [domId(sectionField(sectionUid, here)), domId(sectionField(sectionUid, other))];
    setAnnouncement(tr("questionnaire.design.movedSection", { key, place: at + 1, count: draft.sections.length }));
  };

  const deleteSection = (sectionUid: string, label: string) => {
    if (!window.confirm(tr("questionnaire.design.sectionDeleteConfirm", { label }))) return;
    const at = draft.sections.findIndex((s) => s.uid === sectionUid);
    const neighbour = draft.sections[at + 1] ?? draft.sections[at - 1];
    update((d) => ({ ...d, sections: d.sections.filter((s) => s.uid !== sectionUid) }));
    focusNext.current = [neighbour ? domId(sectionField(neighbour.uid, "key")) : "qd-add-section"];
  };

  /** Where a problem is, in words: "Question 3 (q3)", "Section 2", "Title". */
  const whereOf = (field: string): string => {
    const [kind, id] = field.split(":");
    if (kind === "q" && id) {
      const q = draft.questions.find((c) => c.uid === id);
      return q ? tr("questionnaire.design.where.question", { number: positionOf.get(q.uid) ?? 0, key: q.key }) : "";
    }
    if (kind === "o" && id) {
      const q = draft.questions.find((c) => c.options.some((o) => o.uid === id));
      const optionNumber = (q?.options.findIndex((o) => o.uid === id) ?? -1) + 1;
      return q ? tr("questionnaire.design.where.option", { number: positionOf.get(q.uid) ?? 0, key: q.key, option: optionNumber }) : "";
    }
    if (kind === "s" && id) return tr("questionnaire.design.where.section", { number: draft.sections.findIndex((s) => s.uid === id) + 1 });
    if (field.startsWith("title")) return tr("questionnaire.design.field.title");
    if (field.startsWith("description")) return tr("questionnaire.design.field.description");
    if (field.startsWith("sections")) return tr("questionnaire.design.sections");
    if (field.startsWith("questions")) return tr("questionnaire.design.questions");
    return "";
  };

  const focusField = (field: string) => {
    for (const name of fieldFallbacks(field)) {
      const element = document.getElementById(domId(name));
      if (element) {
        element.focus();
        return;
      }
    }
  };

  const errorEntries = Object.entries(errors);
  const canPublish = !dirty && !saving && !publishing;

  return (
    <div className="space-y-6">
      <p className="sr-only" aria-live="polite" data-testid="editor-announcement">{announcement}</p>
      <p>
        <Link href={previewHref} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline" data-testid="editor-preview">{tr("questionnaire.design.previewSaved")}</Link>
      </p>
      <form action={saveAction} className="space-y-6" data-testid="version-editor" noValidate>
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="revision" value={revision} />
        <input type="hidden" name="draft" value={JSON.stringify(draftDocument)} />
        <input type="hidden" name="order" value={JSON.stringify(order)} />

        {saveState.kind === "saved" && !dirty ? <FormStatus ok message={tr("questionnaire.design.saved")} testId="editor-saved" /> : null}
        {saveState.kind === "failed" ? (
          <div ref={summaryRef} tabIndex={-1} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800" role="alert" data-testid="editor-errors">
            <p className="font-medium">{tr(saveState.error)}</p>
            {saveState.error === "questionnaire.design.stale" ? (
              <p>
                <a href={`/questionnaires/design/${versionId}`} className="underline">{tr("questionnaire.design.reload")}</a>
              </p>
            ) : null}
            {errorEntries.length ? (
              <ul className="list-inside list-disc space-y-1">
                {errorEntries.map(([field, key]) => (
                  <li key={field}>
                    <a
                      href={`#${domId(field)}`}
                      className="underline"
                      onClick={(event) => {
                        event.preventDefault();
                        focusField(field);
                      }}
                    >
                      {[whereOf(field), tr(key)].filter(Boolean).join(": ")}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <section aria-labelledby="qd-about" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="qd-about" className="text-lg font-semibold">{tr("questionnaire.design.about")}</h2>
          <p className="text-sm text-slate-600">{tr("questionnaire.design.languagesHint")}</p>
          <LocalizedInputs field="title" value={draft.title} onChange={(title) => update((d) => ({ ...d, title }))} label={(language) => tr("questionnaire.design.field.titleIn", { language })} languageNames={languageNames} optionalHint={tr("questionnaire.design.optionalLanguage")} errors={errors} tr={tr} required maxLength={200} />
          <LocalizedInputs field="description" value={draft.description} onChange={(description) => update((d) => ({ ...d, description }))} label={(language) => tr("questionnaire.design.field.descriptionIn", { language })} languageNames={languageNames} optionalHint={tr("questionnaire.design.optionalLanguage")} errors={errors} tr={tr} multiline maxLength={2000} />
        </section>

        <section aria-labelledby="qd-sections-heading" id={domId("sections")} tabIndex={-1} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="qd-sections-heading" className="text-lg font-semibold">{tr("questionnaire.design.sections")}</h2>
          <p className="text-sm text-slate-600">{tr("questionnaire.design.sectionsHint")}</p>
          <FieldError id="qd-sections-error" message={errors.sections ? tr(errors.sections) : undefined} />
          <ol className="space-y-4">
            {draft.sections.map((section, index) => {
              const field = (path = "") => sectionField(section.uid, path);
              const keyId = domId(field("key"));
              const keyProblem = errors[field("key")];
              const count = draft.questions.filter((q) => q.sectionUid === section.uid).length;
              const name = localize(section.title, locale) || section.key;
              const leftovers = Object.entries(errors).filter(([n]) => n.startsWith(field()) && n !== field("key") && !n.startsWith(field("title.")));
              return (
                <li key={section.uid} id={domId(field())} tabIndex={-1} className="space-y-3 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0" data-testid={`design-section-${section.key}`}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <h3 className="min-w-0 flex-1 break-words font-medium">
                      <span className="text-slate-500">{tr("questionnaire.design.where.section", { number: index + 1 })}</span> {name}
                      <span className="block text-sm font-normal text-slate-600">{tr("questionnaire.design.sectionCount", { count })}</span>
                    </h3>
                    <div className="flex flex-wrap gap-1">
                      <button type="button" id={domId(field("up"))} className={BUTTON} disabled={index === 0} onClick={() => moveSection(section.uid, -1, section.key)} aria-label={tr("questionnaire.design.sectionUpLabel", { number: index + 1 })}>
                        <span aria-hidden="true">↑</span>&nbsp;{tr("questionnaire.design.moveUp")}
                      </button>
                      <button type="button" id={domId(field("down"))} className={BUTTON} disabled={index === draft.sections.length - 1} onClick={() => moveSection(section.uid, 1, section.key)} aria-label={tr("questionnaire.design.sectionDownLabel", { number: index + 1 })}>
                        <span aria-hidden="true">↓</span>&nbsp;{tr("questionnaire.design.moveDown")}
                      </button>
                      <button type="button" className={`${BUTTON} text-red-800`} disabled={count > 0 || draft.sections.length === 1} onClick={() => deleteSection(section.uid, name)} aria-label={tr("questionnaire.design.sectionDeleteLabel", { number: index + 1 })} aria-describedby={count > 0 ? domId(field("deleteHint")) : undefined}>
                        {tr("questionnaire.design.delete")}
                      </button>
                    </div>
                  </div>
                  {count > 0 ? <p id={domId(field("deleteHint"))} className="sr-only">{tr("questionnaire.design.sectionNotEmpty")}</p> : null}
                  {leftovers.map(([n, key]) => (
                    <p key={n} className="text-sm text-red-700">{tr(key)}</p>
                  ))}
                  <div className="grid gap-3 sm:grid-cols-3">
                    <div className="min-w-0">
                      <label htmlFor={keyId} className="block text-sm font-medium">{tr("questionnaire.design.field.key")}</label>
                      <input id={keyId} type="text" value={section.key} maxLength={40} autoComplete="off" spellCheck={false} onChange={(e) => update((d) => ({ ...d, sections: d.sections.map((s) => (s.uid === section.uid ? { ...s, key: e.target.value } : s)) }))} aria-invalid={keyProblem ? true : undefined} aria-describedby={keyProblem ? `${keyId}-error` : undefined} className={`mt-1 min-h-11 w-full rounded-md border px-3 font-mono ${keyProblem ? "border-red-600" : "border-slate-300"}`} />
                      <FieldError id={`${keyId}-error`} message={keyProblem ? tr(keyProblem) : undefined} />
                    </div>
                  </div>
                  <LocalizedInputs field={field("title")} value={section.title} onChange={(title) => update((d) => ({ ...d, sections: d.sections.map((s) => (s.uid === section.uid ? { ...s, title } : s)) }))} label={(language) => tr("questionnaire.design.field.sectionTitleIn", { language })} languageNames={languageNames} optionalHint={tr("questionnaire.design.optionalLanguage")} errors={errors} tr={tr} required maxLength={200} />
                </li>
              );
            })}
          </ol>
          <button type="button" id="qd-add-section" className={BUTTON} onClick={addSection}>{tr("questionnaire.design.addSection")}</button>
        </section>

        <section aria-labelledby="qd-questions-heading" id={domId("questions")} tabIndex={-1} className="space-y-4">
          <h2 id="qd-questions-heading" className="text-lg font-semibold">{tr("questionnaire.design.questions")}</h2>
          <FieldError id="qd-questions-error" message={errors.questions ? tr(errors.questions) : undefined} />
          {draft.sections.map((section) => {
            const own = ordered.filter((q) => q.sectionUid === section.uid);
            const name = localize(section.title, locale) || section.key;
            return (
              <div key={section.uid} className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3 sm:p-4">
                <h3 className="font-semibold">{name}</h3>
                {own.length === 0 ? <p className="text-sm text-slate-600">{tr("questionnaire.design.sectionEmpty")}</p> : null}
                {own.map((question, index) => (
                  <QuestionCard
                    key={question.uid}
                    question={question}
                    number={positionOf.get(question.uid) ?? 0}
                    canMoveUp={index > 0}
                    canMoveDown={index < own.length - 1}
                    sections={draft.sections}
                    sources={showWhenSources(draft, question.uid)}
                    allQuestions={draft.questions}
                    indicators={indicators}
                    errors={errors}
                    open={open.has(question.uid)}
                    locale={locale}
                    languageNames={languageNames}
                    tr={tr}
                    onChange={(patch) => setQuestion(question.uid, patch)}
                    onSection={(sectionUid) => moveToSection(question, sectionUid)}
                    onMove={(by) => moveQuestion(question, by)}
                    onDelete={() => deleteQuestion(question)}
                    onToggle={() =>
                      setOpen((current) => {
                        const next = new Set(current);
                        if (next.has(question.uid)) next.delete(question.uid);
                        else next.add(question.uid);
                        return next;
                      })
                    }
                    newOption={newOption}
                  />
                ))}
                <button type="button" id={domId(sectionField(section.uid, "add"))} className={BUTTON} onClick={() => addQuestion(section.uid)}>
                  {tr("questionnaire.design.addQuestion", { section: name })}
                </button>
              </div>
            );
          })}
        </section>

        <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 p-3">
          <button type="submit" className={PRIMARY} disabled={saving} aria-disabled={saving} data-testid="editor-save">
            {saving ? tr("common.saving") : tr("questionnaire.design.save")}
          </button>
          <span className="text-sm text-slate-600" data-testid="editor-dirty">{dirty ? tr("questionnaire.design.unsaved") : tr("questionnaire.design.allSaved")}</span>
        </div>
      </form>

      <form action={publishAction} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="publish-form">
        <h2 className="text-lg font-semibold">{tr("questionnaire.design.publish")}</h2>
        <p className="text-sm text-slate-600" id="qd-publish-hint">{dirty ? tr("questionnaire.design.publishSaveFirst") : tr("questionnaire.design.publishHint")}</p>
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="revision" value={revision} />
        {publishState && !publishState.ok ? <FormStatus ok={false} message={tr(publishState.error)} testId="publish-error" /> : null}
        <button
          type="submit"
          className={PRIMARY}
          disabled={!canPublish}
          aria-describedby="qd-publish-hint"
          onClick={(event) => {
            if (!window.confirm(tr("questionnaire.design.publishConfirm"))) event.preventDefault();
          }}
          data-testid="publish-button"
        >
          {publishing ? tr("questionnaire.design.publishing") : tr("questionnaire.design.publishButton")}
        </button>
      </form>
    </div>
  );
}
