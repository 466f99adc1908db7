import { asc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { components, indicators, lenses, type Component, type Indicator, type Lens } from "../schema";

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
