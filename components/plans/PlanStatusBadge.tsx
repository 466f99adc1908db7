import { Badge } from "@/components/ui/Badge";
import type { PlanStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";
import type { GoalStatus } from "@/lib/plans/on-track";

const PLAN_TONE = { draft: "neutral", validation: "amber", active: "brand", closed: "neutral" } as const;
const GOAL_TONE = { achieved: "brand", on_track: "blue", behind: "amber", overdue: "red", no_data: "neutral" } as const;

export function PlanStatusBadge({ status, t }: { status: PlanStatus; t: Translate }) {
  return (
    <span data-testid="plan-status" data-status={status}>
      <Badge tone={PLAN_TONE[status]}>{t(`plans.status.${status}`)}</Badge>
    </span>
  );
}

export function GoalStatusBadge({ status, t }: { status: GoalStatus; t: Translate }) {
  return (
    <span data-testid="goal-status" data-status={status}>
      <Badge tone={GOAL_TONE[status]}>{t(`plans.goalStatus.${status}`)}</Badge>
    </span>
  );
}
