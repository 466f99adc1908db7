import { Badge } from "@/components/ui/Badge";
import type { ProblemSeverity, ProblemStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";

const STATUS_TONE = { reported: "amber", open: "red", acknowledged: "amber", in_progress: "blue", resolved: "brand", closed: "neutral", rejected: "neutral" } as const;
const SEVERITY_TONE = { low: "neutral", medium: "blue", high: "amber", critical: "red" } as const;

export function ProblemStatusBadge({ status, t }: { status: ProblemStatus; t: Translate }) {
  return (
    <span data-testid="problem-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`problems.status.${status}`)}</Badge>
    </span>
  );
}

export function SeverityBadge({ severity, t }: { severity: ProblemSeverity; t: Translate }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{t(`problems.severity.${severity}`)}</Badge>;
}
