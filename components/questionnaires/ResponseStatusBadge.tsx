import { Badge } from "@/components/ui/Badge";
import type { ResponseStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";

const TONE = { not_started: "neutral", draft: "neutral", submitted: "blue", returned: "amber", accepted: "brand" } as const;

/** A city's answers to a round: not started, draft, submitted, returned, accepted. */
export function ResponseStatusBadge({ status, t }: { status: ResponseStatus; t: Translate }) {
  return <Badge tone={TONE[status]}>{t(`responses.status.${status}`)}</Badge>;
}
