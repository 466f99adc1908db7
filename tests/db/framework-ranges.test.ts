import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { auditLog, indicators, users } from "@/db/schema";
import { getFramework, updateIndicatorRanges } from "@/db/queries/framework";
import { seedFramework } from "@/db/seed";
import { checkIndicatorRanges, rangeText } from "@/lib/validation/ranges";
import { UNIT_RANGES } from "@/lib/units";

describeDb("plausible ranges of the framework", (db) => {
  it("seeds a valid, finite range for every indicator (no city has 10^25 of anything)", async () => {
    const all = (await getFramework(db())).components.flatMap((c) => c.indicators);
    expect(all).toHaveLength(32);
    for (const i of all) {
      expect(i.hardMin, i.code).not.toBeNull();
      expect(i.hardMax, i.code).not.toBeNull();
      expect(i.maxChange, i.code).not.toBeNull();
      expect(i.hardMax ?? Infinity, i.code).toBeLessThanOrEqual(UNIT_RANGES[i.unit].max ?? UNIT_RANGES[i.unit].ceiling);
      // What the seed stored passes the same checks as an admin's edit.
      const checked = checkIndicatorRanges(i.unit, { hardMin: rangeText(i.hardMin), hardMax: rangeText(i.hardMax), expectedMin: rangeText(i.expectedMin), expectedMax: rangeText(i.expectedMax), maxChange: rangeText(i.maxChange), expectedPerCapita: i.expectedPerCapita });
      expect(checked, i.code).toMatchObject({ ok: true });
    }
    expect(all.filter((i) => i.expectedPerCapita).map((i) => i.code).sort()).toEqual(["GOV-6", "WE-1"]);
  });

  it("stores an admin's change with one audit row per indicator changed, and re-seeding keeps it", async () => {
    const [admin] = await db().select({ id: users.id }).from(users).where(eq(users.email, "admin@demo.cwis"));
    const all = (await getFramework(db())).components.flatMap((c) => c.indicators);
    const gov4 = all.find((i) => i.code === "GOV-4");
    const sd2 = all.find((i) => i.code === "SD-2");
    if (!admin || !gov4 || !sd2) throw new Error("seed missing");
    const same = { hardMin: sd2.hardMin, hardMax: sd2.hardMax, expectedMin: sd2.expectedMin, expectedMax: sd2.expectedMax, expectedPerCapita: sd2.expectedPerCapita, maxChange: sd2.maxChange };
    const changed = await updateIndicatorRanges(db(), [{ indicatorId: gov4.id, ranges: { hardMin: 0, hardMax: 100, expectedMin: 1, expectedMax: 8, expectedPerCapita: false, maxChange: 2.5 } }, { indicatorId: sd2.id, ranges: same }], admin.id);
    expect(changed).toEqual(["GOV-4"]);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, "indicator.ranges"), eq(auditLog.entity, "indicator")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.id, entityId: String(gov4.id), before: { code: "GOV-4", hardMax: 200, expectedMax: 13, maxChange: 3 }, after: { code: "GOV-4", hardMax: 100, expectedMin: 1, expectedMax: 8, maxChange: 2.5 } });

    await seedFramework(db());
    const [after] = await db().select().from(indicators).where(eq(indicators.id, gov4.id));
    expect(after).toMatchObject({ hardMax: 100, expectedMax: 8, maxChange: 2.5 });
  });
});
