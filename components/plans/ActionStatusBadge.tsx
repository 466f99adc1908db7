import { Badge } from "@/components/ui/Badge";
import type { ActionStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";

// Dropped shares planned's grey: both are "nothing is happening", and the label tells them apart.
const TONE = { planned: "neutral", in_progress: "blue", done: "brand", blocked: "amber", dropped: "neutral" } as const;

export function ActionStatusBadge({ status, t }: { status: ActionStatus; t: Translate }) {
  return (
    <span data-testid="action-status" data-status={status}>
      <Badge tone={TONE[status]}>{t(`plans.actionStatus.${status}`)}</Badge>
    </span>
  );
}
