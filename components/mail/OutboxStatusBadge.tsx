import { Badge } from "@/components/ui/Badge";
import type { OutboxStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";

const TONE = { queued: "amber", sending: "blue", sent: "brand", failed: "red" } as const;

export function OutboxStatusBadge({ status, t }: { status: OutboxStatus; t: Translate }) {
  return <Badge tone={TONE[status]}>{t(`outbox.status.${status}`)}</Badge>;
}
