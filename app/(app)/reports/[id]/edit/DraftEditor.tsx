"use client";

import { useActionState, useState, useTransition } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { MARKDOWN_MAX, MAX_RECOMMENDATIONS, RECOMMENDATION_MAX, TITLE_MAX } from "@/lib/reports/templates";

interface Need {
  answerId: number;
  text: string;
  city: string;
}

interface Props {
  versionId: number;
  version: number;
  title: string;
  changeNote: string;
  showChangeNote: boolean;
  sections: { key: string; title: string }[];
  written: Record<string, string>;
  recommendations: { body: string; needs: number[] }[];
  needs: Need[];
  save: (previous: ActionResult<{ version: number }> | null, formData: FormData) => Promise<ActionResult<{ version: number }>>;
  preview: (previous: unknown, formData: FormData) => Promise<ActionResult<{ html: string; problem: string | null }>>;
  messages: MessageSubset;
  locale: Locale;
}

const input = "w-full rounded-md border border-slate-300 bg-white p-2 text-sm";

/**
 * The draft's editor: each written section as markdown with a preview rendered by the server
 * (the same sanitizer as the report), and the recommendations with the needs each reflects. The
 * whole draft is saved at once; a save from a stale page is refused, not merged.
 */
export function DraftEditor(props: Props) {
  const t = subsetTranslator(props.messages, props.locale);
  const [title, setTitle] = useState(props.title);
  const [changeNote, setChangeNote] = useState(props.changeNote);
  const [written, setWritten] = useState<Record<string, string>>(props.written);
  const [recommendations, setRecommendations] = useState(props.recommendations);
  const [version, setVersion] = useState(props.version);
  const [previews, setPreviews] = useState<Record<string, { html: string; problem: string | null } | string>>({});
  const [previewing, startPreview] = useTransition();
  const [state, formAction] = useActionState(async (previous: ActionResult<{ version: number }> | null, formData: FormData) => {
    const result = await props.save(previous, formData);
    if (result.ok) setVersion(result.data.version);
    return result;
  }, null);

  const draft = JSON.stringify({ versionId: props.versionId, version, title, changeNote, written, recommendations });
  const showPreview = (key: string) =>
    startPreview(async () => {
      const data = new FormData();
      data.set("source", written[key] ?? "");
      const result = await props.preview(null, data);
      setPreviews((p) => ({ ...p, [key]: result.ok ? result.data : t(result.error) }));
    });
  const setRecommendation = (index: number, change: Partial<{ body: string; needs: number[] }>) => setRecommendations((list) => list.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const errors = state && !state.ok ? [t(state.error), ...Object.values(state.fieldErrors ?? {}).flat().map((key) => t(key))].filter((m, i, all) => all.indexOf(m) === i).join(" ") : null;

  return (
    <form action={formAction} className="space-y-6" data-testid="draft-editor">
      <input type="hidden" name="draft" value={draft} />
      <label className="block text-sm font-medium">
        {t("reports.field.title")}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={TITLE_MAX} className={`${input} min-h-11`} />
      </label>
      {props.showChangeNote && (
        <label className="block text-sm font-medium">
          {t("reports.changeNote")}
          <textarea value={changeNote} onChange={(e) => setChangeNote(e.target.value)} rows={2} className={input} />
        </label>
      )}
      {props.sections.map((section) => {
        const preview = previews[section.key];
        return (
          <fieldset key={section.key} className="space-y-2 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-base font-semibold">{section.title}</legend>
            <label className="sr-only" htmlFor={`section-${section.key}`}>{section.title}</label>
            <textarea
              id={`section-${section.key}`}
              data-testid={`written-${section.key}`}
              value={written[section.key] ?? ""}
              onChange={(e) => setWritten((w) => ({ ...w, [section.key]: e.target.value }))}
              rows={6}
              maxLength={MARKDOWN_MAX}
              className={`${input} font-mono`}
              aria-describedby={`hint-${section.key}`}
            />
            <p id={`hint-${section.key}`} className="text-xs text-slate-600">{t("reports.markdownHint", { count: (written[section.key] ?? "").length, max: MARKDOWN_MAX })}</p>
            <button type="button" onClick={() => showPreview(section.key)} disabled={previewing} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm" data-testid={`preview-${section.key}`}>
              {t("reports.preview")}
            </button>
            {preview !== undefined && (
              <div className="rounded-md border border-dashed border-slate-300 bg-slate-50 p-3" data-testid={`preview-output-${section.key}`} aria-live="polite">
                {typeof preview === "string" ? <p className="text-sm text-red-700">{preview}</p> : (
                  <>
                    {preview.problem && <p className="mb-2 text-sm text-red-700" role="alert">{t(preview.problem)}</p>}
                    <div className="prose-report text-sm" dangerouslySetInnerHTML={{ __html: preview.html }} />
                  </>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="recommendations-editor">
        <legend className="px-1 text-base font-semibold">{t("reports.recommendationsList")}</legend>
        {recommendations.map((r, index) => (
          <div key={index} className="space-y-2 rounded border border-slate-200 bg-white p-2" data-testid="recommendation-row">
            <label className="block text-sm font-medium">
              {t("reports.recommendationN", { number: index + 1 })}
              <textarea value={r.body} onChange={(e) => setRecommendation(index, { body: e.target.value })} rows={2} maxLength={RECOMMENDATION_MAX} className={input} />
            </label>
            {props.needs.length > 0 && (
              <fieldset className="text-sm">
                <legend className="font-medium">{t("reports.reflectsNeeds")}</legend>
                {props.needs.map((need) => (
                  <label key={need.answerId} className="flex items-start gap-2 py-0.5">
                    <input
                      type="checkbox"
                      checked={r.needs.includes(need.answerId)}
                      onChange={(e) => setRecommendation(index, { needs: e.target.checked ? [...r.needs, need.answerId] : r.needs.filter((id) => id !== need.answerId) })}
                      className="mt-1"
                    />
                    <span>{need.text} <span className="text-slate-500">({need.city})</span></span>
                  </label>
                ))}
              </fieldset>
            )}
            <button type="button" onClick={() => setRecommendations((list) => list.filter((_, i) => i !== index))} className="text-sm text-red-700 underline">{t("reports.removeRecommendation")}</button>
          </div>
        ))}
        {recommendations.length < MAX_RECOMMENDATIONS && (
          <button type="button" onClick={() => setRecommendations((list) => [...list, { body: "", needs: [] }])} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm" data-testid="add-recommendation">
            {t("reports.addRecommendation")}
          </button>
        )}
      </fieldset>
      <SubmitButton pendingLabel={t("reports.sending")}>{t("reports.saveDraft")}</SubmitButton>
      {errors ? <FormStatus ok={false} testId="form-error" message={errors} /> : null}
      {state?.ok ? <FormStatus ok testId="form-ok" message={t("reports.saved")} /> : null}
    </form>
  );
}
