import { createHash } from "node:crypto";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { rateHits } from "../schema";

// Advisory-lock namespace (first key) for rate limits; the second is a hash of bucket and key.
const LOCK_NAMESPACE = 1_736_013;

export interface RateRule {
  /** What is counted, e.g. "reset.ip" — one bucket per limit. */
  bucket: string;
  max: number;
  windowMs: number;
}

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

/**
 * Counts this request against `rule` for `key` (an address, an IP) and says whether it is within
 * the limit. A refused request is not counted. The check and the count run under one advisory
 * lock, so parallel requests on every instance are counted one after another.
 */
export async function takeRateHit(db: Database, rule: RateRule, key: string, now = new Date()): Promise<boolean> {
  const keyHash = hashKey(key);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${`${rule.bucket}:${keyHash}`}))`);
    const [row] = await tx
      .select({ n: count() })
      .from(rateHits)
      .where(and(eq(rateHits.bucket, rule.bucket), eq(rateHits.keyHash, keyHash), gt(rateHits.at, new Date(now.getTime() - rule.windowMs))));
    if ((row?.n ?? 0) >= rule.max) return false;
    await tx.insert(rateHits).values({ bucket: rule.bucket, keyHash, at: now });
    return true;
  });
}

/** Forgets hits older than any rule looks back (run by the mail worker's scheduled jobs). */
export async function purgeRateHits(db: Database, olderThan: Date): Promise<void> {
  await db.delete(rateHits).where(lt(rateHits.at, olderThan));
}
