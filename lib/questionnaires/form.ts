/**
 * What a form post (or an API body) sent for one question, before its question's type is known:
 * the field's values (text, options ticked), a new file, the "other" text, and for indicator
 * questions the value's version and explanation. The server reads it by the question's type.
 */
export interface SentField {
  values: string[];
  file: File | null;
  other?: string;
  explanation?: string;
  version?: number;
}

const PREFIX = "q.";
// More fields than any questionnaire may hold (200 questions) is a forged request.
const MAX_FIELDS = 400;

/**
 * The questions a form post answers: every `q.<key>.present` marker (a field rendered and not
 * hidden by a show-when rule), with its `q.<key>` values. A present question with nothing ticked
 * is sent as empty: unticking every option clears the answer.
 */
export function readAnswerForm(formData: FormData): Map<string, SentField> {
  const sent = new Map<string, SentField>();
  for (const [name, value] of formData) {
    if (!name.startsWith(PREFIX) || !name.endsWith(".present") || typeof value !== "string") continue;
    const key = name.slice(PREFIX.length, -".present".length);
    if (sent.size >= MAX_FIELDS) break;
    const field = `${PREFIX}${key}`;
    const all = formData.getAll(field);
    const file = all.find((v): v is File => typeof v !== "string" && v.size > 0) ?? null;
    const text = (name: string) => {
      const v = formData.get(name);
      return typeof v === "string" ? v : undefined;
    };
    const version = Number(text(`${field}.version`));
    const other = text(`${field}.other`);
    const explanation = text(`${field}.explanation`);
    sent.set(key, {
      values: all.filter((v): v is string => typeof v === "string"),
      file,
      ...(other !== undefined ? { other } : {}),
      ...(explanation !== undefined ? { explanation } : {}),
      ...(Number.isSafeInteger(version) && version >= 0 && text(`${field}.version`) !== "" ? { version } : {}),
    });
  }
  return sent;
}
