import { Badge } from "@/components/ui/Badge";
import type { ReportStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";

const TONE = { draft: "neutral", consultation: "blue", validation: "amber", validated: "brand", final: "brand" } as const;

export function ReportStatusBadge({ status, t }: { status: ReportStatus; t: Translate }) {
  return (
    <span data-testid="report-status" data-status={status}>
      <Badge tone={TONE[status]}>{t(`reports.status.${status}`)}</Badge>
    </span>
  );
}
