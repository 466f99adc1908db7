"use client";

import { FieldError } from "@/components/ui/FieldError";
import type { LocalizedText } from "@/lib/domain";
import { LOCALES } from "@/lib/i18n/config";
import { domId } from "./editor-model";

/**
 * One text in the three languages, side by side on wide screens and stacked on a phone. English
 * is the fallback (required where `required`); Bangla and Nepali may stay empty.
 */
export function LocalizedInputs({
  field,
  value,
  onChange,
  label,
  languageNames,
  optionalHint,
  errors,
  tr,
  required = false,
  multiline = false,
  maxLength,
}: {
  /** The editor's field name without the language (`title`, `q:<uid>:label`). */
  field: string;
  value: LocalizedText;
  onChange: (next: LocalizedText) => void;
  /** "Label ({language})". */
  label: (language: string) => string;
  languageNames: LocalizedText;
  optionalHint: string;
  errors: Readonly<Record<string, string>>;
  tr: (key: string) => string;
  required?: boolean;
  multiline?: boolean;
  maxLength: number;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      {LOCALES.map((lang) => {
        const name = `${field}.${lang}`;
        const id = domId(name);
        const error = errors[name];
        const common = {
          id,
          lang,
          value: value[lang],
          maxLength,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
          className: `mt-1 w-full rounded-md border px-3 ${error ? "border-red-600" : "border-slate-300"} ${multiline ? "py-2" : "min-h-11"}`,
        } as const;
        return (
          <div key={lang} className="min-w-0">
            <label htmlFor={id} className="block text-sm font-medium">
              {label(languageNames[lang])}
              {lang !== "en" || !required ? <span className="ml-1 font-normal text-slate-500">{optionalHint}</span> : null}
            </label>
            {multiline ? (
              <textarea {...common} rows={2} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
            ) : (
              <input {...common} type="text" aria-required={required && lang === "en" ? true : undefined} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
            )}
            <FieldError id={`${id}-error`} message={error ? tr(error) : undefined} />
          </div>
        );
      })}
    </div>
  );
}
