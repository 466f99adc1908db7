import { Badge } from "./Badge";
import type { Translate } from "@/lib/i18n/messages";
import { type ValueStatus } from "@/lib/domain";

const TONE = { draft: "neutral", submitted: "blue", validated: "brand", returned: "amber" } as const;

export function StatusBadge({ status, t }: { status: ValueStatus; t: Translate }) {
  return <Badge tone={TONE[status]}>{t(`status.${status}`)}</Badge>;
}
