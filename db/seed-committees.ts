import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { insertCommittee, insertMeeting, insertMember, replaceAttendance, replaceDecisions } from "./queries/committees";
import { cities, committees, components, users, type CommitteeMember } from "./schema";

/** The demo committee's name (tests find it by this). */
export const DEMO_COMMITTEE_NAME = "স্বাস্থ্য ও স্যানিটেশন কমিটি";

// Contacts are made up and shaped like Bangladeshi mobile numbers, so the contact column has
// something to hide from readers who may not see it.
const MEMBERS = [
  { name: "মোছাঃ শাহানা বেগম", organisation: "ওয়ার্ড ৭, সংরক্ষিত আসনের কাউন্সিলর", role: "chair", gender: "female", wardResident: true, contact: "+880 1700-000101" },
  { name: "মোঃ আব্দুর রহিম", organisation: "কুষ্টিয়া পৌরসভা, স্বাস্থ্য বিভাগ", role: "secretary", gender: "male", wardResident: false, contact: "+880 1700-000102" },
  { name: "রোকসানা আক্তার", organisation: "নারী উদ্যোক্তা সমিতি", role: "treasurer", gender: "female", wardResident: true, contact: "+880 1700-000103" },
  { name: "মোঃ জাহিদুল ইসলাম", organisation: "বর্জ্য সংগ্রহকারী দল", role: "member", gender: "male", wardResident: true, contact: "" },
  { name: "সালমা খাতুন", organisation: "কমিউনিটি স্বাস্থ্যকর্মী", role: "member", gender: "female", wardResident: true, contact: "+880 1700-000105" },
] as const;

const MINUTES = `## আলোচ্য বিষয়

- ওয়ার্ড ৭-এর বাজার এলাকায় খোলা ড্রেনে মল-বর্জ্য ফেলার অভিযোগ।
- পৌরসভার ভ্যাকুট্যাগ দিয়ে সেপটিক ট্যাংক খালি করার সময়সূচি।

## আলোচনা

সভাপতি জানান, গত মাসে বাজারের তিনটি দোকানের সেপটিক ট্যাংক উপচে পড়েছে। স্বাস্থ্য বিভাগের প্রতিনিধি বলেন, ভ্যাকুট্যাগের জন্য আগে থেকে **অনলাইনে আবেদন** করা যায়, কিন্তু অনেকেই তা জানেন না।`;

const DECISIONS = [
  "আগামী এক মাসের মধ্যে বাজার এলাকার সব দোকানমালিককে সেপটিক ট্যাংক খালি করার সেবা ও আবেদনের নিয়ম জানিয়ে লিফলেট বিতরণ করা হবে।",
  "কমিউনিটি স্বাস্থ্যকর্মী প্রতি মাসে খোলা ড্রেনের অবস্থা পরিদর্শন করে পরবর্তী সভায় জানাবেন।",
];

/**
 * Kushtia's health and sanitation committee: five members (three women, a woman in the chair),
 * one past meeting attended by four of them, with Bangla minutes and two decisions. The demo
 * officer, approver and partner see the committee pages filled at once, with and without
 * contacts. Seeding again adds nothing once a demo committee exists.
 */
export async function seedDemoCommittees(db: Database): Promise<void> {
  const [existing] = await db.select({ id: committees.id }).from(committees).where(eq(committees.isDemo, true)).limit(1);
  if (existing) return;
  const [kushtia] = await db.select({ id: cities.id }).from(cities).where(eq(cities.slug, "kushtia"));
  if (!kushtia) return;
  // Someone may already have named a committee so: the demo one is then left out, not forced in.
  const [sameName] = await db.select({ id: committees.id }).from(committees).where(and(eq(committees.cityId, kushtia.id), sql`lower(${committees.name}) = lower(${DEMO_COMMITTEE_NAME})`));
  if (sameName) return;
  const [component] = await db.select({ id: components.id }).from(components).where(eq(components.code, "engagement_bcc"));
  const [officer] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, "officer.kushtia@demo.cwis"), eq(users.isDemo, true)));
  await db.transaction(async (tx) => {
    const committee = await insertCommittee(tx, {
      cityId: kushtia.id,
      name: DEMO_COMMITTEE_NAME,
      componentId: component?.id ?? null,
      theme: component ? "" : "স্বাস্থ্য ও স্যানিটেশন",
      createdBy: officer?.id ?? null,
      isDemo: true,
    });
    const members: CommitteeMember[] = [];
    for (const member of MEMBERS) members.push(await insertMember(tx, { ...member, committeeId: committee.id, isDemo: true }));
    const meeting = await insertMeeting(tx, { committeeId: committee.id, heldOn: "2025-11-12", place: "কুষ্টিয়া পৌরসভা সম্মেলন কক্ষ", minutes: MINUTES, createdBy: officer?.id ?? null, isDemo: true });
    // The waste collectors' member sent apologies.
    await replaceAttendance(tx, meeting.id, members.filter((m) => m.role !== "member" || m.gender === "female").map((m) => m.id));
    await replaceDecisions(tx, meeting.id, DECISIONS);
  });
}
