import type { Translate } from "@/lib/i18n/messages";

/**
 * Labelled controls for GET filter forms: finger-sized on phones (two to a row in a grid), inline
 * from `sm` up. Plain markup, so the forms work without JavaScript.
 */
export function FilterSelect({ label, name, defaultValue, allLabel, options }: { label: string; name: string; defaultValue: string; allLabel: string; options: { value: string; label: string }[] }) {
  return (
    <label className="min-w-0 text-sm">
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={defaultValue} className="mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 sm:w-auto">
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterDate({ label, name, defaultValue }: { label: string; name: string; defaultValue: string }) {
  return (
    <label className="min-w-0 text-sm">
      <span className="block font-medium">{label}</span>
      <input type="date" name={name} defaultValue={defaultValue} className="mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 py-1 sm:w-auto" />
    </label>
  );
}

/** The country and programme-role selects that the city list and the dashboard filter by. */
export function CountryRoleFilters({ t, country, role }: { t: Translate; country?: string; role?: string }) {
  return (
    <>
      <FilterSelect label={t("cities.country")} name="country" defaultValue={country ?? ""} allLabel={t("common.all")} options={(["BD", "NP"] as const).map((value) => ({ value, label: t(`countries.${value}`) }))} />
      <FilterSelect label={t("cities.role")} name="role" defaultValue={role ?? ""} allLabel={t("common.all")} options={(["mentor", "mentee", "candidate"] as const).map((value) => ({ value, label: t(`programmeRoles.${value}`) }))} />
    </>
  );
}
