import "server-only";
import type { ProblemFieldOptions } from "@/components/problems/ProblemFields";
import { localizedName, type Locale } from "@/lib/i18n/config";
import { pickMessages, type Formatters, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { PROBLEM_SEVERITIES, PROBLEM_SOURCES } from "@/lib/domain";
import { loadFramework } from "@/server/loaders/framework";
import { loadProblemFormOptions } from "@/server/loaders/problems";

/** Everything the problem form says, so the client gets only these messages. */
const FORM_KEYS: MessageKey[] = [
  "problems.none", "problems.saved", "problems.sending", "problems.stale", "problems.rejectedReadOnly",
  "problems.field.title", "problems.field.description", "problems.field.component", "problems.field.severity", "problems.field.place", "problems.field.latitude", "problems.field.longitude", "problems.field.source", "problems.field.committee", "problems.field.event",
  ...PROBLEM_SEVERITIES.map((s) => `problems.severity.${s}` as const),
  ...PROBLEM_SOURCES.map((s) => `problems.source.${s}` as const),
  "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.conflict", "errors.unauthenticated",
  "validation.checkFields", "validation.invalid", "validation.tooLong", "validation.controlChars", "validation.number", "validation.latitude", "validation.longitude",
  "validation.problems.titleShort", "validation.problems.coordinatesPair", "validation.problems.componentUnknown", "validation.problems.committeeUnknown", "validation.problems.eventUnknown",
];

export function problemFormMessages(t: Translate) {
  return pickMessages(t, FORM_KEYS);
}

/** The form's choices: components in the reader's language, the city's committees and events. */
export async function problemFormOptions(cityId: number, locale: Locale, format: Formatters): Promise<ProblemFieldOptions> {
  const [framework, { committees, events }] = await Promise.all([loadFramework(), loadProblemFormOptions(cityId)]);
  return {
    components: framework.components.map((c) => ({ id: c.id, name: localizedName(c, locale) })),
    committees,
    events: events.map((e) => ({ id: e.id, label: `${e.title} (${format.date(e.startsAt)})` })),
  };
}
