import { and, eq } from "drizzle-orm";
import type { Database } from "./client";
import { cities, reportComments, reportVersions, reports, users } from "./schema";

/** The demo report's title (tests/db/seed.test.ts finds it by this). */
export const DEMO_REPORT_TITLE = "কুষ্টিয়া পৌরসভা: শহরের প্রোফাইল ২০২৫";

const SUMMARY = `## সারসংক্ষেপ

২০২৫ সালে কুষ্টিয়া পৌরসভা যান্ত্রিক পদ্ধতিতে বর্জ্য অপসারণ বাড়িয়েছে এবং মেহেরপুর ও চুয়াডাঙ্গাকে মেন্টরিং সহায়তা দিয়েছে।`;

const FINDINGS = `পৌর পরিষদ স্যানিটেশন (এফএসএম) উপবিধি অনুমোদন করেছে এবং একটি এফএসএম ইউনিট কাজ করছে। ডিজিটাল পদ্ধতিতে সেবার মূল্য পরিশোধ এখনও কম।`;

/**
 * A Kushtia city profile in consultation, written by the demo officer in Bangla, with one
 * unanswered comment of the reviewer: the demo approver, partner and the mentees' officers can
 * comment at once, and the officer can answer and submit it for validation. Seeding again adds
 * nothing once a demo report exists. (A final demo report would need the snapshot the server
 * layer builds: make one through the app.)
 */
export async function seedDemoReports(db: Database): Promise<void> {
  const [existing] = await db.select({ id: reports.id }).from(reports).where(eq(reports.isDemo, true)).limit(1);
  if (existing) return;
  const [kushtia] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, "kushtia"));
  const [officer] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, "officer.kushtia@demo.cwis"), eq(users.isDemo, true)));
  const [reviewer] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, "reviewer@demo.cwis"), eq(users.isDemo, true)));
  if (!kushtia || !officer || !reviewer) return;
  await db.transaction(async (tx) => {
    const [report] = await tx.insert(reports).values({ kind: "city_profile", cityId: kushtia.id, year: 2025, language: "bn", title: DEMO_REPORT_TITLE, createdBy: officer.id, isDemo: true }).returning({ id: reports.id });
    if (!report) throw new Error("demo report insert returned nothing");
    const [version] = await tx
      .insert(reportVersions)
      .values({ reportId: report.id, number: 1, status: "consultation", written: { summary: SUMMARY, findings: FINDINGS }, createdBy: officer.id, updatedBy: officer.id })
      .returning({ id: reportVersions.id });
    if (!version) throw new Error("demo report version insert returned nothing");
    await tx.insert(reportComments).values({ versionId: version.id, sectionKey: "scores", body: "Please add a sentence on why digital payments lag behind the other components.", authorId: reviewer.id });
  });
}
