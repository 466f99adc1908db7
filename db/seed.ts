import bcrypt from "bcryptjs";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Database } from "./client";
import { cities, components, indicatorValues, indicators, lenses, users, type NewCity } from "./schema";
import frameworkJson from "./data/cwis-framework.json";
import translationsJson from "./data/indicator-translations.json";
import { demoCities } from "./data/demo-cities";
import { INDICATOR_RANGES, type IndicatorRangeSeed } from "./data/indicator-ranges";
import { DEMO_PASSWORD, demoAccounts } from "./data/demo-users";
import { frameworkFileSchema, indicatorTranslationsSchema } from "@/lib/validation/framework";
import { UNIT_RANGES } from "@/lib/units";
import { quartersEnding } from "@/lib/periods";
import { refreshMissingScores } from "./queries/scores";
import { seedDemoResources } from "./seed-resources";
import { seedDemoEvents } from "./seed-events";
import { seedDemoQuestionnaires } from "./seed-questionnaires";
import { seedDemoReports } from "./seed-reports";
import { seedDemoCommittees } from "./seed-committees";
import { seedDemoProblems } from "./seed-problems";

/** The last demo quarter is fixed, so the demo data is the same on every machine and every day. */
export const DEMO_LAST_PERIOD = "2026-Q3";
const DEMO_QUARTERS = 8;

/** An indicator's plausible ranges as stored (db/data/indicator-ranges.ts). */
function rangeColumns(range: IndicatorRangeSeed) {
  return { hardMin: range.hardMin, hardMax: range.hardMax, expectedMin: range.expectedMin, expectedMax: range.expectedMax, expectedPerCapita: range.perCapita, maxChange: range.maxChange };
}

/**
 * Components, lenses and indicators with their plausible ranges. Existing rows are left alone so
 * an admin's later edits survive — except that an indicator with no range at all yet (a database
 * seeded before ranges existed) gets the seeded ones.
 */
export async function seedFramework(db: Database): Promise<void> {
  const framework = frameworkFileSchema.parse(frameworkJson);
  const translations = indicatorTranslationsSchema.parse(translationsJson);
  await db.transaction(async (tx) => {
    await tx
      .insert(lenses)
      .values(
        framework.lenses.map((lens, i) => ({
          code: lens.code,
          kind: lens.kind,
          nameEn: lens.name.en,
          nameBn: lens.name.bn,
          nameNe: lens.name.ne,
          sortOrder: i + 1,
        })),
      )
      .onConflictDoNothing();
    for (const [ci, component] of framework.components.entries()) {
      await tx
        .insert(components)
        .values({ code: component.code, nameEn: component.name.en, nameBn: component.name.bn, nameNe: component.name.ne, sortOrder: ci + 1 })
        .onConflictDoNothing();
      const [row] = await tx.select({ id: components.id }).from(components).where(eq(components.code, component.code));
      if (!row) throw new Error(`component ${component.code} missing after insert`);
      await tx
        .insert(indicators)
        .values(
          component.indicators.map((indicator, ii) => {
            const translated = translations[indicator.code];
            if (!translated) throw new Error(`no Bangla/Nepali name for indicator ${indicator.code}`);
            const range = INDICATOR_RANGES[indicator.code];
            if (!range) throw new Error(`no plausible range for indicator ${indicator.code}`);
            return {
              code: indicator.code,
              componentId: row.id,
              nameEn: indicator.name,
              nameBn: translated.bn,
              nameNe: translated.ne,
              unit: indicator.unit,
              direction: indicator.direction,
              target: indicator.target,
              worst: indicator.worst ?? null,
              lensCode: indicator.lens,
              frequency: indicator.frequency,
              provisional: indicator.provisional ?? false,
              sortOrder: ii + 1,
              ...rangeColumns(range),
            };
          }),
        )
        .onConflictDoNothing();
    }
    for (const [code, range] of Object.entries(INDICATOR_RANGES)) {
      await tx
        .update(indicators)
        .set(rangeColumns(range))
        .where(and(eq(indicators.code, code), isNull(indicators.hardMin), isNull(indicators.hardMax), isNull(indicators.expectedMin), isNull(indicators.expectedMax), isNull(indicators.maxChange)));
    }
  });
}

export async function hasCities(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(cities);
  return (row?.n ?? 0) > 0;
}

/** Deterministic pseudo-random numbers (mulberry32), so demo values are identical on every run. */
function randomFrom(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function demoValue(indicator: typeof indicators.$inferSelect, progress: number): number {
  const range = UNIT_RANGES[indicator.unit];
  if (indicator.unit === "boolean") return progress > 0.5 ? 1 : 0;
  let value =
    indicator.direction === "lower_is_better"
      ? (indicator.worst ?? range.max ?? 0) - progress * ((indicator.worst ?? range.max ?? 0) - indicator.target)
      : range.min + progress * (indicator.target - range.min);
  if (range.max !== null) value = Math.min(range.max, value);
  value = Math.max(range.min, value);
  return range.integer ? Math.round(value) : Math.round(value * 10) / 10;
}

/**
 * Demo cities, accounts and eight quarters of indicator values. Mentors start further along than
 * mentees, everyone improves a little each quarter, and the newest quarter is still in review
 * in some cities so the review queue has work in it. `questionnaires: false` leaves out the demo
 * questionnaire and its open round, whose answers are indicator values of the quarter after
 * DEMO_LAST_PERIOD (the db tests' template: their tests take that quarter as empty).
 */
export async function seedDemo(db: Database, options: { questionnaires?: boolean } = {}): Promise<void> {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  await db.transaction(async (tx) => {
    const baseRows: NewCity[] = demoCities.map(({ mentor: _mentor, ...city }) => ({ ...city, isDemo: true }));
    await tx.insert(cities).values(baseRows).onConflictDoNothing();
    const cityRows = await tx.select({ id: cities.id, slug: cities.slug }).from(cities);
    const cityId = new Map(cityRows.map((c) => [c.slug, c.id]));
    for (const city of demoCities) {
      if (!city.mentor) continue;
      await tx
        .update(cities)
        .set({ mentorCityId: cityId.get(city.mentor) ?? null })
        .where(eq(cities.slug, city.slug));
    }

    await tx
      .insert(users)
      .values(
        demoAccounts.map((account) => ({
          email: account.email,
          name: account.name,
          role: account.role,
          cityId: account.citySlug ? (cityId.get(account.citySlug) ?? null) : null,
          locale: account.locale,
          passwordHash,
          isDemo: true,
        })),
      )
      .onConflictDoNothing();

    // Values of a city with a demo officer are entered and submitted by that officer, so the demo
    // reviewer (and admin) may validate them: nobody validates their own values (four eyes).
    const officers = await tx.select({ id: users.id, cityId: users.cityId }).from(users).where(and(eq(users.role, "officer"), eq(users.isDemo, true)));
    const officerOf = new Map(officers.flatMap((o) => (o.cityId === null ? [] : [[o.cityId, o.id] as const])));
    const allIndicators = await tx.select().from(indicators);
    const reviewedAt = new Date();
    const periods = quartersEnding(DEMO_LAST_PERIOD, DEMO_QUARTERS);
    const rows: (typeof indicatorValues.$inferInsert)[] = [];
    for (const city of demoCities) {
      const id = cityId.get(city.slug);
      if (id === undefined) continue;
      const random = randomFrom(city.slug);
      const base = city.programmeRole === "mentor" ? 0.5 + random() * 0.25 : city.programmeRole === "mentee" ? 0.2 + random() * 0.25 : 0.1 + random() * 0.15;
      // Candidates have only just started reporting.
      const cityPeriods = city.programmeRole === "candidate" ? periods.slice(-2) : periods;
      const lastStatus = city.slug === "kushtia" || random() < 0.25 ? "submitted" : random() < 0.3 ? "draft" : "validated";
      for (const indicator of allIndicators) {
        const indicatorBias = (random() - 0.5) * 0.5;
        for (const [pi, period] of cityPeriods.entries()) {
          if (indicator.frequency === "annual" && !period.endsWith("Q4")) continue;
          const progress = clamp01(base + indicatorBias + pi * 0.03 + (random() - 0.5) * 0.1);
          const status = period === DEMO_LAST_PERIOD ? lastStatus : "validated";
          const value = demoValue(indicator, progress);
          const validated = status === "validated";
          rows.push({
            cityId: id,
            indicatorId: indicator.id,
            period,
            value,
            note: "",
            status,
            enteredBy: officerOf.get(id) ?? null,
            submittedBy: status === "draft" ? null : (officerOf.get(id) ?? null),
            submittedAt: status === "draft" ? null : reviewedAt,
            reviewedAt: validated ? reviewedAt : null,
            validatedValue: validated ? value : null,
            validatedAt: validated ? reviewedAt : null,
            isDemo: true,
          });
        }
      }
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(indicatorValues).values(rows.slice(i, i + 1000)).onConflictDoNothing();
    }
  });
  await refreshMissingScores(db);
  await seedDemoResources(db);
  await seedDemoEvents(db);
  if (options.questionnaires !== false) await seedDemoQuestionnaires(db);
  await seedDemoReports(db);
  await seedDemoCommittees(db);
  await seedDemoProblems(db);
}
