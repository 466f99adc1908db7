import "server-only";
import type { Database } from "@/db/client";
import { lockActionsToRemind, markReminded } from "@/db/queries/plans";
import { PLAN_OVERDUE_KIND } from "@/lib/mail/kinds";
import { planPath } from "@/lib/plans/paths";
import { cityToday } from "@/lib/questionnaires/rules";
import { notifyUsers, type DirectNotice } from "@/server/mail/notify";

const WEEK_MS = 7 * 86_400_000;

/**
 * Once a week, each user who owns overdue actions of an active plan hears of them: one notice per
 * plan with how many (their due day passed in the city's calendar, not done or dropped). Safe to
 * run every minute and on two workers: reminded actions carry the time, and are locked while told.
 */
export async function queuePlanReminders(db: Database, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockActionsToRemind(tx, { BD: cityToday("BD", now), NP: cityToday("NP", now) }, new Date(now.getTime() - WEEK_MS));
    const byOwnerAndPlan = new Map<string, { userId: number; planId: number; planTitle: string; cityId: number; slug: string; count: number }>();
    for (const row of due) {
      if (row.userId === null) continue;
      const key = `${row.userId}:${row.planId}`;
      const entry = byOwnerAndPlan.get(key) ?? { userId: row.userId, planId: row.planId, planTitle: row.planTitle, cityId: row.cityId, slug: row.slug, count: 0 };
      entry.count++;
      byOwnerAndPlan.set(key, entry);
    }
    const notices: DirectNotice[] = [...byOwnerAndPlan.values()].map((n) => ({ kind: PLAN_OVERDUE_KIND, userIds: [n.userId], params: { subject: n.planTitle, count: n.count }, path: `${planPath(n.slug, n.planId)}?status=overdue`, cityId: n.cityId, entity: "action_plan", entityIds: [n.planId] }));
    await notifyUsers(tx, notices);
    await markReminded(tx, due.map((d) => d.actionId), now);
    return notices.length;
  });
}
