"use client";

import { useActionState, useId, useMemo, useState } from "react";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { FieldError, FormStatus } from "@/components/ui/FieldError";
import type { ActionResult } from "@/lib/action-result";
import type { LocalizedText, RoundTargetKind } from "@/lib/domain";
import { ROUND_TARGET_KINDS } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { subsetTranslator, type MessageSubset } from "@/lib/i18n/messages";

export interface Choice {
  value: string;
  label: string;
}

/** A city in the picker: id, name in the reader's language, and what the search also matches. */
export interface CityChoice {
  id: number;
  name: string;
  /** Country and programme role, shown under the name. */
  detail: string;
  /** Lower-case names in every language and the detail, for the search box. */
  search: string;
}

export interface RoundFormProps {
  action: (previous: ActionResult<number> | null, formData: FormData) => Promise<ActionResult<number>>;
  versions: { id: number; label: string; title: LocalizedText }[];
  cities: CityChoice[];
  countries: Choice[];
  roles: Choice[];
  events: Choice[];
  resources: Choice[];
  initial: { period: string; opensOn: string; dueOn: string };
  messages: MessageSubset;
  locale: Locale;
}

const input = "mt-1 min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2";
// Enough to find a city by a few letters; more rows would make a phone's page very long.
const SHOWN_CITIES = 60;
const TITLE_FIELDS = [
  { field: "titleEn", lang: "en", label: "rounds.form.titleEn" },
  { field: "titleBn", lang: "bn", label: "rounds.form.titleBn" },
  { field: "titleNe", lang: "ne", label: "rounds.form.titleNe" },
] as const;

const isTargetKind = (value: string | undefined): value is RoundTargetKind => (ROUND_TARGET_KINDS as readonly string[]).includes(value ?? "");
const listOf = (value: string | undefined) => (value ? value.split(",").filter(Boolean) : []);

/**
 * The new-round form. The title follows the chosen questionnaire and period until the admin
 * types their own; the chosen cities live in hidden fields, so narrowing the search never loses a
 * choice.
 */
export function RoundForm(props: RoundFormProps) {
  const tr = subsetTranslator(props.messages, props.locale);
  const [state, formAction] = useActionState(props.action, null);
  return <Fields key={JSON.stringify(state)} {...props} state={state} formAction={formAction} tr={tr} />;
}

function Fields({ versions, cities, countries, roles, events, resources, initial, state, formAction, tr }: RoundFormProps & { state: ActionResult<number> | null; formAction: (formData: FormData) => void; tr: ReturnType<typeof subsetTranslator> }) {
  const id = useId();
  const echoed = state && !state.ok ? (state.values ?? {}) : {};
  const [versionId, setVersionId] = useState(echoed.versionId ?? (versions.length === 1 ? String(versions[0]?.id) : ""));
  const [period, setPeriod] = useState(echoed.period ?? initial.period);
  const defaultTitle = (lang: "en" | "bn" | "ne", forVersion = versionId, forPeriod = period) => {
    const title = versions.find((v) => String(v.id) === forVersion)?.title[lang];
    return title ? `${title} ${forPeriod.trim()}` : "";
  };
  const [titles, setTitles] = useState<Record<string, string>>({ titleEn: echoed.titleEn ?? "", titleBn: echoed.titleBn ?? "", titleNe: echoed.titleNe ?? "" });
  // A title the admin typed stays; an untouched one follows the questionnaire and period (also
  // after a refused save, which sends back the default it showed).
  const [typed, setTyped] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(TITLE_FIELDS.map((f) => [f.field, Boolean(echoed[f.field]) && echoed[f.field] !== defaultTitle(f.lang)])),
  );
  const [kind, setKind] = useState<RoundTargetKind>(isTargetKind(echoed.targetKind) ? echoed.targetKind : "all");
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set(listOf(echoed.cityIds).map(Number)));
  const [search, setSearch] = useState("");
  const [opensOn, setOpensOn] = useState(echoed.opensOn ?? initial.opensOn);

  const titleValue = (field: (typeof TITLE_FIELDS)[number]) => (typed[field.field] ? (titles[field.field] ?? "") : defaultTitle(field.lang));

  const matches = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return needle ? cities.filter((c) => c.search.includes(needle)) : cities;
  }, [cities, search]);
  const shown = matches.slice(0, SHOWN_CITIES);

  const error = (field: string) => {
    if (!state || state.ok) return undefined;
    const key = state.fieldErrors?.[field]?.[0] ?? Object.entries(state.fieldErrors ?? {}).find(([name]) => name.startsWith(`${field}.`))?.[1][0];
    return key ? tr(key) : undefined;
  };
  const errorId = (field: string) => `${id}-${field}-error`;
  const describedBy = (field: string, hint?: string) => [error(field) ? errorId(field) : "", hint ?? ""].filter(Boolean).join(" ") || undefined;

  const toggle = (cityId: number, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(cityId);
      else next.delete(cityId);
      return next;
    });

  const checkboxGroup = (field: "countries" | "roles", legend: string, choices: Choice[]) => {
    const selected = new Set(listOf(echoed[field]));
    return (
      <fieldset className="text-sm" aria-describedby={describedBy(field)} data-testid={`round-${field}`}>
        <legend className="font-medium">{legend}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6">
          {choices.map((c) => (
            <label key={c.value} className="flex min-h-11 items-center gap-3">
              <input type="checkbox" name={field} value={c.value} defaultChecked={selected.has(c.value)} className="size-5 shrink-0" />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId(field)} message={error(field)} />
      </fieldset>
    );
  };

  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" noValidate data-testid="round-form">
      {state && !state.ok ? (
        <div className="sm:col-span-2">
          <FormStatus ok={false} message={tr(state.error)} testId="round-form-status" />
        </div>
      ) : null}

      <label className="block text-sm sm:col-span-2" htmlFor={`${id}-version`}>
        <span className="font-medium">{tr("rounds.form.version")}</span>
        <select id={`${id}-version`} name="versionId" value={versionId} onChange={(e) => setVersionId(e.target.value)} aria-invalid={Boolean(error("versionId"))} aria-describedby={describedBy("versionId", `${id}-version-hint`)} className={input}>
          <option value="">{tr("rounds.form.chooseVersion")}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>{v.label}</option>
          ))}
        </select>
        <span id={`${id}-version-hint`} className="mt-1 block text-xs text-slate-500">{tr("rounds.form.versionHint")}</span>
        <FieldError id={errorId("versionId")} message={error("versionId")} />
      </label>

      <label className="block text-sm" htmlFor={`${id}-period`}>
        <span className="font-medium">{tr("rounds.form.period")}</span>
        <input id={`${id}-period`} name="period" value={period} onChange={(e) => setPeriod(e.target.value)} maxLength={7} inputMode="text" autoComplete="off" aria-invalid={Boolean(error("period"))} aria-describedby={describedBy("period", `${id}-period-hint`)} className={input} />
        <span id={`${id}-period-hint`} className="mt-1 block text-xs text-slate-500">{tr("rounds.form.periodHint")}</span>
        <FieldError id={errorId("period")} message={error("period")} />
      </label>

      <div className="hidden sm:block" />

      {TITLE_FIELDS.map((field) => (
        <label key={field.field} className={`block text-sm ${field.lang === "en" ? "sm:col-span-2" : ""}`} htmlFor={`${id}-${field.field}`}>
          <span className="font-medium">{tr(field.label)}</span>
          <input
            id={`${id}-${field.field}`}
            name={field.field}
            lang={field.lang}
            value={titleValue(field)}
            maxLength={200}
            onChange={(e) => {
              const value = e.target.value;
              setTitles((previous) => ({ ...previous, [field.field]: value }));
              setTyped((previous) => ({ ...previous, [field.field]: value !== "" }));
            }}
            aria-invalid={Boolean(error(field.field))}
            aria-describedby={describedBy(field.field, field.lang === "en" ? `${id}-title-hint` : undefined)}
            className={input}
          />
          {field.lang === "en" ? <span id={`${id}-title-hint`} className="mt-1 block text-xs text-slate-500">{tr("rounds.form.titleHint")}</span> : null}
          <FieldError id={errorId(field.field)} message={error(field.field)} />
        </label>
      ))}

      <fieldset className="space-y-3 text-sm sm:col-span-2" aria-describedby={`${id}-target-hint`} data-testid="round-target">
        <legend className="font-medium">{tr("rounds.form.target")}</legend>
        <p id={`${id}-target-hint`} className="text-xs text-slate-500">{tr("rounds.form.targetHint")}</p>
        <div className="flex flex-wrap gap-x-6">
          {ROUND_TARGET_KINDS.map((k) => (
            <label key={k} className="flex min-h-11 items-center gap-3">
              <input type="radio" name="targetKind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-5 shrink-0" />
              <span>{tr(`rounds.form.target.${k}`)}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorId("targetKind")} message={error("targetKind")} />
        {kind === "country" ? checkboxGroup("countries", tr("rounds.form.countries"), countries) : null}
        {kind === "programme_role" ? checkboxGroup("roles", tr("rounds.form.roles"), roles) : null}
        {kind === "list" ? (
          <div className="rounded-md border border-slate-200 p-3" data-testid="round-city-picker">
            {[...chosen].map((cityId) => (
              <input key={cityId} type="hidden" name="cityIds" value={cityId} />
            ))}
            <label className="block" htmlFor={`${id}-city-search`}>
              <span className="font-medium">{tr("rounds.form.citySearch")}</span>
              <input id={`${id}-city-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" className={input} aria-controls={`${id}-city-list`} data-testid="round-city-search" />
            </label>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <p className="mr-auto font-medium" aria-live="polite" data-testid="round-cities-chosen">{tr("rounds.form.citiesChosen", { count: chosen.size })}</p>
              <button type="button" className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50" onClick={() => setChosen((previous) => new Set([...previous, ...matches.map((c) => c.id)]))}>
                {tr("rounds.form.selectShown")}
              </button>
              <button type="button" className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-50" onClick={() => setChosen(new Set())} disabled={chosen.size === 0}>
                {tr("rounds.form.clearChosen")}
              </button>
            </div>
            <ul id={`${id}-city-list`} className="mt-2 max-h-80 divide-y divide-slate-100 overflow-y-auto rounded border border-slate-100" aria-label={tr("rounds.form.cities")} aria-describedby={describedBy("cityIds")}>
              {shown.map((city) => (
                <li key={city.id}>
                  <label className="flex min-h-11 items-center gap-3 px-2 py-1.5">
                    <input type="checkbox" checked={chosen.has(city.id)} onChange={(e) => toggle(city.id, e.target.checked)} className="size-5 shrink-0" />
                    <span className="min-w-0">
                      <span className="block">{city.name}</span>
                      <span className="block text-xs text-slate-500">{city.detail}</span>
                    </span>
                  </label>
                </li>
              ))}
              {matches.length === 0 ? <li className="px-2 py-3 text-slate-600">{tr("rounds.form.noMatch")}</li> : null}
            </ul>
            {matches.length > shown.length ? <p className="mt-1 text-xs text-slate-600">{tr("rounds.form.moreMatches", { count: matches.length - shown.length })}</p> : null}
            <FieldError id={errorId("cityIds")} message={error("cityIds")} />
          </div>
        ) : null}
      </fieldset>

      <label className="block text-sm" htmlFor={`${id}-opensOn`}>
        <span className="font-medium">{tr("rounds.form.opensOn")}</span>
        <input id={`${id}-opensOn`} type="date" name="opensOn" value={opensOn} onChange={(e) => setOpensOn(e.target.value)} aria-invalid={Boolean(error("opensOn"))} aria-describedby={describedBy("opensOn", `${id}-dates-hint`)} className={input} />
        <FieldError id={errorId("opensOn")} message={error("opensOn")} />
      </label>
      <label className="block text-sm" htmlFor={`${id}-dueOn`}>
        <span className="font-medium">{tr("rounds.form.dueOn")}</span>
        <input id={`${id}-dueOn`} type="date" name="dueOn" min={opensOn || undefined} defaultValue={echoed.dueOn ?? initial.dueOn} aria-invalid={Boolean(error("dueOn"))} aria-describedby={describedBy("dueOn", `${id}-dates-hint`)} className={input} />
        <FieldError id={errorId("dueOn")} message={error("dueOn")} />
      </label>
      <p id={`${id}-dates-hint`} className="-mt-2 text-xs text-slate-500 sm:col-span-2">{tr("rounds.form.datesHint")}</p>

      <label className="block text-sm" htmlFor={`${id}-event`}>
        <span className="font-medium">{tr("rounds.form.event")}</span>
        <select id={`${id}-event`} name="orientationEventId" defaultValue={echoed.orientationEventId ?? ""} aria-invalid={Boolean(error("orientationEventId"))} aria-describedby={describedBy("orientationEventId")} className={input}>
          <option value="">{tr("rounds.form.none")}</option>
          {events.map((e) => (
            <option key={e.value} value={e.value}>{e.label}</option>
          ))}
        </select>
        <FieldError id={errorId("orientationEventId")} message={error("orientationEventId")} />
      </label>
      <label className="block text-sm" htmlFor={`${id}-resource`}>
        <span className="font-medium">{tr("rounds.form.resource")}</span>
        <select id={`${id}-resource`} name="guideResourceId" defaultValue={echoed.guideResourceId ?? ""} aria-invalid={Boolean(error("guideResourceId"))} aria-describedby={describedBy("guideResourceId")} className={input}>
          <option value="">{tr("rounds.form.none")}</option>
          {resources.map((r) => (
            <option key={r.value} value={r.value}>{r.label}</option>
          ))}
        </select>
        <FieldError id={errorId("guideResourceId")} message={error("guideResourceId")} />
      </label>

      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={tr("common.saving")}>{tr("rounds.form.create")}</SubmitButton>
      </div>
    </form>
  );
}
