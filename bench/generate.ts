/**
 * Bench data: N cities × every indicator × 40 quarters of VALIDATED values, plus the derived
 * score table filled with the app's own function (refreshCityScores), so the pages read exactly
 * what the app would have written after validating these values.
 */
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { cities, type NewCity } from "@/db/schema";
import { refreshCityScores } from "@/db/queries/scores";
import { createUser } from "@/db/queries/users";
import { createUserWithPasswordSchema } from "@/lib/validation/users";
import { UNIT_RANGES } from "@/lib/units";
import { quartersEnding } from "@/lib/periods";

export const BENCH_LAST_PERIOD = "2026-Q3";
export const BENCH_QUARTERS = 40;
export const BENCH_ADMIN = { email: "bench-admin@bench.cwis", password: "bench-password-2026" };

/** Every 4 cities: a mentor, two of its mentees, and a candidate — so compare has mentor groups. */
export function cityRow(i: number): NewCity {
  const n = String(i + 1).padStart(5, "0");
  const bd = i % 8 < 4;
  const programmeRole = i % 4 === 0 ? "mentor" : i % 4 === 3 ? "candidate" : "mentee";
  return {
    slug: `bench-${n}`,
    nameEn: `Bench City ${n}`,
    nameBn: `বেঞ্চ শহর ${n}`,
    nameNe: `बेन्च सहर ${n}`,
    country: bd ? "BD" : "NP",
    region: bd ? "Dhaka" : "Bagmati",
    kind: bd ? "paurashava_a" : "municipality",
    population: 20_000 + ((i * 7919) % 300_000),
    programmeRole,
  };
}

export interface GenerateStats {
  cities: number;
  values: number;
  insertMs: number;
  scoresMs: number;
}

export async function generate(db: Database, cityCount: number, log: (line: string) => void): Promise<GenerateStats> {
  const started = performance.now();
  // Cities in chunks (mentor ids are known once the mentor row exists: mentor is always i - 1 or i - 2).
  const ids: number[] = [];
  for (let start = 0; start < cityCount; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, cityCount - start) }, (_, k) => cityRow(start + k));
    const inserted = await db.insert(cities).values(chunk).returning({ id: cities.id });
    ids.push(...inserted.map((r) => r.id));
  }
  // Mentees point at the mentor that opens their group of four.
  await db.execute(sql`
    update cities m set mentor_city_id = g.id
    from cities g
    where m.slug like 'bench-%' and g.slug like 'bench-%' and m.programme_role = 'mentee' and g.programme_role = 'mentor'
      and ((substr(m.slug, 7)::int - 1) / 4) = ((substr(g.slug, 7)::int - 1) / 4)`);

  // Unit ranges come from lib/units.ts so generated values pass the same range checks as typed ones.
  const ranges = sql.join(
    Object.entries(UNIT_RANGES).map(([unit, r]) => sql`(${unit}::text, ${r.min}::float8, ${r.max}::float8, ${r.integer}::boolean)`),
    sql`, `,
  );
  const [first] = quartersEnding(BENCH_LAST_PERIOD, BENCH_QUARTERS);
  const firstIndex = Number(first?.slice(0, 4)) * 4 + Number(first?.slice(6)) - 1;

  // One INSERT … SELECT per batch of cities: progress = city base + indicator bias + a small
  // upward trend + noise, mapped into the unit's range as the demo seed does. Annual indicators only in Q4.
  let values = 0;
  const batch = 200;
  for (let b = 0; b < ids.length; b += batch) {
    const lo = ids[b] ?? 0;
    const hi = ids[Math.min(ids.length, b + batch) - 1] ?? 0;
    await db.execute(sql`
      with u(unit, min, max, is_int) as (values ${ranges}),
      q as (
        select s as qi, ((${firstIndex} + s) / 4)::text || '-Q' || (((${firstIndex} + s) % 4) + 1)::text as period, ((${firstIndex} + s) % 4) = 3 as q4,
          -- The first day after the quarter: reviews happen once the quarter is over.
          (make_date((${firstIndex} + s) / 4, (((${firstIndex} + s) % 4) + 1) * 3, 1) + interval '1 month')::timestamptz as quarter_end
        from generate_series(0, ${BENCH_QUARTERS - 1}) s
      ),
      raw as (
        select c.id as city_id, i.id as indicator_id, q.period,
          -- One review per city × quarter, as reviewValues stamps them: ties of ~32 rows, not of the whole table.
          q.quarter_end + (c.id % 28) * interval '1 day' + c.id * interval '1 minute' as reviewed_at,
          i.unit, i.direction, i.target, i.worst, u.min, u.max, u.is_int,
          least(1, greatest(0,
            (case c.programme_role when 'mentor' then 0.5 when 'mentee' then 0.25 else 0.15 end)
            + ((abs(hashtext(c.slug || i.code)) % 1000) / 1000.0 - 0.5) * 0.5
            + q.qi * 0.008 + (random() - 0.5) * 0.1)) as p
        from cities c
        cross join indicators i
        join u on u.unit = i.unit::text
        cross join q
        where c.id between ${lo} and ${hi} and c.slug like 'bench-%' and i.active and (i.frequency = 'quarterly' or q.q4)
      ),
      v as (
        select city_id, indicator_id, period, reviewed_at, min, max, is_int,
          case
            when unit = 'boolean' then (case when p > 0.5 then 1 else 0 end)::float8
            when direction = 'lower_is_better' then coalesce(worst, max, 0) - p * (coalesce(worst, max, 0) - target)
            else min + p * (target - min)
          end as x
        from raw
      ),
      f as (
        select city_id, indicator_id, period, reviewed_at,
          case when is_int then round(greatest(min, least(coalesce(max, x), x)))::float8
               else round((greatest(min, least(coalesce(max, x), x)))::numeric, 1)::float8 end as value
        from v
      )
      insert into indicator_values (city_id, indicator_id, period, value, status, submitted_at, reviewed_at, validated_value, validated_at)
      select city_id, indicator_id, period, value, 'validated', reviewed_at, reviewed_at, value, reviewed_at from f`);
    log(`  values: cities ${b + 1}–${Math.min(ids.length, b + batch)} of ${ids.length}`);
  }
  const insertMs = performance.now() - started;
  values = Number(rowsOf<{ n: string | number }>(await db.execute(sql`select count(*) as n from indicator_values`))[0]?.n ?? 0);

  const scoresStarted = performance.now();
  for (let b = 0; b < ids.length; b += 100) {
    const chunk = ids.slice(b, b + 100);
    await db.transaction(async (tx) => {
      for (const id of chunk) await refreshCityScores(tx, id);
    });
  }
  await db.execute(sql`analyze`);
  const scoresMs = performance.now() - scoresStarted;
  log(`  scores refreshed for ${ids.length} cities in ${(scoresMs / 1000).toFixed(1)} s`);

  await createUser(db, createUserWithPasswordSchema.parse({ email: BENCH_ADMIN.email, name: "Bench Admin", role: "admin", password: BENCH_ADMIN.password }), null);
  return { cities: ids.length, values, insertMs, scoresMs };
}

/** A mentee with a mentor, for the public city page. */
export async function menteeSlug(db: Database): Promise<string> {
  const slug = rowsOf<{ slug: string }>(await db.execute(sql`select slug from cities where programme_role = 'mentee' and mentor_city_id is not null order by id limit 1`))[0]?.slug;
  if (!slug) throw new Error("no mentee generated");
  return slug;
}

/** db.execute answers an array with postgres.js and { rows } with PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
