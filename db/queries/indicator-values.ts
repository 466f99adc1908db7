import { count, eq } from "drizzle-orm";
import type { Database } from "../client";
import { indicatorValues } from "../schema";

/** Values waiting for a reviewer. */
export async function countSubmittedValues(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(indicatorValues).where(eq(indicatorValues.status, "submitted"));
  return row?.n ?? 0;
}
