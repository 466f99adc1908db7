import { and, count, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { actorByEmail, refusal } from "./event-fixtures";
import type { Database } from "@/db/client";
import { auditLog, eventComponents, eventTrainers, events, registrations, users } from "@/db/schema";
import { addMaterial, createEvent, setEventStatus, updateEvent, markAttendance, registerParticipant, withdrawRegistration } from "@/server/events/write";
import { getEventDetail, listEvents, listEventsForCalendar, listEventsInMonth, listMaterials } from "@/db/queries/events";
import { listRegistrations } from "@/db/queries/registrations";
import { participationStats } from "@/db/queries/event-stats";
import { eventFormSchema, registrationSchema } from "@/lib/validation/events";
import { OverlapWarning } from "@/lib/events/errors";
import { buildCalendar } from "@/lib/events/ics";
import { eventTimeFormat, utcToWallClock } from "@/lib/events/time";

const baseForm = {
  title: "Faecal sludge treatment plant operation",
  type: "training",
  description: "Two days on operating the FSTP.",
  components: ["service_delivery"],
  hostCity: "kushtia",
  pairMentee: "",
  timeZone: "Asia/Dhaka",
  startsAt: "2030-03-10T10:00",
  endsAt: "2030-03-10T16:00",
  registrationDeadline: "",
  venue: "Kushtia Paurashava hall",
  onlineUrl: "",
  capacity: "2",
  trainers: [] as string[],
};

const person = (name: string, extra: Record<string, string> = {}) => registrationSchema.parse({ name, position: "Sanitary inspector", organisation: "Kushtia Paurashava", city: "kushtia", participantRole: "municipal_staff", gender: "female", email: "", phone: "", ...extra });

describeDb("events", (db) => {
  const actor = (email: string) => actorByEmail(db(), email);
  const trainer = () => actor("trainer@demo.cwis");
  const admin = () => actor("admin@demo.cwis");
  const officer = () => actor("officer.kushtia@demo.cwis");
  const countEvents = async (d: Database) => (await d.select({ n: count() }).from(events))[0]?.n ?? 0;
  const form = async (change: Record<string, unknown> = {}) => eventFormSchema.parse({ ...baseForm, trainers: [String((await trainer()).id)], ...change });
  const newEvent = async (change: Record<string, unknown> = {}) => createEvent(db(), await form({ confirmOverlap: "on", ...change }), await trainer());

  it("schedules an event with its components and trainers, stored in UTC, audited", async () => {
    const event = await createEvent(db(), await form({ startsAt: "2030-01-07T10:00", endsAt: "2030-01-07T12:00" }), await trainer());
    expect(event.startsAt.toISOString()).toBe("2030-01-07T04:00:00.000Z");
    expect(event.sequence).toBe(0);
    expect(await db().select().from(eventComponents).where(eq(eventComponents.eventId, event.id))).toHaveLength(1);
    expect((await db().select().from(eventTrainers).where(eq(eventTrainers.eventId, event.id))).map((t) => t.userId)).toEqual([(await trainer()).id]);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entity, "event"), eq(auditLog.entityId, String(event.id))));
    expect(audit?.action).toBe("event.create");
  });

  it("an event at 10:00 in Kathmandu is 04:15Z, shows 10:00 in its zone and DTSTART:…T041500Z in the feed", async () => {
    const event = await newEvent({ timeZone: "Asia/Kathmandu", hostCity: "mahalaxmi", startsAt: "2030-02-02T10:00", endsAt: "2030-02-02T13:30" });
    expect(event.startsAt.toISOString()).toBe("2030-02-02T04:15:00.000Z");
    expect(utcToWallClock(event.startsAt, event.timeZone)).toBe("2030-02-02T10:00");
    expect(eventTimeFormat("en-GB", event.timeZone).time(event.startsAt)).toBe("10:00");
    const feed = await listEventsForCalendar(db(), { city: "mahalaxmi", since: new Date("2030-01-01T00:00:00Z") });
    const ics = buildCalendar(
      feed.map((e) => ({ ...e, location: e.venue, url: `https://example.org/events/${e.id}` })),
      "test",
    );
    expect(ics).toContain("DTSTART:20300202T041500Z");
    expect(ics).toContain("DTEND:20300202T074500Z");
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const vevents = calendar.getAllSubcomponents("vevent");
    expect(vevents).toHaveLength(1);
    const parsed = new ICAL.Event(vevents[0]);
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.startDate.toJSDate().toISOString()).toBe("2030-02-02T04:15:00.000Z");
    expect(parsed.startDate.zone?.tzid).toBe("UTC");
  });

  it.each([
    [{ hostCity: "atlantis" }, "validation.events.hostCityUnknown"],
    [{ components: ["service_delivery", "xx"] }, "validation.events.componentUnknown"],
    [{ pairMentee: "kushtia" }, "validation.events.pairUnknown"],
    [{ trainers: ["999999"] }, "validation.events.trainerUnknown"],
  ])("refuses unknown references %o and writes nothing", async (change, key) => {
    const before = await countEvents(db());
    const auditBefore = (await db().select({ n: count() }).from(auditLog))[0]?.n;
    expect(await refusal(createEvent(db(), await form(change), await admin()))).toBe(key);
    expect(await countEvents(db())).toBe(before);
    expect((await db().select({ n: count() }).from(auditLog))[0]?.n).toBe(auditBefore);
  });

  it("only trainers and admins schedule; trainers edit only the events they run; admins edit any", async () => {
    const [other] = await db()
      .insert(users)
      .values({ email: "second.trainer@example.org", name: "Second Trainer", role: "trainer", passwordHash: "x" })
      .returning({ id: users.id, role: users.role, cityId: users.cityId });
    if (!other) throw new Error("insert");
    const event = await newEvent({ startsAt: "2030-04-01T09:00", endsAt: "2030-04-01T11:00" });
    const edited = await form({ title: "Renamed by someone", startsAt: "2030-04-01T09:00", endsAt: "2030-04-01T11:00", trainers: [String((await trainer()).id)] });
    expect(await refusal(updateEvent(db(), event.id, edited, other))).toBe("errors.forbidden");
    expect(await refusal(updateEvent(db(), event.id, edited, await actor("partner@demo.cwis")))).toBe("errors.forbidden");
    expect(await refusal(updateEvent(db(), event.id, edited, await officer()))).toBe("errors.forbidden");
    expect(await refusal(createEvent(db(), edited, await actor("partner@demo.cwis")))).toBe("errors.forbidden");
    expect(await refusal(setEventStatus(db(), event.id, "cancelled", other))).toBe("errors.forbidden");
    expect((await getEventDetail(db(), event.id))?.event.title).toBe(baseForm.title);
    const byAdmin = await updateEvent(db(), event.id, { ...edited, confirmOverlap: true }, await admin());
    expect(byAdmin.title).toBe("Renamed by someone");
    expect(byAdmin.sequence).toBe(1);
    // A trainer may not drop themself from an event they run.
    expect(await refusal(updateEvent(db(), event.id, { ...edited, trainers: [other.id] }, await trainer()))).toBe("validation.events.keepYourself");
  });

  it("warns before double-booking a trainer, and saves when the overlap is confirmed", async () => {
    await newEvent({ title: "Morning session", startsAt: "2030-05-05T09:00", endsAt: "2030-05-05T12:00" });
    const before = await countEvents(db());
    const clash = await form({ title: "Overlapping session", startsAt: "2030-05-05T11:00", endsAt: "2030-05-05T13:00" });
    const error = await createEvent(db(), clash, await trainer()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverlapWarning);
    expect((error as OverlapWarning).overlaps.map((o) => o.title)).toEqual(["Morning session"]);
    expect(await countEvents(db())).toBe(before);
    // Back to back is not an overlap; in Kathmandu 12:00 local is 15 minutes before 12:00 in Dhaka.
    await createEvent(db(), await form({ title: "Afternoon", startsAt: "2030-05-05T12:00", endsAt: "2030-05-05T14:00" }), await trainer()).catch((e: unknown) => expect(e).toBeInstanceOf(OverlapWarning));
    const saved = await createEvent(db(), { ...clash, confirmOverlap: true }, await trainer());
    expect(saved.title).toBe("Overlapping session");
  });

  it("fills seats, then the waitlist; a withdrawal moves the first waitlisted up in the same transaction", async () => {
    const event = await newEvent({ startsAt: "2030-06-01T10:00", endsAt: "2030-06-01T12:00", capacity: "2" });
    const now = new Date("2030-05-01T00:00:00Z");
    const a = await registerParticipant(db(), event.id, person("Ayesha Siddiqua"), await officer(), now);
    const b = await registerParticipant(db(), event.id, person("Bilkis Begum"), await officer(), now);
    const c = await registerParticipant(db(), event.id, person("Chandan Das", { gender: "male" }), await officer(), new Date(now.getTime() + 1000));
    const d = await registerParticipant(db(), event.id, person("Dipa Roy"), await officer(), new Date(now.getTime() + 2000));
    expect([a.status, b.status, c.status, d.status]).toEqual(["registered", "registered", "waitlisted", "waitlisted"]);
    const { promoted } = await withdrawRegistration(db(), a.id, await officer());
    expect(promoted).toEqual([c.id]);
    const statuses = Object.fromEntries((await listRegistrations(db(), event.id)).map((r) => [r.name, r.status]));
    expect(statuses).toEqual({ "Ayesha Siddiqua": "withdrawn", "Bilkis Begum": "registered", "Chandan Das": "registered", "Dipa Roy": "waitlisted" });
    const actions = (await db().select({ action: auditLog.action, entityId: auditLog.entityId }).from(auditLog).where(eq(auditLog.entity, "registration"))).filter((r) => [String(a.id), String(c.id)].includes(r.entityId));
    expect(actions.map((r) => r.action)).toEqual(expect.arrayContaining(["registration.withdraw", "registration.promote"]));
    // The capacity cannot drop below the seats taken; raising it moves the waitlist up.
    expect(await refusal(updateEvent(db(), event.id, await form({ startsAt: "2030-06-01T10:00", endsAt: "2030-06-01T12:00", capacity: "1", confirmOverlap: "on" }), await trainer()))).toBe("validation.events.capacityBelowRegistrations");
    await updateEvent(db(), event.id, await form({ startsAt: "2030-06-01T10:00", endsAt: "2030-06-01T12:00", capacity: "3", confirmOverlap: "on" }), await trainer());
    expect((await getEventDetail(db(), event.id))?.counts).toMatchObject({ registered: 3, waitlisted: 0 });
  });

  it("refuses a duplicate registration by email or by name in the same city, ignoring case and spaces", async () => {
    const event = await newEvent({ startsAt: "2030-07-01T10:00", endsAt: "2030-07-01T12:00", capacity: "10" });
    const now = new Date("2030-06-01T00:00:00Z");
    await registerParticipant(db(), event.id, person("Rokeya  Khatun", { email: "Rokeya@Example.org" }), await officer(), now);
    expect(await refusal(registerParticipant(db(), event.id, person(" rokeya khatun "), await officer(), now))).toBe("events.duplicateRegistration");
    expect(await refusal(registerParticipant(db(), event.id, person("Someone Else", { email: "ROKEYA@example.org" }), await officer(), now))).toBe("events.duplicateRegistration");
    // The same name in another city is another person.
    const other = await registerParticipant(db(), event.id, person("Rokeya Khatun", { city: "meherpur" }), await trainer(), now);
    expect(other.status).toBe("registered");
    expect(await listRegistrations(db(), event.id)).toHaveLength(2);
  });

  it("an officer registers only into their own city's quota; a partner cannot register", async () => {
    const event = await newEvent({ startsAt: "2030-07-02T10:00", endsAt: "2030-07-02T12:00", capacity: "10" });
    const now = new Date("2030-06-01T00:00:00Z");
    expect(await refusal(registerParticipant(db(), event.id, person("Tampered Form", { city: "jhenaidah" }), await officer(), now))).toBe("events.otherCityRefused");
    expect(await refusal(registerParticipant(db(), event.id, person("Partner Pick"), await actor("partner@demo.cwis"), now))).toBe("events.otherCityRefused");
    expect(await refusal(registerParticipant(db(), event.id, person("Nowhere", { city: "atlantis" }), await admin(), now))).toBe("validation.city");
    expect(await listRegistrations(db(), event.id)).toHaveLength(0);
  });

  it("closes registration at the deadline for officers; trainers and admins may still add", async () => {
    const event = await newEvent({ startsAt: "2030-08-10T10:00", endsAt: "2030-08-10T12:00", registrationDeadline: "2030-08-05T17:00", capacity: "10" });
    const late = new Date("2030-08-06T00:00:00Z");
    expect(await refusal(registerParticipant(db(), event.id, person("Late Comer"), await officer(), late))).toBe("events.registrationClosed");
    expect((await registerParticipant(db(), event.id, person("Late Comer"), await trainer(), late)).status).toBe("registered");
    expect((await registerParticipant(db(), event.id, person("Admin Added"), await admin(), late)).status).toBe("registered");
  });

  it("cancelling keeps everything, drops the event from upcoming lists and marks it CANCELLED in the feed", async () => {
    const event = await newEvent({ title: "To be cancelled", startsAt: "2030-09-01T10:00", endsAt: "2030-09-01T12:00", capacity: "5" });
    await registerParticipant(db(), event.id, person("Keeps Her Seat"), await officer(), new Date("2030-08-01T00:00:00Z"));
    const now = new Date("2030-08-15T00:00:00Z");
    const upcoming = async () => (await listEvents(db(), { from: "2030-09-01", to: "2030-09-01" }, { when: "upcoming", now, limit: 50, offset: 0 })).rows.map((r) => r.id);
    const month = async () => (await listEventsInMonth(db(), {}, { first: "2030-09-01", next: "2030-10" }, now)).map((r) => r.id);
    expect(await upcoming()).toContain(event.id);
    expect(await month()).toContain(event.id);
    const cancelled = await setEventStatus(db(), event.id, "cancelled", await trainer(), now);
    expect(cancelled.sequence).toBe(1);
    expect(await upcoming()).not.toContain(event.id);
    expect(await month()).not.toContain(event.id);
    expect((await getEventDetail(db(), event.id))?.event.status).toBe("cancelled");
    expect(await listRegistrations(db(), event.id)).toHaveLength(1);
    expect(await refusal(registerParticipant(db(), event.id, person("Too Late"), await trainer(), now))).toBe("events.cancelledNoRegistration");
    const feed = await listEventsForCalendar(db(), { since: new Date("2030-08-31T00:00:00Z") });
    const ics = buildCalendar(feed.map((e) => ({ ...e, location: e.venue, url: "https://example.org" })), "test");
    const vevent = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").find((v) => v.getFirstPropertyValue("uid") === event.uid);
    expect(vevent?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent?.getFirstPropertyValue("sequence")).toBe(1);
  });

  it("attendance only after the start, by the event's trainer; statistics count attendees by gender, city, role", async () => {
    const event = await newEvent({ title: "Stats check", startsAt: "2030-10-01T10:00", endsAt: "2030-10-01T12:00", capacity: "5", components: ["governance", "service_delivery"] });
    const before = new Date("2030-09-01T00:00:00Z");
    const f = await registerParticipant(db(), event.id, person("Farzana Akter"), await officer(), before);
    const m = await registerParticipant(db(), event.id, person("Mizanur Rahman", { gender: "male", participantRole: "elected_representative" }), await officer(), before);
    await registerParticipant(db(), event.id, person("Absent Person", { gender: "other" }), await officer(), before);
    const input = { listed: [f.id, m.id], attended: [f.id, m.id] };
    expect(await refusal(markAttendance(db(), event.id, input, await trainer(), before))).toBe("events.attendanceBeforeStart");
    expect(await refusal(markAttendance(db(), event.id, input, await officer(), new Date("2030-10-02T00:00:00Z")))).toBe("errors.forbidden");
    expect(await markAttendance(db(), event.id, input, await trainer(), new Date("2030-10-01T05:00:00Z"))).toBe(2);
    const stats = await participationStats(db(), { event: event.id });
    expect(stats.totals).toMatchObject({ registered: 3, attended: 2, events: 1 });
    expect(Object.fromEntries(stats.byGender.map((g) => [g.gender, g.attended]))).toEqual({ female: 1, male: 1, other: 0 });
    expect(Object.fromEntries(stats.byRole.map((g) => [g.participantRole, g.attended]))).toEqual({ municipal_staff: 1, elected_representative: 1 });
    expect(stats.byCity.map((c) => [c.slug, c.attended])).toEqual([["kushtia", 2]]);
    expect(stats.byQuarter).toEqual([{ quarter: "2030-Q4", registered: 3, waitlisted: 0, attended: 2 }]);
    expect(stats.byComponent.map((c) => c.code)).toEqual(["governance", "service_delivery"]);
    await setEventStatus(db(), event.id, "completed", await trainer(), new Date("2030-10-02T00:00:00Z"));
    expect((await participationStats(db(), { event: event.id })).totals.attended).toBe(2);
    // The list of a completed event is the record: no more withdrawals.
    expect(await refusal(withdrawRegistration(db(), f.id, await trainer()))).toBe("events.withdrawNotScheduled");
  });

  it("links published resources and URLs as materials", async () => {
    const event = await newEvent({ startsAt: "2030-11-01T10:00", endsAt: "2030-11-01T12:00" });
    await addMaterial(db(), event.id, { resourceId: null, url: "https://example.org/slides.pdf", title: "Slides" }, await trainer());
    expect(await refusal(addMaterial(db(), event.id, { resourceId: null, url: "https://example.org/slides.pdf", title: "Again" }, await trainer()))).toBe("validation.events.materialDuplicate");
    expect(await refusal(addMaterial(db(), event.id, { resourceId: 999999, url: null, title: "" }, await trainer()))).toBe("validation.events.resourceUnknown");
    expect(await refusal(addMaterial(db(), event.id, { resourceId: null, url: "https://example.org/x", title: "X" }, await officer()))).toBe("errors.forbidden");
    expect(await listMaterials(db(), event.id)).toEqual([expect.objectContaining({ kind: "url", title: "Slides", href: "https://example.org/slides.pdf" })]);
  });

  it("keeps registrations, even of other cities, out of an officer's scoped list", async () => {
    const event = await newEvent({ startsAt: "2030-12-01T10:00", endsAt: "2030-12-01T12:00", capacity: "10" });
    const now = new Date("2030-11-01T00:00:00Z");
    await registerParticipant(db(), event.id, person("Kushtia Person"), await officer(), now);
    await registerParticipant(db(), event.id, person("Meherpur Person", { city: "meherpur" }), await admin(), now);
    const own = await listRegistrations(db(), event.id, { cityId: (await officer()).cityId ?? -1 });
    expect(own.map((r) => r.name)).toEqual(["Kushtia Person"]);
    expect(await db().select({ n: count() }).from(registrations).where(eq(registrations.eventId, event.id))).toEqual([{ n: 2 }]);
  });
});
