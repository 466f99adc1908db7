import type { Indicator } from "@/db/schema";
import type { Formatters, Translate } from "@/lib/i18n/messages";

/** An indicator value as people read it: "72.5 %", "Yes", "3 days", "0.8", "4 / 5". */
export function formatIndicatorValue(unit: Indicator["unit"], value: number, t: Translate, format: Formatters): string {
  switch (unit) {
    case "boolean":
      return value >= 1 ? t("common.yes") : t("common.no");
    case "percent":
      return `${format.number(value, { maximumFractionDigits: 1 })} %`;
    case "days":
      return t("units.daysValue", { days: format.number(value, { maximumFractionDigits: 1 }) });
    case "score5":
      return `${format.number(value)} / ${format.number(5)}`;
    default:
      return format.number(value, { maximumFractionDigits: 2 });
  }
}
