import { TabNav } from "@/components/ui/TabNav";
import type { Translate } from "@/lib/i18n/messages";
import type { Actor } from "@/lib/permissions";
import { can, canForCity } from "@/lib/permissions";

export type QuestionnaireTab = "answers" | "rounds" | "design";

/**
 * The questionnaire area's tabs, each for those who may use it: a city's assignments (officers;
 * reviewers see what waits for review), the rounds (not a city role's: reading every city's
 * answers without a city scope), and the designs.
 */
export function QuestionnaireTabs({ current, t, actor }: { current: QuestionnaireTab; t: Translate; actor: Actor }) {
  const tabs = [
    { key: "answers", href: "/questionnaires", label: t("questionnaires.tab.answers"), show: true },
    { key: "rounds", href: "/questionnaires/rounds", label: t("questionnaires.tab.rounds"), show: canForCity(actor, "responses.read") },
    { key: "design", href: "/questionnaires/design", label: t("questionnaires.tab.design"), show: can(actor.role, "questionnaires.design") },
  ] as const;
  const visible = tabs.filter((tab) => tab.show);
  if (visible.length < 2) return null;
  return <TabNav label={t("questionnaires.tab.label")} tabs={visible} current={current} />;
}
