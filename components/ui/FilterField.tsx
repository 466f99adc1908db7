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
