"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { importCsvAction, type ImportActionResult } from "./actions";
import type { CsvFormat } from "@/lib/csv";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";
import { INTL_LOCALE, type Locale } from "@/lib/i18n/config";

const DELIMITER_KEY = { ",": "csv.delimiter.comma", ";": "csv.delimiter.semicolon", "\t": "csv.delimiter.tab" } as const;

/**
 * Upload form and its outcome: the problems and conflicts of a refused file, or what was saved
 * (in a check, what would be), always with how the file was read.
 */
export function ImportForm({ messages, locale, maxBytes }: { messages: MessageSubset; locale: Locale; maxBytes: number }) {
  const tr = subsetTranslator(messages, locale);
  const readAs = (format: CsvFormat) => tr("import.readAs", { delimiter: tr(DELIMITER_KEY[format.delimiter]), decimal: tr(format.decimalComma ? "csv.decimal.comma" : "csv.decimal.point") });
  const [state, action] = useActionState<ImportActionResult | null, FormData>(importCsvAction, null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [checkOnly, setCheckOnly] = useState(false);
  const number = new Intl.NumberFormat(INTL_LOCALE[locale]);

  return (
    <div className="space-y-4">
      <form
        action={action}
        className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end"
        data-testid="import-form"
        // React resets the form after the action (the file too): the box's label follows.
        onReset={() => setCheckOnly(false)}
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
        <SubmitButton pendingLabel={tr(checkOnly ? "import.checking" : "import.uploading")}>{tr(checkOnly ? "import.checkButton" : "import.upload")}</SubmitButton>
        <label className="flex items-start gap-2 text-sm sm:col-span-2" htmlFor="import-check-only">
          <input id="import-check-only" name="checkOnly" type="checkbox" className="mt-1 h-4 w-4" aria-describedby="import-check-only-help" data-testid="import-check-only" onChange={(event) => setCheckOnly(event.currentTarget.checked)} />
          <span>
            <span className="font-medium">{tr("import.checkOnly")}</span>
            <span id="import-check-only-help" className="block text-slate-600">{tr("import.checkOnlyHelp")}</span>
          </span>
        </label>
      </form>

      {state && !state.ok && "problems" in state ? (
        <div className="space-y-2" data-testid="import-refused">
          <FormStatus
            ok={false}
            message={`${tr(state.checkOnly ? "import.checkedRefused" : "csv.refused")} ${tr("import.problemCount", { count: state.totalProblems + state.conflicts.length })}`}
            testId="import-status"
          />
          <p className="text-sm text-slate-600" data-testid="import-format">{readAs(state.format)}</p>
          {state.conflicts.length > 0 ? (
            <div className="space-y-2" data-testid="import-conflicts">
              <h3 className="font-medium">{tr("import.conflictsTitle")}</h3>
              <p className="text-sm text-slate-700">{tr("import.conflictsHelp")}</p>
              <div className="overflow-x-auto rounded-lg border border-amber-200 bg-white">
                <table className="w-full text-sm">
                  <caption className="sr-only">{tr("import.conflictsCaption")}</caption>
                  <thead className="bg-amber-50 text-left text-slate-700">
                    <tr>
                      <th scope="col" className="px-3 py-2 text-right">{tr("import.row")}</th>
                      <th scope="col" className="px-3 py-2">{tr("import.city")}</th>
                      <th scope="col" className="px-3 py-2">{tr("import.indicator")}</th>
                      <th scope="col" className="px-3 py-2">{tr("import.period")}</th>
                      <th scope="col" className="px-3 py-2 text-right">{tr("import.fileValue")}</th>
                      <th scope="col" className="px-3 py-2 text-right">{tr("import.currentValue")}</th>
                      <th scope="col" className="px-3 py-2">{tr("import.changedBy")}</th>
                      <th scope="col" className="px-3 py-2">{tr("import.changedAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {state.conflicts.map((conflict) => (
                      <tr key={conflict.row} className="border-t border-slate-100">
                        <td className="px-3 py-2 text-right tabular-nums">{number.format(conflict.row)}</td>
                        <td className="px-3 py-2 font-mono">{conflict.city}</td>
                        <td className="px-3 py-2 font-mono">{conflict.indicator}</td>
                        <td className="px-3 py-2">{conflict.period}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{conflict.fileValue}</td>
                        <td className="px-3 py-2 text-right tabular-nums">{conflict.currentValue}</td>
                        <td className="px-3 py-2">{conflict.enteredBy}</td>
                        <td className="px-3 py-2">{conflict.enteredAt}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ) : null}
          {state.totalProblems > state.problems.length ? <p className="text-sm text-slate-600">{tr("import.moreProblems", { shown: state.problems.length })}</p> : null}
          {state.problems.length > 0 ? (
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
          ) : null}
        </div>
      ) : state && !state.ok ? (
        <FormStatus ok={false} message={tr(state.error)} testId="import-status" />
      ) : null}

      {state?.ok ? (
        <div className="space-y-2" data-testid="import-done">
          <FormStatus
            ok
            message={
              state.data.checkOnly
                ? state.data.saved > 0
                  ? tr("import.checkedOk", { saved: state.data.saved, cities: state.data.cities.length })
                  : tr("import.checkedNothing")
                : state.data.saved > 0
                  ? tr("import.saved", { saved: state.data.saved, cities: state.data.cities.length })
                  : tr("import.nothingChanged")
            }
            testId="import-status"
          />
          <p className="text-sm text-slate-600" data-testid="import-format">{readAs(state.data.format)}</p>
          <p className="text-sm text-slate-600">{tr("import.unchanged", { count: state.data.unchanged, skipped: state.data.skipped })}</p>
          {!state.data.hasVersion ? (
            <p className="text-sm text-amber-800" data-testid="import-replaced">
              {state.data.replaced > 0 ? tr(state.data.checkOnly ? "import.wouldReplace" : "import.replaced", { count: state.data.replaced }) : tr("import.noVersionColumn")}
            </p>
          ) : null}
          {state.data.flagged > 0 ? (
            <p className="text-sm text-amber-800" data-testid="import-flagged">{tr("import.flagged", { count: state.data.flagged })}</p>
          ) : null}
          {state.data.cities.length > 0 && !state.data.checkOnly ? (
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
