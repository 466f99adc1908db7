import { Badge } from "@/components/ui/Badge";
import type { ResponseStatus, RoundStatus } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { INTL_LOCALE } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import type { RoundTarget } from "@/lib/questionnaires/types";

const ROUND_TONE = { scheduled: "neutral", open: "blue", closed: "brand" } as const;
const RESPONSE_TONE = { not_started: "neutral", draft: "neutral", submitted: "blue", returned: "amber", accepted: "brand" } as const;

export function RoundStatusBadge({ status, t }: { status: RoundStatus; t: Translate }) {
  return <Badge tone={ROUND_TONE[status]}>{t(`rounds.status.${status}`)}</Badge>;
}

export function ResponseStatusBadge({ status, t }: { status: ResponseStatus; t: Translate }) {
  return <Badge tone={RESPONSE_TONE[status]}>{t(`rounds.responseStatus.${status}`)}</Badge>;
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
