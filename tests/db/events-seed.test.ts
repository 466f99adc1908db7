import { count, eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { events, registrations } from "@/db/schema";
import { DEMO_EVENTS, seedDemoEvents } from "@/db/seed-events";
import { participationStats } from "@/db/queries/event-stats";

describeDb("demo events seed", (db) => {
  const uids = DEMO_EVENTS.map((e) => e.uid);
  const counts = async () => ({
    events: (await db().select({ n: count() }).from(events).where(inArray(events.uid, uids)))[0]?.n,
    registrations: (await db().select({ n: count() }).from(registrations).innerJoin(events, eq(events.id, registrations.eventId)).where(inArray(events.uid, uids)))[0]?.n,
  });

  it("seeds past events with attendance and upcoming ones, and adds nothing when run again", async () => {
    const before = await counts();
    expect(before.events).toBe(DEMO_EVENTS.length);
    expect(before.registrations).toBe(DEMO_EVENTS.reduce((n, e) => n + e.participants.length, 0));
    await seedDemoEvents(db());
    expect(await counts()).toEqual(before);
    const rows = await db().select({ status: events.status, isDemo: events.isDemo }).from(events).where(inArray(events.uid, uids));
    expect(rows.every((r) => r.isDemo)).toBe(true);
    expect(rows.filter((r) => r.status === "completed")).toHaveLength(3);
    const stats = await participationStats(db(), { to: "2026-09-30" });
    expect(stats.totals.attended).toBe(DEMO_EVENTS.flatMap((e) => e.participants).filter((x) => x.attended).length);
  });
});
