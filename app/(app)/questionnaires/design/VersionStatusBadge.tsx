import { Badge } from "@/components/ui/Badge";
import type { QuestionnaireVersionStatus } from "@/lib/domain";
import type { Translate } from "@/lib/i18n/messages";

/** Draft (amber: still changing) or published (never changes). */
export function VersionStatusBadge({ status, t }: { status: QuestionnaireVersionStatus; t: Translate }) {
  return <Badge tone={status === "draft" ? "amber" : "brand"}>{t(`questionnaire.design.status.${status}`)}</Badge>;
}
