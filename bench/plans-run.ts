/**
 * `node --conditions=react-server --import tsx bench/plans-run.ts [output.json] [cities]`: the
 * programme's plans page (issue 16: p95 ≤ 150 ms at 5,000 cities) on a fresh in-memory PGlite.
 * Generates N cities, each with a plan of 3 goals (their indicators validated once) and 5 actions,
 * then times the page's data — programmePlanRows, the function /plans renders from — for its first
 * page and a later one. Measures, never asserts.
 */
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "../db/schema";
import { migrationsFolder } from "../db/client";
import { seedFramework } from "../db/seed";
import { actionPlans, cities, indicatorValues, indicators, planActions, planGoals } from "../db/schema";
import { programmePlanRows } from "../server/loaders/plans";
import { percentile } from "./measure";

const log = (line: string) => console.log(`[bench] ${line}`);
const CHUNK = 1000;

export interface PlansBenchRow {
  cities: number;
  generateMs: number;
  firstPage: { p50: number; p95: number };
  laterPage: { p50: number; p95: number };
}

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

async function timed(run: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main(): Promise<void> {
  const count = Number(process.argv[3] ?? 5000);
  const client = await PGlite.create();
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  await seedFramework(db);
  const started = performance.now();
  const cityRows = Array.from({ length: count }, (_, i) => ({ slug: `bench-${i}`, nameEn: `Bench town ${i}`, nameBn: `বেঞ্চ ${i}`, nameNe: `बेन्च ${i}`, country: i % 4 === 0 ? ("NP" as const) : ("BD" as const), region: "Bench", kind: "paurashava_b" as const, programmeRole: "mentee" as const }));
  await inChunks(cityRows, (chunk) => db.insert(cities).values(chunk));
  const cityIds = (await db.select({ id: cities.id }).from(cities)).map((c) => c.id);
  // Percent indicators: 30 → 80 is a goal on each of them.
  const goalIndicators = (await db.select({ id: indicators.id }).from(indicators).where(eq(indicators.unit, "percent")).limit(3)).map((i) => i.id);
  await inChunks(cityIds, (chunk) => db.insert(actionPlans).values(chunk.map((cityId) => ({ cityId, fiscalYear: "FY2026-27", title: "Bench plan", status: "active" as const }))));
  const plans = await db.select({ id: actionPlans.id, cityId: actionPlans.cityId }).from(actionPlans);
  await inChunks(
    cityIds.flatMap((cityId) => goalIndicators.map((indicatorId, k) => ({ cityId, indicatorId, period: "2026-Q3", value: 40 + k, status: "validated" as const, validatedValue: 40 + k, validatedAt: new Date() }))),
    (chunk) => db.insert(indicatorValues).values(chunk),
  );
  await inChunks(
    plans.flatMap((plan) => goalIndicators.map((indicatorId, position) => ({ planId: plan.id, position: position + 1, indicatorId, baselineValue: 30, baselinePeriod: "2025-Q4", targetValue: 80, targetPeriod: "2027-Q4" }))),
    (chunk) => db.insert(planGoals).values(chunk),
  );
  const goals = await db.select({ id: planGoals.id }).from(planGoals);
  const statuses = ["planned", "in_progress", "done", "blocked", "dropped"] as const;
  await inChunks(
    goals.flatMap((goal, g) => Array.from({ length: g % 3 === 0 ? 3 : 1 }, (_, k) => {
      const status = statuses[(g + k) % statuses.length] ?? "planned";
      return { goalId: goal.id, position: k + 1, title: "Bench action", ownerKind: "organisation" as const, ownerOrganisation: "Partner", startsOn: "2026-07-01", dueOn: k === 0 ? "2026-09-30" : "2027-06-30", status, statusReason: status === "blocked" || status === "dropped" ? "bench" : "", progress: status === "done" ? 100 : 20 };
    })),
    (chunk) => db.insert(planActions).values(chunk),
  );
  const generateMs = performance.now() - started;
  log(`${count} cities, ${plans.length} plans, ${goals.length} goals generated in ${Math.round(generateMs)} ms`);
  const now = new Date("2026-12-06T06:00:00Z");
  const later = Math.max(0, Math.floor((count * 0.6) / 50)) * 50;
  const row: PlansBenchRow = {
    cities: count,
    generateMs,
    firstPage: await timed(() => programmePlanRows(db, { fiscalYear: "FY2026-27" }, { limit: 50, offset: 0 }, now), 30),
    laterPage: await timed(() => programmePlanRows(db, {}, { limit: 50, offset: later }, now), 30),
  };
  log(`first page p50 ${row.firstPage.p50.toFixed(1)} ms, p95 ${row.firstPage.p95.toFixed(1)} ms; later page (offset ${later}, each city's newest) p50 ${row.laterPage.p50.toFixed(1)} ms, p95 ${row.laterPage.p95.toFixed(1)} ms`);
  await client.close();
  const out = process.argv[2];
  if (out) writeFileSync(out, JSON.stringify([row]));
}

main().catch((error: unknown) => {
  console.error("[bench] plans failed:", error);
  process.exit(1);
});
