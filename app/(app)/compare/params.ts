import { z } from "zod";
import type { CompareView } from "@/db/queries/compare";
import { parsePeriod } from "@/lib/periods";

// Slugs come from URLs: anything unusual is dropped (and reported as unknown by the page) rather
// than failing the request. The cap keeps a hand-made URL with thousands of params cheap.
const slug = z.string().trim().toLowerCase().max(60);
const slugList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === "string" && s.length <= 60).slice(0, 100),
  z.array(slug),
).catch([]);

// Picker pages (search results, mentor groups): a bad number is page 1, not an error.
const pickerPage = z.coerce.number().int().min(1).max(100_000).catch(1);

const compareParamsSchema = z.object({
  city: slugList,
  mentor: slug.optional().catch(undefined),
  view: z.enum(["component", "lens"]).catch("component"),
  // A malformed quarter is dropped (the comparison is then as of the newest quarter with data).
  period: z.string().trim().toUpperCase().refine((p) => parsePeriod(p) !== null).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  found: pickerPage,
  groups: pickerPage,
});

export interface CompareParams {
  slugs: string[];
  mentor?: string;
  view: CompareView;
  /** The quarter everything is compared as of; undefined: the newest quarter any shown city has data for. */
  period?: string;
  /** The picker's search text; undefined when no search was asked for (an empty search lists every city). */
  q?: string;
  /** Page of the search results. */
  found: number;
  /** Page of the mentor groups. */
  groups: number;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function parseCompareParams(params: Record<string, string | string[] | undefined>): CompareParams {
  const parsed = compareParamsSchema.parse({
    city: params.city,
    mentor: first(params.mentor),
    view: params.view ?? "component",
    period: first(params.period),
    q: first(params.q),
    found: first(params.found) ?? 1,
    groups: first(params.groups) ?? 1,
  });
  return { slugs: parsed.city.filter(Boolean), mentor: parsed.mentor || undefined, view: parsed.view, period: parsed.period, q: parsed.q, found: parsed.found, groups: parsed.groups };
}

/** A /compare URL for the same choice in another view (the toggle links). */
export function compareHref(choice: { slugs: string[]; mentor?: string; period?: string }, view: CompareView): string {
  const query = new URLSearchParams();
  if (choice.slugs.length) for (const s of choice.slugs) query.append("city", s);
  else if (choice.mentor) query.set("mentor", choice.mentor);
  if (view === "lens") query.set("view", "lens");
  if (choice.period) query.set("period", choice.period);
  const text = query.toString();
  return text ? `/compare?${text}` : "/compare";
}
