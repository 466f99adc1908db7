import { and, eq, like } from "drizzle-orm";
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { actorByEmail } from "./event-fixtures";
import type { Database } from "@/db/client";
import { notifications, outbox } from "@/db/schema";
import { createEvent, registerParticipant, setEventStatus, updateEvent, withdrawRegistration } from "@/server/events/write";
import { queueEventReminders } from "@/server/events/mail";
import { sendDueMessages } from "@/server/mail/worker";
import { smtpTransport } from "@/server/mail/transport";
import { eventFormSchema, registrationSchema } from "@/lib/validation/events";
import { useTestSmtp } from "../support/smtp";

const baseForm = {
  title: "FSTP operation and safety",
  type: "training",
  description: "Operating the faecal sludge treatment plant.",
  components: ["service_delivery"],
  hostCity: "kushtia",
  pairMentee: "",
  timeZone: "Asia/Dhaka",
  startsAt: "2031-03-10T10:00",
  endsAt: "2031-03-10T16:00",
  registrationDeadline: "",
  venue: "Kushtia Paurashava hall",
  onlineUrl: "https://meet.example.org/fstp",
  capacity: "1",
  trainers: [] as string[],
};

const person = (name: string, email: string, city = "kushtia") => registrationSchema.parse({ name, position: "Sanitary inspector", organisation: "Paurashava", city, participantRole: "municipal_staff", gender: "female", email, phone: "" });

const smtp = useTestSmtp({ APP_URL: "https://cwis.example.org" });

async function deliver(db: Database) {
  const transport = smtpTransport(smtp().url);
  try {
    return await sendDueMessages(db, transport, { from: "CWIS <no-reply@cwis.example.org>", batch: 100 });
  } finally {
    transport.close();
  }
}

// The file runs on PGlite and then on Postgres with one SMTP server: each test reads only what arrived after `since`.
const mailTo = (address: string, since: number) => smtp().received.slice(since).filter((m) => (m.to && !Array.isArray(m.to) ? m.to.value.some((v) => v.address === address) : false));

describeDb("mail: events", (db) => {
  const actor = (email: string) => actorByEmail(db(), email);

  it("a participant with an email gets a confirmation in Bangla with the event as a calendar file; the waitlisted one is told so", async () => {
    const since = smtp().received.length;
    const trainer = await actor("trainer@demo.cwis");
    const event = await createEvent(db(), eventFormSchema.parse({ ...baseForm, trainers: [String(trainer.id)], confirmOverlap: "on" }), trainer);
    const officer = await actor("officer.kushtia@demo.cwis");
    await registerParticipant(db(), event.id, person("Rokeya Begum", "rokeya@example.org"), officer);
    await registerParticipant(db(), event.id, person("Nasima Khatun", "nasima@example.org"), officer);
    await registerParticipant(db(), event.id, person("No Mail Person", ""), officer);
    expect((await deliver(db())).failed).toBe(0);

    const [confirmation] = mailTo("rokeya@example.org", since);
    if (!confirmation) throw new Error("no confirmation arrived");
    expect(confirmation.subject).toBe("নিবন্ধিত: FSTP operation and safety");
    expect(confirmation.text).toContain("প্রিয় Rokeya Begum");
    expect(confirmation.text).toContain("https://meet.example.org/fstp");
    expect(confirmation.text).toContain(`https://cwis.example.org/events/${event.id}`);
    // 10:00 in Dhaka, with Bangla digits, in the venue's zone.
    expect(confirmation.text).toContain("১০:০০");
    const ics = confirmation.attachments.find((a) => a.filename === `event-${event.id}.ics`);
    if (!ics) throw new Error("no calendar file attached");
    expect(ics.contentType).toBe("text/calendar");
    const vevent = new ICAL.Component(ICAL.parse(ics.content.toString("utf8"))).getFirstSubcomponent("vevent");
    expect(vevent?.getFirstPropertyValue("uid")).toBe(event.uid);
    expect(String(vevent?.getFirstPropertyValue("dtstart"))).toBe("2031-03-10T04:00:00Z");

    const [waitlisted] = mailTo("nasima@example.org", since);
    expect(waitlisted?.subject).toBe("অপেক্ষা তালিকায়: FSTP operation and safety");
    expect(waitlisted?.attachments).toHaveLength(0);
    // The officer registered them: no notice to themselves.
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.entity, "event")))).toHaveLength(0);

    // A withdrawal frees the seat: the waitlisted participant is moved up and told, with the file,
    // and the officer who registered her hears of it (the trainer withdrew, not the officer).
    const seated = (await db().select().from(outbox).where(eq(outbox.toAddress, "rokeya@example.org")))[0];
    expect(seated?.kind).toBe("event.registered");
    const registrations = await import("@/db/queries/registrations").then((m) => m.listRegistrations(db(), event.id));
    const rokeya = registrations.find((r) => r.name === "Rokeya Begum");
    await withdrawRegistration(db(), rokeya!.id, trainer);
    await deliver(db());
    const moved = mailTo("nasima@example.org", since);
    expect(moved.map((m) => m.subject)).toEqual(["অপেক্ষা তালিকায়: FSTP operation and safety", "নিবন্ধিত: FSTP operation and safety"]);
    expect(moved[1]!.attachments.some((a) => (a.filename ?? "").endsWith(".ics"))).toBe(true);
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "event.registered")));
    expect(told).toHaveLength(1);

    // A change of time reaches the participants with an updated file (higher SEQUENCE); a cancellation too.
    await updateEvent(db(), event.id, eventFormSchema.parse({ ...baseForm, startsAt: "2031-03-11T10:00", endsAt: "2031-03-11T16:00", trainers: [String(trainer.id)], confirmOverlap: "on" }), trainer);
    await setEventStatus(db(), event.id, "cancelled", trainer);
    await deliver(db());
    const later = mailTo("nasima@example.org", since).slice(2).sort((a, b) => (a.subject ?? "").localeCompare(b.subject ?? ""));
    // Parsed as they arrive, so sorted: "পরিবর্তিত" (changed) before "বাতিল" (cancelled).
    expect(later.map((m) => m.subject)).toEqual(["পরিবর্তিত: FSTP operation and safety", "বাতিল: FSTP operation and safety"]);
    const cancelledIcs = later[1]!.attachments.find((a) => (a.filename ?? "").endsWith(".ics"));
    const cancelled = new ICAL.Component(ICAL.parse(cancelledIcs!.content.toString("utf8"))).getFirstSubcomponent("vevent");
    expect(cancelled?.getFirstPropertyValue("status")).toBe("CANCELLED");
    const changed = new ICAL.Component(ICAL.parse(later[0]!.attachments[0]!.content.toString("utf8"))).getFirstSubcomponent("vevent");
    expect(Number(cancelled?.getFirstPropertyValue("sequence"))).toBeGreaterThan(Number(changed?.getFirstPropertyValue("sequence")));
    expect((await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "event.cancelled"))))).toHaveLength(1);
  });

  it("the reminder goes a day before, once per participant, in Nepali for a Nepali city", async () => {
    const trainer = await actor("trainer@demo.cwis");
    const event = await createEvent(db(), eventFormSchema.parse({ ...baseForm, title: "Mentoring visit", hostCity: "mahalaxmi", timeZone: "Asia/Kathmandu", startsAt: "2031-05-05T10:00", endsAt: "2031-05-05T12:00", capacity: "10", trainers: [String(trainer.id)], confirmOverlap: "on" }), trainer);
    await registerParticipant(db(), event.id, person("Sita Maharjan", "sita@example.org", "mahalaxmi"), await actor("officer.mahalaxmi@demo.cwis"));
    const reminders = () => db().select().from(outbox).where(and(eq(outbox.kind, "event.reminder"), like(outbox.dedupeKey, `event.reminder:%:${event.startsAt.getTime()}`)));
    // Two days before: nothing yet. Twenty hours before: once, however often the job runs.
    expect(await queueEventReminders(db(), new Date(event.startsAt.getTime() - 48 * 3600_000))).toBe(0);
    await queueEventReminders(db(), new Date(event.startsAt.getTime() - 20 * 3600_000));
    await queueEventReminders(db(), new Date(event.startsAt.getTime() - 19 * 3600_000));
    const rows = await reminders();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toAddress: "sita@example.org", locale: "ne", subject: "भोलि: Mentoring visit" });
    expect(rows[0]!.textBody).toContain("१०:००");
    // The officer who registered her is reminded once too, in the app.
    const officer = await actor("officer.mahalaxmi@demo.cwis");
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "event.reminder")))).toHaveLength(1);
  });
});
