import Link from "next/link";
import type { Translate } from "@/lib/i18n/messages";
import type { Actor } from "@/lib/permissions";
import { can } from "@/lib/permissions";
import { CITY_ROLES } from "@/lib/domain";

export type QuestionnaireTab = "answers" | "rounds" | "design";

/**
 * The questionnaire area's tabs, each for those who may use it: a city's assignments (officers;
 * reviewers see what waits for review), the rounds, and the designs.
 */
export function QuestionnaireTabs({ current, t, actor }: { current: QuestionnaireTab; t: Translate; actor: Pick<Actor, "role"> }) {
  const tabs = [
    { key: "answers", href: "/questionnaires", label: t("questionnaires.tab.answers"), show: true },
    { key: "rounds", href: "/questionnaires/rounds", label: t("questionnaires.tab.rounds"), show: can(actor.role, "responses.read") && !CITY_ROLES.includes(actor.role) },
    { key: "design", href: "/questionnaires/design", label: t("questionnaires.tab.design"), show: can(actor.role, "questionnaires.design") },
  ] as const;
  const visible = tabs.filter((tab) => tab.show);
  if (visible.length < 2) return null;
  return (
    <nav aria-label={t("questionnaires.tab.label")} className="mb-4 flex gap-2 overflow-x-auto border-b border-slate-200">
      {visible.map((tab) => (
        <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined} className={`-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm ${tab.key === current ? "border-brand-600 font-semibold text-brand-800" : "border-transparent text-slate-600"}`}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
