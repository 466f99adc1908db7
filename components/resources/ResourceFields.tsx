import { FieldError } from "@/components/ui/FieldError";

export interface Choice {
  value: string;
  label: string;
}

export interface ResourceFormOptions {
  types: Choice[];
  languages: Choice[];
  components: Choice[];
  lenses: Choice[];
  cities: Choice[];
  /** Officers add for their own city only: the city is fixed to this one. */
  lockedCity: Choice | null;
}

export interface ResourceFormValues {
  title: string;
  summary: string;
  type: string;
  language: string;
  components: string[];
  lenses: string[];
  city: string;
  author: string;
  year: string;
}

const input = "mt-1 min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2";

/** The descriptive fields of a resource, shared by the upload form and the edit form. */
export function ResourceFields({ values, options, error, tr }: { values: ResourceFormValues; options: ResourceFormOptions; error: (field: string) => string | undefined; tr: (key: string) => string }) {
  const described = (field: string) => (error(field) ? { "aria-invalid": true, "aria-describedby": `resource-${field}-error` } : {});
  const checkboxes = (field: "components" | "lenses", legend: string, choices: Choice[]) => (
    <fieldset className="sm:col-span-2" {...described(field)}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 grid gap-x-3 sm:grid-cols-2">
        {choices.map((choice) => (
          <label key={choice.value} className="flex min-h-10 items-start gap-3 py-2 text-sm">
            <input type="checkbox" name={field} value={choice.value} defaultChecked={values[field].includes(choice.value)} className="mt-0.5 size-5 shrink-0" />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={`resource-${field}-error`} message={error(field)} />
    </fieldset>
  );
  return (
    <>
      <label className="block text-sm sm:col-span-2" htmlFor="resource-title">
        <span className="font-medium">{tr("resources.form.title")}</span>
        <input id="resource-title" name="title" defaultValue={values.title} required minLength={3} maxLength={200} className={input} {...described("title")} />
        <FieldError id="resource-title-error" message={error("title")} />
      </label>
      <label className="block text-sm sm:col-span-2" htmlFor="resource-summary">
        <span className="font-medium">{tr("resources.form.summary")}</span>
        <textarea id="resource-summary" name="summary" defaultValue={values.summary} rows={4} maxLength={2000} className={input} {...described("summary")} />
        <FieldError id="resource-summary-error" message={error("summary")} />
      </label>
      <label className="block text-sm" htmlFor="resource-type">
        <span className="font-medium">{tr("resources.type")}</span>
        <select id="resource-type" name="type" defaultValue={values.type} required className={input} {...described("type")}>
          {options.types.map((choice) => (
            <option key={choice.value} value={choice.value}>{choice.label}</option>
          ))}
        </select>
        <FieldError id="resource-type-error" message={error("type")} />
      </label>
      <label className="block text-sm" htmlFor="resource-language">
        <span className="font-medium">{tr("resources.language")}</span>
        <select id="resource-language" name="language" defaultValue={values.language} required className={input} {...described("language")}>
          {options.languages.map((choice) => (
            <option key={choice.value} value={choice.value}>{choice.label}</option>
          ))}
        </select>
        <FieldError id="resource-language-error" message={error("language")} />
      </label>
      {options.lockedCity ? (
        <div className="text-sm">
          <span className="font-medium">{tr("resources.form.city")}</span>
          <input type="hidden" name="city" value={options.lockedCity.value} />
          <p className="mt-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2">{options.lockedCity.label}</p>
          <p className="mt-1 text-xs text-slate-600">{tr("resources.form.cityOwn")}</p>
          <FieldError id="resource-city-error" message={error("city")} />
        </div>
      ) : (
        <label className="block text-sm" htmlFor="resource-city">
          <span className="font-medium">{tr("resources.form.city")}</span>
          <select id="resource-city" name="city" defaultValue={values.city} className={input} {...described("city")}>
            <option value="">{tr("resources.form.noCity")}</option>
            {options.cities.map((choice) => (
              <option key={choice.value} value={choice.value}>{choice.label}</option>
            ))}
          </select>
          <FieldError id="resource-city-error" message={error("city")} />
        </label>
      )}
      <label className="block text-sm" htmlFor="resource-year">
        <span className="font-medium">{tr("resources.year")}</span>
        <input id="resource-year" name="year" type="number" inputMode="numeric" min={1900} max={2100} step={1} defaultValue={values.year} className={input} {...described("year")} />
        <FieldError id="resource-year-error" message={error("year")} />
      </label>
      <label className="block text-sm sm:col-span-2" htmlFor="resource-author">
        <span className="font-medium">{tr("resources.author")}</span>
        <input id="resource-author" name="author" defaultValue={values.author} maxLength={200} className={input} {...described("author")} />
        <FieldError id="resource-author-error" message={error("author")} />
      </label>
      {checkboxes("components", tr("resources.components"), options.components)}
      {checkboxes("lenses", tr("resources.lenses"), options.lenses)}
    </>
  );
}
