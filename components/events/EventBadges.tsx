import { Badge } from "@/components/ui/Badge";
import type { Translate } from "@/lib/i18n/messages";
import { type EventStatus, type EventType } from "@/lib/domain";

const STATUS_TONE = { scheduled: "blue", completed: "brand", cancelled: "red" } as const;

export function EventStatusBadge({ status, t }: { status: EventStatus; t: Translate }) {
  return (
    <span data-testid="event-status">
      <Badge tone={STATUS_TONE[status]}>{t(`events.status.${status}`)}</Badge>
    </span>
  );
}

export function EventTypeBadge({ type, t }: { type: EventType; t: Translate }) {
  return <Badge>{t(`events.types.${type}`)}</Badge>;
}
