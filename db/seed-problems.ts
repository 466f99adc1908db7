import { and, eq } from "drizzle-orm";
import type { Database } from "./client";
import { cities, cityProblemUpdates, cityProblems, committees, components, users } from "./schema";
import type { ProblemStatus } from "@/lib/domain";

interface DemoStep {
  to: ProblemStatus;
  note: string;
}

/**
 * Kushtia's log, so each step can be tried at once: a problem in progress with its history and
 * committee, a resolved one, and a resident's report waiting for the officer to accept or reject
 * it. Seeding again adds nothing once a demo problem exists.
 */
export async function seedDemoProblems(db: Database): Promise<void> {
  const [existing] = await db.select({ id: cityProblems.id }).from(cityProblems).where(eq(cityProblems.isDemo, true)).limit(1);
  if (existing) return;
  const [kushtia] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, "kushtia"));
  const [officer] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, "officer.kushtia@demo.cwis"), eq(users.isDemo, true)));
  const [sd] = await db.select({ id: components.id }).from(components).where(eq(components.code, "service_delivery"));
  if (!kushtia || !officer || !sd) return;
  const [committee] = await db.select({ id: committees.id }).from(committees).where(and(eq(committees.cityId, kushtia.id), eq(committees.isDemo, true))).limit(1);

  await db.transaction(async (tx) => {
    const logged = async (row: Omit<typeof cityProblems.$inferInsert, "cityId" | "status" | "isDemo">, steps: DemoStep[]) => {
      const status = steps.at(-1)?.to ?? "open";
      const [problem] = await tx.insert(cityProblems).values({ ...row, cityId: kushtia.id, status, version: steps.length + 1, isDemo: true }).returning({ id: cityProblems.id });
      if (!problem) throw new Error("demo problem insert returned nothing");
      let from: ProblemStatus = "open";
      await tx.insert(cityProblemUpdates).values([
        { problemId: problem.id, fromStatus: null, toStatus: "open", note: "", authorId: officer.id },
        ...steps.map((step) => {
          const update = { problemId: problem.id, fromStatus: from, toStatus: step.to, note: step.note, authorId: officer.id };
          from = step.to;
          return update;
        }),
      ]);
    };

    await logged(
      { title: "Septic tanks overflow in ward 4 after heavy rain", description: "Six households near the bazaar; sludge reaches the drain.", componentId: sd.id, place: "Ward 4, near the bazaar", severity: "high", source: "focus_group", committeeId: committee?.id ?? null, createdBy: officer.id },
      [
        { to: "acknowledged", note: "The ward councillor and the health committee were told." },
        { to: "in_progress", note: "Desludging booked with the licensed operator for next week." },
      ],
    );
    await logged(
      { title: "The emptying truck breaks down in the monsoon", description: "", componentId: sd.id, place: "Municipal garage", severity: "medium", source: "inspection", createdBy: officer.id },
      [
        { to: "acknowledged", note: "Seen at the inspection of the garage." },
        { to: "in_progress", note: "Spare parts ordered." },
        { to: "resolved", note: "Repaired; a service contract now covers it." },
      ],
    );
    const [report] = await tx
      .insert(cityProblems)
      .values({ cityId: kushtia.id, title: "থানা রোডের নালা বন্ধ হয়ে আছে", description: "বৃষ্টি হলেই রাস্তায় পানি জমে।", place: "থানা রোড, ৩ নম্বর ওয়ার্ড", source: "resident", status: "reported", reporterName: "রহিমা খাতুন", reporterPhone: "01711-000000", isDemo: true })
      .returning({ id: cityProblems.id });
    if (report) await tx.insert(cityProblemUpdates).values({ problemId: report.id, fromStatus: null, toStatus: "reported", note: "", authorId: null });
  });
}
