"use client";

import { useEffect, useState, type FormEvent } from "react";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/config";
import { ResourceFields, type ResourceFormOptions, type ResourceFormValues } from "./ResourceFields";
import { MAX_UPLOAD_BYTES_CLIENT, errorKeys, postUpload } from "./upload-client";

const input = "mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/**
 * The upload form. It posts to POST /api/v1/resources rather than to a server action: server
 * actions pass through the proxy, which holds at most 10 MB of a body, and files may be 25 MB.
 */
export function CreateResourceForm({ options, initial, canPublish, messages, locale, initialError }: { options: ResourceFormOptions; initial: ResourceFormValues; canPublish: boolean; messages: MessageSubset; locale: Locale; initialError?: string }) {
  const tr = subsetTranslator(messages, locale);
  const [source, setSource] = useState<"file" | "link">("file");
  // Without JavaScript the form posts straight to the API and both the file and the link field show.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ messageKey: string; fieldKeys: Record<string, string[]> } | null>(initialError ? { messageKey: initialError, fieldKeys: {} } : null);
  const error = (field: string) => {
    const key = problem?.fieldKeys[field]?.[0];
    return key ? tr(key) : undefined;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (source === "file") {
      const file = form.get("file");
      // Spare a slow upload the server would refuse; the server checks again.
      if (!(file instanceof File) || file.size === 0) return setProblem({ messageKey: "validation.checkFields", fieldKeys: { file: [file instanceof File && file.name ? "resources.file.empty" : "resources.file.missing"] } });
      if (file.size > MAX_UPLOAD_BYTES_CLIENT) return setProblem({ messageKey: "validation.checkFields", fieldKeys: { file: ["resources.file.tooLarge"] } });
    } else {
      form.delete("file");
    }
    setProblem(null);
    setProgress(0);
    try {
      const { status, json } = await postUpload("/api/v1/resources", form, setProgress);
      const id = (json as { resource?: { id?: number } } | null)?.resource?.id;
      if (status === 201 && id) {
        window.location.assign(`/resources/${id}`);
        return;
      }
      const keys = errorKeys(json);
      // A refused file is a problem of the file field.
      if (keys.messageKey.startsWith("resources.file.")) keys.fieldKeys = { ...keys.fieldKeys, file: [keys.messageKey] };
      setProblem(keys);
    } catch {
      setProblem({ messageKey: "resources.form.networkError", fieldKeys: {} });
    }
    setProgress(null);
  }

  return (
    <form onSubmit={submit} action="/api/v1/resources" method="post" encType="multipart/form-data" className="grid gap-3 sm:grid-cols-2" noValidate data-testid="resource-form">
      {problem ? (
        <div className="sm:col-span-2">
          <FormStatus ok={false} message={tr(problem.messageKey)} testId="resource-form-status" />
        </div>
      ) : null}
      <ResourceFields values={initial} options={options} error={error} tr={tr} />
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium">{tr("resources.form.source")}</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          <label className="flex min-h-10 items-center gap-2">
            <input type="radio" name="source" value="file" className="size-5" checked={source === "file"} onChange={() => setSource("file")} />
            {tr("resources.form.sourceFile")}
          </label>
          <label className="flex min-h-10 items-center gap-2">
            <input type="radio" name="source" value="link" className="size-5" checked={source === "link"} onChange={() => setSource("link")} />
            {tr("resources.form.sourceLink")}
          </label>
        </div>
      </fieldset>
      {!scripted || source === "file" ? (
        <label className="block text-sm sm:col-span-2" htmlFor="resource-file">
          <span className="font-medium">{tr("resources.form.file")}</span>
          <input id="resource-file" name="file" type="file" accept={ACCEPT} required={scripted} aria-invalid={Boolean(error("file"))} aria-describedby={error("file") ? "resource-file-error resource-file-hint" : "resource-file-hint"} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1" />
          <span id="resource-file-hint" className="mt-1 block text-xs text-slate-600">{tr("resources.form.fileHint")}</span>
          <FieldError id="resource-file-error" message={error("file")} />
        </label>
      ) : null}
      {!scripted || source === "link" ? (
        <label className="block text-sm sm:col-span-2" htmlFor="resource-url">
          <span className="font-medium">{tr("resources.form.externalUrl")}</span>
          <input id="resource-url" name="externalUrl" type="url" inputMode="url" maxLength={1000} placeholder="https://" required={scripted} aria-invalid={Boolean(error("externalUrl"))} aria-describedby={error("externalUrl") ? "resource-url-error" : undefined} className={input} />
          <FieldError id="resource-url-error" message={error("externalUrl")} />
        </label>
      ) : null}
      <div className="sm:col-span-2">
        {canPublish ? (
          <label className="flex min-h-10 items-start gap-3 py-2 text-sm">
            <input type="checkbox" name="publish" value="on" className="mt-0.5 size-5 shrink-0" />
            <span>
              <span className="font-medium">{tr("resources.form.publish")}</span>
              <span className="block text-xs text-slate-600">{tr("resources.form.publishHint")}</span>
            </span>
          </label>
        ) : (
          <p className="text-sm text-slate-600">{tr("resources.form.draftNote")}</p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={progress !== null} aria-disabled={progress !== null} className="inline-flex min-h-10 items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60" data-testid="resource-submit">
          {progress !== null ? tr("resources.form.uploading", { percent: progress }) : tr("resources.form.submit")}
        </button>
        {progress !== null ? <progress max={100} value={progress} className="h-2 w-40" aria-label={tr("resources.form.uploading", { percent: progress })} /> : null}
      </div>
    </form>
  );
}
