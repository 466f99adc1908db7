import { asc, eq, inArray } from "drizzle-orm";
import { writeAudit } from "./audit";
import type { Database } from "../client";
import { components, indicators, lenses, type Component, type Indicator, type Lens } from "../schema";
import type { IndicatorRanges } from "@/lib/validation/ranges";

export type ComponentWithIndicators = Component & { indicators: Indicator[] };

/** The six components in order, each with its indicators in order. */
export async function getFramework(db: Database): Promise<{ components: ComponentWithIndicators[]; lenses: Lens[] }> {
  const [componentRows, indicatorRows, lensRows] = await Promise.all([
    db.select().from(components).orderBy(asc(components.sortOrder)),
    db.select().from(indicators).where(eq(indicators.active, true)).orderBy(asc(indicators.sortOrder)),
    db.select().from(lenses).orderBy(asc(lenses.sortOrder)),
  ]);
  return {
    components: componentRows.map((component) => ({ ...component, indicators: indicatorRows.filter((i) => i.componentId === component.id) })),
    lenses: lensRows,
  };
}

export async function getIndicatorByCode(db: Database, code: string): Promise<Indicator | null> {
  const [row] = await db.select().from(indicators).where(eq(indicators.code, code));
  return row ?? null;
}

/** An indicator's plausible ranges, as the framework page edits them and the audit log keeps them. */
export type IndicatorRangesUpdate = IndicatorRanges;

const rangesView = (row: IndicatorRangesUpdate): IndicatorRangesUpdate => ({
  hardMin: row.hardMin,
  hardMax: row.hardMax,
  expectedMin: row.expectedMin,
  expectedMax: row.expectedMax,
  expectedPerCapita: row.expectedPerCapita,
  maxChange: row.maxChange,
});

/**
 * Stores new ranges for the indicators named (by id), in one transaction with an audit row for
 * each indicator whose ranges actually changed. Returns the codes changed.
 */
export async function updateIndicatorRanges(db: Database, changes: readonly { indicatorId: number; ranges: IndicatorRangesUpdate }[], actorId: number): Promise<string[]> {
  if (changes.length === 0) return [];
  return db.transaction(async (tx) => {
    const current = await tx
      .select()
      .from(indicators)
      .where(inArray(indicators.id, changes.map((c) => c.indicatorId)))
      .for("update");
    const byId = new Map(current.map((row) => [row.id, row]));
    const changed: string[] = [];
    for (const { indicatorId, ranges } of changes) {
      const before = byId.get(indicatorId);
      if (!before) continue;
      const from = rangesView(before);
      const to = rangesView(ranges);
      if (JSON.stringify(from) === JSON.stringify(to)) continue;
      await tx.update(indicators).set(to).where(eq(indicators.id, indicatorId));
      await writeAudit(tx, { actorId, action: "indicator.ranges", entity: "indicator", entityId: indicatorId, before: { code: before.code, ...from }, after: { code: before.code, ...to } });
      changed.push(before.code);
    }
    return changed;
  });
}
