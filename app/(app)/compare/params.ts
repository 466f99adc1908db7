import { z } from "zod";
import type { CompareView } from "@/db/queries/compare";

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
  q: z.string().trim().max(100).optional().catch(undefined),
  found: pickerPage,
  groups: pickerPage,
});

export interface CompareParams {
  slugs: string[];
  mentor?: string;
  view: CompareView;
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
    q: first(params.q),
    found: first(params.found) ?? 1,
    groups: first(params.groups) ?? 1,
  });
  return { slugs: parsed.city.filter(Boolean), mentor: parsed.mentor || undefined, view: parsed.view, q: parsed.q, found: parsed.found, groups: parsed.groups };
}

/** A /compare URL for the same choice in another view (the toggle links). */
export function compareHref(choice: { slugs: string[]; mentor?: string }, view: CompareView): string {
  const query = new URLSearchParams();
  if (choice.slugs.length) for (const s of choice.slugs) query.append("city", s);
  else if (choice.mentor) query.set("mentor", choice.mentor);
  if (view === "lens") query.set("view", "lens");
  const text = query.toString();
  return text ? `/compare?${text}` : "/compare";
}
