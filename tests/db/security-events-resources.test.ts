import { and, count, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { actorByEmail, refusal } from "./event-fixtures";
import type { Database } from "@/db/client";
import { auditLog, eventMaterials, events, registrations, resources } from "@/db/schema";
import { addMaterial, createEvent, removeMaterial, saveOutcomes, setEventStatus, updateEvent, markAttendance, registerParticipant, withdrawRegistration } from "@/server/events/write";
import { listMaterials } from "@/db/queries/events";
import { getResource, type NewFile } from "@/db/queries/resources";
import { createResource, replaceResourceFile, updateResource } from "@/server/resources/write";
import { getVisibleResource, listResources, relatedResources, resourceYears } from "@/server/resources/read";
import { setResourceStatus } from "@/server/resources/status";
import { attendanceSchema, eventFormSchema, registrationSchema } from "@/lib/validation/events";
import { resourceCreateSchema, resourceQuerySchema, resourceUpdateSchema } from "@/lib/validation/resources";
import { checkFile } from "@/lib/files/upload";
import { buildPdf } from "@/lib/files/simple-pdf";

/*
 * The security review of events and the resource library, against the database: ids taken from
 * one event and used on another, drafts on every read path, made-up values bound to server
 * actions, text PostgreSQL refuses, and what the audit log keeps.
 */

const eventForm = {
  title: "Security review event",
  type: "training",
  description: "",
  components: ["service_delivery"],
  hostCity: "kushtia",
  pairMentee: "",
  timeZone: "Asia/Dhaka",
  startsAt: "2031-03-10T10:00",
  endsAt: "2031-03-10T16:00",
  registrationDeadline: "",
  venue: "Hall",
  onlineUrl: "https://meet.example/secret-room",
  capacity: "10",
  confirmOverlap: "on",
};

const person = (name: string, extra: Record<string, string> = {}) =>
  registrationSchema.parse({ name, position: "", organisation: "", city: "kushtia", participantRole: "municipal_staff", gender: "female", email: "", phone: "", ...extra });

const resourceInput = (fields: Record<string, unknown>) =>
  resourceCreateSchema.parse({ title: "Security resource", summary: "", type: "guideline", language: "en", source: "file", components: [], lenses: [], city: "", author: "", year: "", ...fields });

describeDb("security review: events and resources", (db) => {
  const actor = (email: string) => actorByEmail(db(), email);
  const trainer = () => actor("trainer@demo.cwis");
  const admin = () => actor("admin@demo.cwis");
  const officer = () => actor("officer.kushtia@demo.cwis");
  const otherOfficer = () => actor("officer.mahalaxmi@demo.cwis");
  const reviewer = () => actor("reviewer@demo.cwis");
  const partner = () => actor("partner@demo.cwis");
  const auditRows = async (d: Database) => (await d.select({ n: count() }).from(auditLog))[0]?.n ?? 0;

  /** One event the trainer runs and one only the admin runs, a Kushtia registration in each. */
  async function twoEvents(tag: string) {
    const mine = await createEvent(db(), eventFormSchema.parse({ ...eventForm, title: `Trainer's ${tag}`, trainers: [String((await trainer()).id)] }), await trainer());
    const theirs = await createEvent(db(), eventFormSchema.parse({ ...eventForm, title: `Admin's ${tag}`, trainers: [String((await admin()).id)] }), await admin());
    const now = new Date("2031-01-01T00:00:00Z");
    const inMine = await registerParticipant(db(), mine.id, person(`Mine ${tag}`), await officer(), now);
    const inTheirs = await registerParticipant(db(), theirs.id, person(`Theirs ${tag}`), await officer(), now);
    return { mine, theirs, inMine, inTheirs };
  }

  it("a registration id of another event is not found through this event's withdraw button, and nothing changes", async () => {
    const { mine, theirs, inMine, inTheirs } = await twoEvents("withdraw");
    const audits = await auditRows(db());
    // The trainer runs `mine`: they post a registration of `theirs` to it.
    expect(await refusal(withdrawRegistration(db(), inTheirs.id, await trainer(), { eventId: mine.id }))).toBe("errors.not_found");
    // Even the officer of the participant's city, who may withdraw it from its own event.
    expect(await refusal(withdrawRegistration(db(), inMine.id, await officer(), { eventId: theirs.id }))).toBe("errors.not_found");
    // Without the event named, the registration's own event decides: the trainer does not run it.
    expect(await refusal(withdrawRegistration(db(), inTheirs.id, await trainer()))).toBe("errors.forbidden");
    const rows = await db().select({ id: registrations.id, status: registrations.status }).from(registrations).where(sql`${registrations.id} in (${inMine.id}, ${inTheirs.id})`);
    expect(rows.every((r) => r.status === "registered")).toBe(true);
    expect(await auditRows(db())).toBe(audits);
    // The right pairing still works.
    await withdrawRegistration(db(), inMine.id, await officer(), { eventId: mine.id });
  });

  it("a trainer cannot run an event they do not run by changing the event id", async () => {
    const { mine, theirs, inTheirs } = await twoEvents("idor");
    const t = await trainer();
    const audits = await auditRows(db());
    const after = new Date("2031-03-11T00:00:00Z");
    expect(await refusal(markAttendance(db(), theirs.id, { listed: [inTheirs.id], attended: [inTheirs.id] }, t, after))).toBe("errors.forbidden");
    // Their own event, with the other event's registration on the sheet.
    expect(await refusal(markAttendance(db(), mine.id, { listed: [inTheirs.id], attended: [inTheirs.id] }, t, after))).toBe("events.attendanceUnknown");
    expect(await refusal(saveOutcomes(db(), theirs.id, "Taken over", t))).toBe("errors.forbidden");
    expect(await refusal(setEventStatus(db(), theirs.id, "cancelled", t))).toBe("errors.forbidden");
    expect(await refusal(updateEvent(db(), theirs.id, eventFormSchema.parse({ ...eventForm, title: "Hijacked", trainers: [String(t.id)] }), t))).toBe("errors.forbidden");
    expect(await refusal(addMaterial(db(), theirs.id, { resourceId: null, url: "https://evil.example/x", title: "Phish" }, t))).toBe("errors.forbidden");
    const materialId = await addMaterial(db(), theirs.id, { resourceId: null, url: "https://example.org/agenda", title: "Agenda" }, await admin());
    expect(await refusal(removeMaterial(db(), mine.id, materialId, t))).toBe("errors.not_found");
    expect(await refusal(removeMaterial(db(), theirs.id, materialId, t))).toBe("errors.forbidden");
    expect(await db().select({ n: count() }).from(eventMaterials).where(eq(eventMaterials.id, materialId))).toEqual([{ n: 1 }]);
    const [row] = await db().select({ title: events.title, status: events.status, outcomes: events.outcomes }).from(events).where(eq(events.id, theirs.id));
    expect(row).toEqual({ title: "Admin's idor", status: "scheduled", outcomes: "" });
    expect(await auditRows(db())).toBe(audits + 1);
  });

  it("an officer registers only into their own city's quota, whatever city the form names", async () => {
    const { mine } = await twoEvents("quota");
    const before = (await db().select({ n: count() }).from(registrations).where(eq(registrations.eventId, mine.id)))[0]?.n;
    const now = new Date("2031-01-01T00:00:00Z");
    expect(await refusal(registerParticipant(db(), mine.id, person("Someone Else", { city: "mahalaxmi" }), await officer(), now))).toBe("events.otherCityRefused");
    expect(await refusal(registerParticipant(db(), mine.id, person("Someone Else"), await otherOfficer(), now))).toBe("events.otherCityRefused");
    expect(await refusal(registerParticipant(db(), mine.id, person("Someone Else"), await partner(), now))).toBe("events.otherCityRefused");
    expect((await db().select({ n: count() }).from(registrations).where(eq(registrations.eventId, mine.id)))[0]?.n).toBe(before);
  });

  it("a draft linked before it was unpublished never shows its title in the event's materials, and a draft cannot be linked", async () => {
    const a = await admin();
    const file = (await checkFile(buildPdf(["Secret draft plan"]), "plan.pdf")) as NewFile;
    const draft = await createResource(db(), resourceInput({ title: "Confidential draft plan", city: "kushtia" }), file, await officer());
    const published = await createResource(db(), resourceInput({ title: "Public guideline sec", source: "link", externalUrl: "https://example.org/g", publish: "on" }), null, a);
    const event = await createEvent(db(), eventFormSchema.parse({ ...eventForm, title: "Materials event", trainers: [String(a.id)] }), a);
    expect(await refusal(addMaterial(db(), event.id, { resourceId: draft.id, url: null, title: "" }, a))).toBe("validation.events.resourceUnknown");
    await addMaterial(db(), event.id, { resourceId: published.id, url: null, title: "" }, a);
    expect((await listMaterials(db(), event.id)).map((m) => m.title)).toEqual(["Public guideline sec"]);
    await setResourceStatus(db(), published.id, "draft", await reviewer());
    expect(await listMaterials(db(), event.id)).toEqual([]);
    // The material row keeps no copy of the title.
    const [stored] = await db().select({ title: eventMaterials.title }).from(eventMaterials).where(eq(eventMaterials.eventId, event.id));
    expect(stored?.title).toBe("");
  });

  it("keeps drafts out of related resources, counts, years and searches for everyone who may not see them", async () => {
    const o = await officer();
    const file = (await checkFile(buildPdf(["zorblatting sludge"]), "z.pdf")) as NewFile;
    const published = await createResource(db(), resourceInput({ title: "Published sibling", source: "link", externalUrl: "https://example.org/p", components: ["service_delivery"], year: "2011", publish: "on" }), null, await admin());
    const draft = await createResource(db(), resourceInput({ title: "Draft sibling zorblat", components: ["service_delivery"], city: "kushtia", year: "2003" }), file, o);
    for (const viewer of [null, await partner(), await trainer(), await otherOfficer()]) {
      const who = viewer?.role ?? "anonymous";
      expect((await relatedResources(db(), published.id, viewer)).map((r) => r.id), who).not.toContain(draft.id);
      expect(await resourceYears(db(), viewer), who).not.toContain(2003);
      const all = await listResources(db(), viewer, {}, { limit: 1, offset: 0 });
      const everything = await listResources(db(), await admin(), {}, { limit: 1, offset: 0 });
      expect(all.total, who).toBe(everything.total - (await db().select({ n: count() }).from(resources).where(eq(resources.status, "draft")))[0]!.n);
      expect((await listResources(db(), viewer, { q: "zorblatting" }, { limit: 10, offset: 0 })).total, who).toBe(0);
      // Past the last page the total comes from a second count: that one filters drafts too.
      expect((await listResources(db(), viewer, {}, { limit: 10, offset: 100_000 })).total, who).toBe(all.total);
      expect(await getVisibleResource(db(), draft.id, viewer), who).toBeNull();
    }
    expect((await relatedResources(db(), published.id, o)).map((r) => r.id)).toContain(draft.id);
    expect(await resourceYears(db(), o)).toContain(2003);
  });

  it("editing, publishing and replacing the file check the resource row, not the caller's claim", async () => {
    const o = await officer();
    const file = (await checkFile(buildPdf(["first"]), "a.pdf")) as NewFile;
    const other = (await checkFile(buildPdf(["second"]), "b.pdf")) as NewFile;
    const draft = await createResource(db(), resourceInput({ title: "Officer draft", city: "kushtia" }), file, o);
    const update = resourceUpdateSchema.parse({ title: "Changed", summary: "", type: "guideline", language: "en", components: [], lenses: [], city: "kushtia", author: "", year: "" });
    const audits = await auditRows(db());
    // Someone else's draft is not even there for them.
    expect(await refusal(updateResource(db(), draft.id, update, await otherOfficer()))).toBe("errors.not_found");
    expect(await refusal(updateResource(db(), draft.id, update, await trainer()))).toBe("errors.not_found");
    expect(await refusal(replaceResourceFile(db(), draft.id, other, await trainer()))).toBe("errors.not_found");
    expect(await refusal(setResourceStatus(db(), draft.id, "published", o))).toBe("errors.forbidden");
    // The uploader cannot move it to another city.
    expect(await refusal(updateResource(db(), draft.id, { ...update, city: "mahalaxmi" }, o))).toBe("resources.officerOwnCity");
    // Once published, the uploader's edits would skip review.
    await setResourceStatus(db(), draft.id, "published", await reviewer());
    expect(await refusal(updateResource(db(), draft.id, update, o))).toBe("errors.forbidden");
    expect(await refusal(replaceResourceFile(db(), draft.id, other, o))).toBe("errors.forbidden");
    expect((await getResource(db(), draft.id))?.title).toBe("Officer draft");
    expect(await auditRows(db())).toBe(audits + 1);
  });

  it("refuses a made-up status bound to the publish action with a message, writing nothing", async () => {
    const created = await createResource(db(), resourceInput({ title: "Status target", source: "link", externalUrl: "https://example.org/s" }), null, await admin());
    const audits = await auditRows(db());
    for (const bogus of ["archived", "", "published'--", 1]) {
      expect(await refusal(setResourceStatus(db(), created.id, bogus as unknown as "draft", await reviewer())), String(bogus)).toBe("validation.invalid");
    }
    expect((await getResource(db(), created.id))?.status).toBe("draft");
    expect(await auditRows(db())).toBe(audits);
  });

  it("text PostgreSQL would refuse never gets that far: NUL in a title, huge ids, malformed slugs", async () => {
    // Why it matters: the database refuses a NUL, which surfaced as an unexpected error.
    await expect(db().execute(sql`select ${"a\u0000b"}::text`)).rejects.toThrow();
    const eventsBefore = (await db().select({ n: count() }).from(events))[0]?.n;
    expect(eventFormSchema.safeParse({ ...eventForm, title: "Bad\u0000title", trainers: ["1"] }).success).toBe(false);
    expect(registrationSchema.safeParse({ name: "Nul\u0000Name", city: "kushtia", participantRole: "municipal_staff", gender: "female" }).success).toBe(false);
    expect(resourceCreateSchema.safeParse({ title: "Bad\u0000", type: "guideline", language: "en", source: "link", externalUrl: "https://example.org" }).success).toBe(false);
    expect(attendanceSchema.safeParse({ listed: ["4294967296"], attended: [] }).success).toBe(false);
    expect((await db().select({ n: count() }).from(events))[0]?.n).toBe(eventsBefore);
    // A search with a NUL runs (as a space) and finds nothing, instead of failing.
    const query = resourceQuerySchema.parse({ q: "zz\u0000qq" });
    expect((await listResources(db(), null, { q: query.q }, { limit: 5, offset: 0 })).total).toBe(0);
  });

  it("the audit log never holds a participant's email or phone, and every write has its row in the same transaction", async () => {
    const a = await admin();
    const event = await createEvent(db(), eventFormSchema.parse({ ...eventForm, title: "Audit event", capacity: "1", trainers: [String(a.id)] }), a);
    const now = new Date("2031-01-01T00:00:00Z");
    const first = await registerParticipant(db(), event.id, person("Audit Person", { email: "audit.person@example.org", phone: "+8801711000111" }), await officer(), now);
    const second = await registerParticipant(db(), event.id, person("Audit Waiter", { email: "audit.waiter@example.org", phone: "+8801711000222" }), a, now);
    expect(second.status).toBe("waitlisted");
    await withdrawRegistration(db(), first.id, a, { eventId: event.id, now });
    await markAttendance(db(), event.id, { listed: [second.id], attended: [second.id] }, a, new Date("2031-03-11T00:00:00Z"));
    const rows = await db()
      .select({ action: auditLog.action, text: sql<string>`coalesce(${auditLog.before}::text, '') || coalesce(${auditLog.after}::text, '')` })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "registration"), sql`${auditLog.entityId} in (${String(first.id)}, ${String(second.id)})`));
    expect(rows.map((r) => r.action).sort()).toEqual(["registration.attendance", "registration.create", "registration.create", "registration.promote", "registration.withdraw"]);
    for (const row of rows) expect(row.text, row.action).not.toMatch(/audit\.(person|waiter)@example\.org|8801711000/);
  });
});
