import { eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { cities, components, eventComponents, eventMaterials, eventTrainers, events, registrations, users, type EventStatus, type EventType, type Gender, type ParticipantRole } from "./schema";
import { wallClockToUtc } from "@/lib/events/time";
import { nameKeyOf } from "@/lib/validation/events";

/**
 * Demo events: three past ones with attendance and outcomes, three to come. Each has a fixed UID,
 * so seeding again adds nothing and the demo is the same on every machine. Run by the demo
 * trainer; participants are invented and have no contact details.
 */
interface DemoParticipant {
  name: string;
  city: string;
  gender: Gender;
  role: ParticipantRole;
  position: string;
  attended?: boolean;
}

interface DemoEvent {
  uid: string;
  title: string;
  type: EventType;
  description: string;
  host: string;
  pairMentee?: string;
  timeZone: "Asia/Dhaka" | "Asia/Kathmandu";
  start: string;
  end: string;
  deadline?: string;
  venue: string;
  onlineUrl?: string;
  capacity: number;
  components: string[];
  status: EventStatus;
  outcomes?: string;
  material?: { url: string; title: string };
  participants: DemoParticipant[];
}

const p = (name: string, city: string, gender: Gender, role: ParticipantRole, position: string, attended?: boolean): DemoParticipant => ({ name, city, gender, role, position, attended });

export const DEMO_EVENTS: DemoEvent[] = [
  {
    uid: "5e0d1a00-c0de-4e00-8e00-000000000001",
    title: "Faecal sludge treatment plant: operation and maintenance",
    type: "training",
    description: "Two sessions at Kushtia's treatment plant: receiving desludging trucks, drying beds, co-composting and safety of the workers.",
    host: "kushtia",
    pairMentee: "meherpur",
    timeZone: "Asia/Dhaka",
    start: "2026-03-15T10:00",
    end: "2026-03-15T16:00",
    venue: "Kushtia Paurashava FSTP, Kushtia",
    capacity: 20,
    components: ["service_delivery"],
    status: "completed",
    outcomes: "Meherpur drafted a plant operation checklist and a schedule for monthly safety drills.",
    material: { url: "https://www.susana.org/", title: "SuSanA knowledge hub" },
    participants: [
      p("Shirin Akter", "meherpur", "female", "municipal_staff", "Sanitary inspector", true),
      p("Abdul Karim", "meherpur", "male", "municipal_staff", "Assistant engineer", true),
      p("Nasima Khatun", "meherpur", "female", "sanitation_worker", "Plant operator", true),
      p("Rafiqul Islam", "meherpur", "male", "elected_representative", "Ward councillor", false),
      p("Moushumi Roy", "kushtia", "female", "municipal_staff", "Conservancy supervisor", true),
      p("Jahangir Alam", "chuadanga", "male", "private_operator", "Desludging operator", true),
    ],
  },
  {
    uid: "5e0d1a00-c0de-4e00-8e00-000000000002",
    title: "Exposure visit to Mahalaxmi's sanitation services",
    type: "exposure_visit",
    description: "Godawari's team visits Mahalaxmi's faecal sludge management services and ward-level behaviour change work.",
    host: "mahalaxmi",
    pairMentee: "godawari",
    timeZone: "Asia/Kathmandu",
    start: "2026-06-10T09:30",
    end: "2026-06-10T15:00",
    venue: "Mahalaxmi Municipality office, Lalitpur",
    capacity: 15,
    components: ["governance", "engagement_bcc"],
    status: "completed",
    outcomes: "Godawari agreed to start ward sanitation committees on Mahalaxmi's model within two quarters.",
    participants: [
      p("Sarita Maharjan", "godawari", "female", "municipal_staff", "Environment section chief", true),
      p("Binod Shrestha", "godawari", "male", "elected_representative", "Ward chair", true),
      p("Kamala Tamang", "godawari", "female", "ngo_partner", "Community mobiliser", true),
      p("Ramesh Karki", "changunarayan", "male", "municipal_staff", "Engineer", false),
      p("Laxmi Dangol", "mahalaxmi", "female", "sanitation_worker", "Team leader", true),
    ],
  },
  {
    uid: "5e0d1a00-c0de-4e00-8e00-000000000003",
    title: "Women-led sanitation enterprises",
    type: "workshop",
    description: "Business models, finance and licensing for women-led emptying and reuse enterprises.",
    host: "jhenaidah",
    timeZone: "Asia/Dhaka",
    start: "2026-08-20T10:00",
    end: "2026-08-20T15:30",
    venue: "Jhenaidah Paurashava auditorium",
    capacity: 25,
    components: ["womens_entrepreneurship", "gesi"],
    status: "completed",
    outcomes: "Four women's groups prepared business plans; two applied for start-up loans.",
    participants: [
      p("Rokeya Begum", "jhenaidah", "female", "private_operator", "Entrepreneur", true),
      p("Shahana Parvin", "magura", "female", "private_operator", "Entrepreneur", true),
      p("Mst. Hosneara", "kotchandpur", "female", "sanitation_worker", "Group leader", true),
      p("Tariqul Hasan", "jhenaidah", "male", "municipal_staff", "Revenue officer", true),
      p("Anjali Biswas", "magura", "other", "ngo_partner", "Field facilitator", true),
    ],
  },
  {
    uid: "5e0d1a00-c0de-4e00-8e00-000000000004",
    title: "Digital payment of desludging fees",
    type: "webinar",
    description: "How Faridpur collects emptying fees by mobile money, and what it took to set up.",
    host: "faridpur",
    timeZone: "Asia/Dhaka",
    start: "2026-12-08T11:00",
    end: "2026-12-08T12:30",
    venue: "",
    onlineUrl: "https://meet.example.org/cwis-digital-payments",
    capacity: 100,
    components: ["digital_finance"],
    status: "scheduled",
    participants: [p("Sumaiya Islam", "madaripur", "female", "municipal_staff", "Accounts officer"), p("Mahbub Rahman", "gopalganj", "male", "municipal_staff", "Revenue supervisor")],
  },
  {
    uid: "5e0d1a00-c0de-4e00-8e00-000000000005",
    title: "Mentoring session: Kushtia and Chuadanga",
    type: "mentoring_session",
    description: "Review of Chuadanga's sanitation action plan against the CWIS governance indicators.",
    host: "kushtia",
    pairMentee: "chuadanga",
    timeZone: "Asia/Dhaka",
    start: "2027-01-19T10:00",
    end: "2027-01-19T13:00",
    deadline: "2027-01-12T17:00",
    venue: "Kushtia Paurashava meeting room",
    capacity: 12,
    components: ["governance"],
    status: "scheduled",
    participants: [p("Farida Yasmin", "chuadanga", "female", "municipal_staff", "Executive engineer")],
  },
  {
    uid: "5e0d1a00-c0de-4e00-8e00-000000000006",
    title: "Consultation on the municipal sanitation by-law",
    type: "consultation_workshop",
    description: "Dhulikhel and Banepa discuss the draft by-law on emptying services and tariffs.",
    host: "dhulikhel",
    pairMentee: "banepa",
    timeZone: "Asia/Kathmandu",
    start: "2027-02-03T10:00",
    end: "2027-02-03T16:00",
    venue: "Dhulikhel Municipality hall",
    capacity: 30,
    components: ["governance", "service_delivery"],
    status: "scheduled",
    participants: [],
  },
];

export async function seedDemoEvents(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const [trainer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "trainer@demo.cwis"));
    if (!trainer) return;
    const slugs = [...new Set(DEMO_EVENTS.flatMap((e) => [e.host, ...(e.pairMentee ? [e.pairMentee] : []), ...e.participants.map((x) => x.city)]))];
    const cityRows = await tx.select({ id: cities.id, slug: cities.slug, mentorCityId: cities.mentorCityId }).from(cities).where(inArray(cities.slug, slugs));
    const city = new Map(cityRows.map((c) => [c.slug, c]));
    const componentRows = await tx.select({ id: components.id, code: components.code }).from(components);
    const componentId = new Map(componentRows.map((c) => [c.code, c.id]));

    for (const demo of DEMO_EVENTS) {
      const host = city.get(demo.host);
      const mentee = demo.pairMentee ? city.get(demo.pairMentee) : undefined;
      const start = wallClockToUtc(demo.start, demo.timeZone);
      const end = wallClockToUtc(demo.end, demo.timeZone);
      if (!host || !start || !end) continue;
      const [event] = await tx
        .insert(events)
        .values({
          uid: demo.uid,
          title: demo.title,
          type: demo.type,
          description: demo.description,
          hostCityId: host.id,
          pairMenteeCityId: mentee?.mentorCityId ? mentee.id : null,
          pairMentorCityId: mentee?.mentorCityId ?? null,
          timeZone: demo.timeZone,
          startsAt: start,
          endsAt: end,
          venue: demo.venue,
          onlineUrl: demo.onlineUrl ?? null,
          capacity: demo.capacity,
          registrationDeadline: demo.deadline ? wallClockToUtc(demo.deadline, demo.timeZone) : null,
          status: demo.status,
          outcomes: demo.outcomes ?? "",
          createdBy: trainer.id,
          isDemo: true,
        })
        .onConflictDoNothing({ target: events.uid })
        .returning({ id: events.id });
      // Already there from an earlier run: leave it (and any later edits) alone.
      if (!event) continue;
      const codes = demo.components.flatMap((code) => {
        const id = componentId.get(code);
        return id === undefined ? [] : [{ eventId: event.id, componentId: id }];
      });
      if (codes.length) await tx.insert(eventComponents).values(codes);
      await tx.insert(eventTrainers).values({ eventId: event.id, userId: trainer.id });
      const rows = demo.participants.flatMap((x, i) => {
        const participantCity = city.get(x.city);
        if (!participantCity) return [];
        return [
          {
            eventId: event.id,
            cityId: participantCity.id,
            name: x.name,
            nameKey: nameKeyOf(x.name),
            position: x.position,
            organisation: "",
            participantRole: x.role,
            gender: x.gender,
            status: "registered" as const,
            attended: demo.status === "completed" ? (x.attended ?? false) : null,
            registeredBy: trainer.id,
            registeredAt: new Date(start.getTime() - (14 - i) * 86_400_000),
            isDemo: true,
          },
        ];
      });
      if (rows.length) await tx.insert(registrations).values(rows);
      if (demo.material) await tx.insert(eventMaterials).values({ eventId: event.id, url: demo.material.url, title: demo.material.title, addedBy: trainer.id });
    }
  });
}
