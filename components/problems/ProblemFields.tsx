import { PROBLEM_SEVERITIES } from "@/lib/domain";
import { PROBLEM_DESCRIPTION_MAX, PROBLEM_PLACE_MAX, PROBLEM_TITLE_MAX, STAFF_PROBLEM_SOURCES } from "@/lib/validation/problems";

/** The client lookup of lib/i18n/messages subsetTranslator. */
type Text = (key: string, vars?: Record<string, string | number>) => string;

export interface ProblemFieldValues {
  title: string;
  description: string;
  componentId: number | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  severity: string;
  source?: string;
  committeeId: number | null;
  eventId: number | null;
}

export interface ProblemFieldOptions {
  components: { id: number; name: string }[];
  committees: { id: number; name: string }[];
  events: { id: number; label: string }[];
}

const field = "mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-sm";
const label = "block text-sm font-medium";

/**
 * The fields of a problem, for logging one and for editing it (without its source then). Plain
 * inputs named as lib/validation/problems.ts reads them, so the form posts without JavaScript.
 */
export function ProblemFields({ values, options, t, withSource }: { values?: ProblemFieldValues; options: ProblemFieldOptions; t: Text; withSource: boolean }) {
  const none = t("problems.none");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <label className={`${label} sm:col-span-2`}>
        {t("problems.field.title")}
        <input name="title" required minLength={3} maxLength={PROBLEM_TITLE_MAX} defaultValue={values?.title} className={field} data-testid="problem-title" />
      </label>
      <label className={`${label} sm:col-span-2`}>
        {t("problems.field.description")}
        <textarea name="description" rows={4} maxLength={PROBLEM_DESCRIPTION_MAX} defaultValue={values?.description} className={`${field} py-2`} />
      </label>
      <label className={label}>
        {t("problems.field.component")}
        <select name="component" defaultValue={values?.componentId ?? ""} className={field} data-testid="problem-component">
          <option value="">{none}</option>
          {options.components.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className={label}>
        {t("problems.field.severity")}
        <select name="severity" defaultValue={values?.severity ?? "medium"} className={field}>
          {PROBLEM_SEVERITIES.map((s) => <option key={s} value={s}>{t(`problems.severity.${s}`)}</option>)}
        </select>
      </label>
      <label className={`${label} sm:col-span-2`}>
        {t("problems.field.place")}
        <input name="place" maxLength={PROBLEM_PLACE_MAX} defaultValue={values?.place} className={field} />
      </label>
      <label className={label}>
        {t("problems.field.latitude")}
        <input name="latitude" inputMode="decimal" defaultValue={values?.latitude ?? ""} className={field} />
      </label>
      <label className={label}>
        {t("problems.field.longitude")}
        <input name="longitude" inputMode="decimal" defaultValue={values?.longitude ?? ""} className={field} />
      </label>
      {withSource && (
        <label className={label}>
          {t("problems.field.source")}
          <select name="source" defaultValue={values?.source ?? "inspection"} className={field}>
            {STAFF_PROBLEM_SOURCES.map((s) => <option key={s} value={s}>{t(`problems.source.${s}`)}</option>)}
          </select>
        </label>
      )}
      <label className={label}>
        {t("problems.field.committee")}
        <select name="committee" defaultValue={values?.committeeId ?? ""} className={field}>
          <option value="">{none}</option>
          {options.committees.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label className={label}>
        {t("problems.field.event")}
        <select name="event" defaultValue={values?.eventId ?? ""} className={field}>
          <option value="">{none}</option>
          {options.events.map((e) => <option key={e.id} value={e.id}>{e.label}</option>)}
        </select>
      </label>
    </div>
  );
}
