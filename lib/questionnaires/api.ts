import type { SentField } from "./form";
import type { AnswersBody } from "@/lib/validation/questionnaires";

/** A PUT's answers as the form would have sent them (lib/questionnaires/form.ts), so both take one path. */
export function sentFromApi(answers: AnswersBody["answers"]): Map<string, SentField> {
  const sent = new Map<string, SentField>();
  for (const [key, answer] of Object.entries(answers)) {
    if (answer === null) sent.set(key, { values: [], file: null });
    else if (typeof answer === "boolean") sent.set(key, { values: [answer ? "yes" : "no"], file: null });
    else if (typeof answer === "number" || typeof answer === "string") sent.set(key, { values: [String(answer)], file: null });
    else if (Array.isArray(answer)) sent.set(key, { values: answer, file: null });
    else if ("choices" in answer) sent.set(key, { values: answer.choices, file: null, ...(answer.other !== undefined ? { other: answer.other } : {}) });
    else sent.set(key, { values: [String(answer.value)], file: null, ...(answer.version !== undefined ? { version: answer.version } : {}), ...(answer.explanation !== undefined ? { explanation: answer.explanation } : {}) });
  }
  return sent;
}
