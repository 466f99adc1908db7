"use client";

import { useState, type FormEvent } from "react";
import { FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { MAX_UPLOAD_BYTES_CLIENT, errorKeys, postUpload } from "./upload-client";

/** Uploads a new file for a resource (POST /api/v1/resources/{id}/file), then reloads the page. */
export function ReplaceFileForm({ resourceId, messages, locale, initialError }: { resourceId: number; messages: MessageSubset; locale: Locale; initialError?: string }) {
  const tr = subsetTranslator(messages, locale);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(initialError ?? null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setProblem(file instanceof File && file.name ? "resources.file.empty" : "resources.file.missing");
    if (file.size > MAX_UPLOAD_BYTES_CLIENT) return setProblem("resources.file.tooLarge");
    setProblem(null);
    setProgress(0);
    try {
      const { status, json } = await postUpload(`/api/v1/resources/${resourceId}/file`, form, setProgress);
      if (status === 200) {
        window.location.assign(`/resources/${resourceId}/edit?done=replaced`);
        return;
      }
      setProblem(errorKeys(json).messageKey);
    } catch {
      setProblem("resources.form.networkError");
    }
    setProgress(null);
  }

  return (
    <form onSubmit={submit} action={`/api/v1/resources/${resourceId}/file`} method="post" encType="multipart/form-data" className="space-y-3" noValidate data-testid="replace-file-form">
      {problem ? <FormStatus ok={false} message={tr(problem)} testId="replace-file-status" /> : null}
      <label className="block text-sm" htmlFor="replace-file">
        <span className="font-medium">{tr("resources.form.file")}</span>
        <input id="replace-file" name="file" type="file" accept=".pdf,.docx,.xlsx,.pptx,.odt,.png,.jpg,.jpeg" required aria-describedby="replace-file-hint" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1" />
        <span id="replace-file-hint" className="mt-1 block text-xs text-slate-600">{tr("resources.form.fileHint")} {tr("resources.replaceHint")}</span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={progress !== null} aria-disabled={progress !== null} className="inline-flex min-h-10 items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60" data-testid="replace-file-submit">
          {progress !== null ? tr("resources.form.uploading", { percent: progress }) : tr("resources.replaceSubmit")}
        </button>
        {progress !== null ? <progress max={100} value={progress} className="h-2 w-40" aria-label={tr("resources.form.uploading", { percent: progress })} /> : null}
      </div>
    </form>
  );
}
