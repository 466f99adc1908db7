"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { importCsvAction, type ImportActionResult } from "./actions";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";

/** Upload form and its outcome: the list of problems of a refused file, or what was saved. */
export function ImportForm({ messages, locale, maxBytes }: { messages: MessageSubset; locale: Locale; maxBytes: number }) {
  const tr = subsetTranslator(messages, locale);
  const [state, action] = useActionState<ImportActionResult | null, FormData>(importCsvAction, null);
  const [localError, setLocalError] = useState<string | null>(null);
  const number = new Intl.NumberFormat(INTL_LOCALE[locale]);

  return (
    <div className="space-y-4">
      <form
        action={action}
        className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        data-testid="import-form"
        onSubmit={(event) => {
          // Spare the upload of a file the server would refuse anyway; the server checks again.
          const input = event.currentTarget.elements.namedItem("file");
          const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
          const problem = !file ? "csv.noFile" : file.size > maxBytes ? "csv.tooLarge" : null;
          setLocalError(problem);
          if (problem) event.preventDefault();
        }}
      >
        <label className="block text-sm" htmlFor="import-file">
          <span className="font-medium">{tr("import.file")}</span>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={Boolean(localError)}
            aria-describedby={localError ? "import-file-error" : undefined}
            onChange={() => setLocalError(null)}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
          />
          <FieldError id="import-file-error" message={localError ? tr(localError) : undefined} />
        </label>
        <SubmitButton pendingLabel={tr("import.uploading")}>{tr("import.upload")}</SubmitButton>
      </form>

      {state && !state.ok && "problems" in state ? (
        <div className="space-y-2" data-testid="import-refused">
          <FormStatus ok={false} message={`${tr("csv.refused")} ${tr("import.problemCount", { count: state.totalProblems })}`} testId="import-status" />
          {state.totalProblems > state.problems.length ? <p className="text-sm text-slate-600">{tr("import.moreProblems", { shown: state.problems.length })}</p> : null}
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-sm" data-testid="import-errors">
              <caption className="sr-only">{tr("import.errorsCaption")}</caption>
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2 text-right">{tr("import.row")}</th>
                  <th scope="col" className="px-3 py-2">{tr("import.column")}</th>
                  <th scope="col" className="px-3 py-2">{tr("import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {state.problems.map((problem, index) => (
                  <tr key={`${problem.row}-${problem.column}-${index}`} className="border-t border-slate-100">
                    <td className="px-3 py-2 text-right tabular-nums">{number.format(problem.row)}</td>
                    <td className="px-3 py-2 font-mono">{problem.column || "—"}</td>
                    <td className="px-3 py-2">{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : state && !state.ok ? (
        <FormStatus ok={false} message={tr(state.error)} testId="import-status" />
      ) : null}

      {state?.ok ? (
        <div className="space-y-2" data-testid="import-done">
          <FormStatus ok message={state.data.saved > 0 ? tr("import.saved", { saved: state.data.saved, cities: state.data.cities.length }) : tr("import.nothingChanged")} testId="import-status" />
          <p className="text-sm text-slate-600">{tr("import.unchanged", { count: state.data.unchanged, skipped: state.data.skipped })}</p>
          {state.data.cities.length > 0 ? (
            <>
              <p className="text-sm">{tr("import.submitNext")}</p>
              <ul className="list-disc space-y-1 pl-5 text-sm">
                {state.data.cities.flatMap((city) =>
                  city.periods.map(({ period, saved }) => (
                    <li key={`${city.slug}-${period}`}>
                      <Link href={`/cities/${city.slug}/values/${period}`} className="text-brand-700 underline" data-testid={`import-submit-${city.slug}-${period}`}>
                        {tr("import.submitLink", { city: city.name, period, count: saved })}
                      </Link>
                    </li>
                  )),
                )}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
