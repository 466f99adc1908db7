import { QUESTIONNAIRE_VERSION_STATUSES, type QuestionnaireVersionStatus } from "@/lib/domain";
import type { Workflow } from "./types";

/**
 * Questionnaire versions: a designer publishes a draft, once. A published version never changes
 * and never goes back to draft (editing it makes version n + 1, server/questionnaires/design.ts);
 * the adapter refuses a draft without questions.
 */
export const QUESTIONNAIRE_WORKFLOW = {
  entity: "questionnaire_version",
  statuses: QUESTIONNAIRE_VERSION_STATUSES,
  transitions: [{ from: "draft", to: "published", permission: "questionnaires.design", action: "questionnaire.publish" }],
  refusedKey: (to) => (to === "published" ? "questionnaire.design.alreadyPublished" : "workflow.notAllowed"),
} as const satisfies Workflow<QuestionnaireVersionStatus>;
