import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { eventTimeFormat, formatOffset, localDateOf, monthBounds, utcToWallClock, wallClockToUtc, zoneOffsetMinutes } from "@/lib/events/time";
import { buildCalendar, type IcsEvent } from "@/lib/events/ics";
import { attendanceSchema, eventFormSchema, eventsApiQuerySchema, materialSchema, nameKeyOf, registrationSchema } from "@/lib/validation/events";
import { fieldErrorsOf } from "@/lib/action-result";
import { isMessageKey } from "@/lib/i18n/messages";

describe("venue time zones", () => {
  it("converts wall-clock time in Kathmandu (+05:45) and Dhaka (+06:00) to UTC and back", () => {
    expect(wallClockToUtc("2026-11-21T10:00", "Asia/Kathmandu")?.toISOString()).toBe("2026-11-21T04:15:00.000Z");
    expect(wallClockToUtc("2026-11-21T10:00", "Asia/Dhaka")?.toISOString()).toBe("2026-11-21T04:00:00.000Z");
    expect(wallClockToUtc("2026-01-01T03:00", "Asia/Kathmandu")?.toISOString()).toBe("2025-12-31T21:15:00.000Z");
    expect(utcToWallClock(new Date("2026-11-21T04:15:00Z"), "Asia/Kathmandu")).toBe("2026-11-21T10:00");
    expect(localDateOf(new Date("2026-11-21T19:00:00Z"), "Asia/Dhaka")).toBe("2026-11-22");
    expect(zoneOffsetMinutes(new Date(), "Asia/Kathmandu")).toBe(345);
    expect(formatOffset(345)).toBe("+05:45");
  });

  it("refuses times that do not exist", () => {
    for (const bad of ["2026-02-30T10:00", "2026-11-21T24:00", "2026-11-21 10:00", "2026-13-01T10:00", ""]) expect(wallClockToUtc(bad, "Asia/Dhaka"), bad).toBeNull();
  });

  it("shows the venue's time whatever the reader's language", () => {
    const start = new Date("2026-11-21T04:15:00Z");
    expect(eventTimeFormat("en-GB", "Asia/Kathmandu").time(start)).toBe("10:00");
    expect(eventTimeFormat("ne-NP", "Asia/Kathmandu").time(start)).toBe("१०:००");
    expect(eventTimeFormat("bn-BD", "Asia/Kathmandu").time(start)).toBe("১০:০০");
  });

  it("steps months", () => {
    expect(monthBounds("2026-12")).toMatchObject({ first: "2026-12-01", next: "2027-01", previous: "2026-11", monthIndex: 11 });
    expect(monthBounds("2026-13")).toBeNull();
  });
});

const valid = {
  title: "FSTP operation",
  type: "training",
  hostCity: "kushtia",
  timeZone: "Asia/Kathmandu",
  startsAt: "2026-12-01T10:00",
  endsAt: "2026-12-01T16:00",
  venue: "Hall",
  capacity: "20",
  trainers: ["4"],
  components: ["governance"],
};

function keysOf(input: Record<string, unknown>) {
  const result = eventFormSchema.safeParse(input);
  if (result.success) return {};
  return fieldErrorsOf(result.error);
}

describe("event form rules", () => {
  it("accepts a valid event and stores its times in UTC", () => {
    const parsed = eventFormSchema.parse(valid);
    expect(parsed.startsAtUtc.toISOString()).toBe("2026-12-01T04:15:00.000Z");
    expect(parsed.trainers).toEqual([4]);
    expect(parsed.confirmOverlap).toBe(false);
    expect(eventFormSchema.parse({ ...valid, confirmOverlap: "on" }).confirmOverlap).toBe(true);
  });

  it.each([
    [{ endsAt: "2026-12-01T09:00" }, "endsAt", "validation.events.endBeforeStart"],
    [{ endsAt: "2026-12-01T10:00" }, "endsAt", "validation.events.endBeforeStart"],
    [{ registrationDeadline: "2026-12-01T10:01" }, "registrationDeadline", "validation.events.deadlineAfterStart"],
    [{ capacity: "0" }, "capacity", "validation.events.capacity"],
    [{ capacity: "2.5" }, "capacity", "validation.wholeNumber"],
    [{ trainers: [] }, "trainers", "validation.events.trainers"],
    [{ venue: "", onlineUrl: "" }, "venue", "validation.events.venueOrLink"],
    [{ onlineUrl: "javascript:alert(1)" }, "onlineUrl", "validation.url"],
    [{ timeZone: "Asia/Kolkata" }, "timeZone", "validation.events.timeZone"],
    [{ type: "party" }, "type", "validation.events.type"],
    [{ startsAt: "2026-02-30T10:00" }, "startsAt", "validation.events.dateTime"],
    [{ title: "x".repeat(201) }, "title", "validation.tooLong"],
  ])("refuses %o on %s with %s", (change, field, key) => {
    const errors = keysOf({ ...valid, ...change });
    expect(errors[field]).toContain(key);
    for (const keys of Object.values(errors)) for (const k of keys) expect(isMessageKey(k), k).toBe(true);
  });

  it("allows a deadline exactly at the start", () => {
    expect(keysOf({ ...valid, registrationDeadline: "2026-12-01T10:00" })).toEqual({});
  });
});

describe("registration rules", () => {
  const person = { name: "  Shirin   Akter ", city: "Kushtia", participantRole: "municipal_staff", gender: "female", email: " Shirin@Example.ORG ", phone: "+880 1711-000000" };
  it("normalises names, emails and cities", () => {
    const parsed = registrationSchema.parse(person);
    expect(parsed).toMatchObject({ name: "Shirin Akter", city: "kushtia", email: "shirin@example.org", phone: "+880 1711-000000" });
    expect(nameKeyOf("  SHIRIN\tAkter ")).toBe(nameKeyOf("shirin akter"));
  });
  it.each([
    [{ gender: "unknown" }, "validation.events.gender"],
    [{ participantRole: "mayor" }, "validation.events.participantRole"],
    [{ email: "not-an-email" }, "validation.email"],
    [{ phone: "12" }, "validation.events.phone"],
    [{ name: "A" }, "validation.nameTooShort"],
  ])("refuses %o", (change, key) => {
    const result = registrationSchema.safeParse({ ...person, ...change });
    expect(result.success).toBe(false);
    expect(Object.values(fieldErrorsOf(result.error!)).flat()).toContain(key);
  });
  it("takes optional contact details as empty", () => {
    expect(registrationSchema.parse({ ...person, email: "", phone: "" })).toMatchObject({ email: null, phone: null });
  });
});

describe("attendance, materials and API query", () => {
  it("ticks only listed registrations", () => {
    expect(attendanceSchema.parse({ listed: ["1", "2"], attended: "2" })).toEqual({ listed: [1, 2], attended: [2] });
    expect(attendanceSchema.safeParse({ listed: ["1"], attended: ["3"] }).success).toBe(false);
  });
  it("needs exactly one of a resource and a link", () => {
    expect(materialSchema.safeParse({ resourceId: "", url: "", title: "" }).success).toBe(false);
    expect(materialSchema.safeParse({ resourceId: "3", url: "https://example.org", title: "x" }).success).toBe(false);
    expect(materialSchema.parse({ resourceId: "3", url: "", title: "" })).toMatchObject({ resourceId: 3, url: null });
    expect(materialSchema.safeParse({ resourceId: "", url: "https://example.org/a", title: "" }).success).toBe(false);
  });
  it("checks API dates", () => {
    expect(eventsApiQuerySchema.parse({})).toMatchObject({ page: 1, per_page: 25 });
    expect(eventsApiQuerySchema.safeParse({ from: "2026-13-01" }).success).toBe(false);
    expect(eventsApiQuerySchema.safeParse({ from: "2026-12-01", to: "2026-11-01" }).success).toBe(false);
  });
});

describe("iCalendar feed", () => {
  const base: IcsEvent = {
    uid: "0b1e3c2a-1111-4222-8333-444455556666",
    sequence: 3,
    title: "Exposure visit, Mahalaxmi; day 1",
    description: "Line one\nLine two with a very long text that needs folding because RFC 5545 limits lines to seventy-five octets, even in বাংলা and नेपाली.",
    location: "Mahalaxmi Municipality",
    url: "https://example.org/events/7",
    startsAt: new Date("2026-11-21T04:15:00Z"),
    endsAt: new Date("2026-11-21T07:15:00Z"),
    status: "scheduled",
    createdAt: new Date("2026-10-01T00:00:00Z"),
    updatedAt: new Date("2026-10-02T00:00:00Z"),
  };

  it("writes UTC times, the stored UID, SEQUENCE and STATUS, and parses back", () => {
    const ics = buildCalendar([base, { ...base, uid: "9f1e3c2a-1111-4222-8333-444455556666", status: "cancelled" }], "CWIS events");
    expect(ics).toContain("DTSTART:20261121T041500Z");
    expect(ics.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
    expect(vevents).toHaveLength(2);
    const [first, second] = vevents.map((v) => new ICAL.Event(v));
    expect(first?.uid).toBe(base.uid);
    expect(first?.summary).toBe(base.title);
    expect(first?.description).toBe(base.description);
    expect(first?.sequence).toBe(3);
    expect(first?.startDate.toJSDate().toISOString()).toBe("2026-11-21T04:15:00.000Z");
    expect(vevents[0]?.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(vevents[1]?.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(second?.uid).toBe("9f1e3c2a-1111-4222-8333-444455556666");
  });

  it("is a valid calendar with no events", () => {
    const parsed = new ICAL.Component(ICAL.parse(buildCalendar([], "empty")));
    expect(parsed.name).toBe("vcalendar");
    expect(parsed.getAllSubcomponents("vevent")).toHaveLength(0);
  });
});
