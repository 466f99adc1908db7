import "server-only";
import type { Database } from "@/db/client";
import { deletePendingBefore } from "@/db/queries/newsletter";
import { CONFIRM_TTL_MS } from "./subscribe";

/**
 * Forgets addresses nobody confirmed within CONFIRM_DAYS of their last request (a scheduled job
 * of the mail worker, server/mail/scheduled.ts). Confirmed and unsubscribed ones stay.
 */
export async function deleteUnconfirmedSubscriptions(db: Database, now: Date): Promise<number> {
  return deletePendingBefore(db, new Date(now.getTime() - CONFIRM_TTL_MS));
}
