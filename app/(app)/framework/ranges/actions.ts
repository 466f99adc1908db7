"use server";

import { z } from "zod";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import type { ActionResult } from "@/lib/action-result";
import { checkIndicatorRanges, RANGE_FIELDS, type RangesInput } from "@/lib/validation/ranges";
import { getFramework, updateIndicatorRanges, type IndicatorRangesUpdate } from "@/db/queries/framework";

export type RangesResult = ActionResult<{ changed: number }>;

/** Ranges the form refused, keyed `<code>.<field>`; nothing was written. */
class RangesRefused extends Error {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    readonly values: Record<string, string>,
  ) {
    super("validation.checkFields");
  }
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

const save = action({
  permission: "framework.edit",
  // The fields are named per indicator (`<code>.hardMin` …); the indicators and their units come
  // from the database, never from the form, and are checked in run.
  schema: z.object({}),
  read: () => ({}),
  run: async ({ db, actor, formData }) => {
    const { components } = await getFramework(db);
    const fieldErrors: Record<string, string[]> = {};
    const values: Record<string, string> = {};
    const changes: { indicatorId: number; ranges: IndicatorRangesUpdate }[] = [];
    for (const indicator of components.flatMap((c) => c.indicators)) {
      const code = indicator.code;
      // Only indicators the form showed are posted; a missing row is left as it is.
      if (!formData.has(`${code}.shown`)) continue;
      const input: RangesInput = {
        hardMin: text(formData, `${code}.hardMin`),
        hardMax: text(formData, `${code}.hardMax`),
        expectedMin: text(formData, `${code}.expectedMin`),
        expectedMax: text(formData, `${code}.expectedMax`),
        maxChange: text(formData, `${code}.maxChange`),
        expectedPerCapita: formData.get(`${code}.expectedPerCapita`) === "on",
      };
      for (const field of RANGE_FIELDS) values[`${code}.${field}`] = input[field];
      values[`${code}.expectedPerCapita`] = input.expectedPerCapita ? "on" : "";
      const checked = checkIndicatorRanges(indicator.unit, input);
      if (!checked.ok) {
        for (const issue of checked.issues) (fieldErrors[`${code}.${issue.field}`] ??= []).push(issue.messageKey);
      } else {
        changes.push({ indicatorId: indicator.id, ranges: checked.value });
      }
    }
    if (Object.keys(fieldErrors).length > 0) throw new RangesRefused(fieldErrors, values);
    return { changed: (await updateIndicatorRanges(db, changes, actor.id)).length };
  },
  invalidate: () => invalidate.framework(),
  mapError: (error) => (error instanceof RangesRefused ? { ok: false, error: "validation.checkFields", fieldErrors: error.fieldErrors, values: error.values } : undefined),
});

/**
 * Saves every indicator's plausible ranges shown on the form, all or nothing: every problem of
 * every row comes back at once, keyed `<code>.<field>`. Audited per indicator changed.
 */
export async function saveRangesAction(previous: RangesResult | null, formData: FormData): Promise<RangesResult> {
  return save(previous, formData);
}
