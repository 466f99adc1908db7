import { Badge } from "@/components/ui/Badge";
import type { RoundStatus } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { INTL_LOCALE } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import type { RoundTarget } from "@/lib/questionnaires/types";

const ROUND_TONE = { scheduled: "neutral", open: "blue", closed: "brand" } as const;

export function RoundStatusBadge({ status, t }: { status: RoundStatus; t: Translate }) {
  return <Badge tone={ROUND_TONE[status]}>{t(`rounds.status.${status}`)}</Badge>;
}

/** Which cities a round asks, in words ("Cities in Bangladesh and Nepal", "12 chosen cities"). */
export function targetLabel(t: Translate, locale: Locale, target: RoundTarget): string {
  const list = new Intl.ListFormat(INTL_LOCALE[locale], { type: "conjunction" });
  switch (target.kind) {
    case "all":
      return t("rounds.target.all");
    case "country":
      return t("rounds.target.country", { countries: list.format(target.countries.map((c) => t(`countries.${c}`))) });
    case "programme_role":
      return t("rounds.target.programme_role", { roles: list.format(target.roles.map((r) => t(`programmeRoles.${r}.plural`))) });
    case "list":
      return t("rounds.target.list", { count: target.cityIds.length });
  }
}
