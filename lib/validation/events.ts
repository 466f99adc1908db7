import { z } from "zod";
import { EVENT_STATUSES, EVENT_TIME_ZONES, EVENT_TYPES, GENDERS, PARTICIPANT_ROLES } from "@/lib/domain";
import { WALL_CLOCK_PATTERN, wallClockToUtc } from "@/lib/events/time";
import { AppError } from "@/lib/errors";

/**
 * Event forms, registration, attendance, outcomes and materials. The same schemas serve the
 * forms (messages shown next to fields) and the queries; every message is a catalogue key.
 */
export const EVENT_TITLE_MAX = 200;
export const EVENT_DESCRIPTION_MAX = 5000;
export const EVENT_CAPACITY_MAX = 10_000;
export const OUTCOMES_MAX = 10_000;
export const URL_MAX = 500;

const tooLong = { error: "validation.tooLong" } as const;

/**
 * Characters no typed text needs and that do harm: NUL (PostgreSQL refuses it, so the write failed
 * as an unexpected error), other C0/C1 controls (a lone CR breaks an iCalendar line in lenient
 * readers), and bidirectional embeddings, overrides and isolates (they make a title read
 * differently from what it is). Line and paragraph separators only in one-line fields.
 * ZWJ/ZWNJ (U+200C/U+200D) stay: Bangla and Devanagari conjuncts need them.
 */
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/u;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Whether `text` holds a character refused above; `multiline` allows tabs and line breaks. */
export function hasControlCharacters(text: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTI_LINE : CONTROL_ONE_LINE).test(text);
}

/** `text` with those characters (line breaks included) made spaces: for search boxes and feeds, which take anything. */
export function withoutControlCharacters(text: string): string {
  return text.replace(new RegExp(CONTROL_ONE_LINE.source, "gu"), " ");
}

const CONTROL_KEY = "validation.events.controlChars";
const oneLine = <T extends z.ZodType<string>>(schema: T, error = CONTROL_KEY) => schema.refine((v) => !hasControlCharacters(v), { error });
const multiLine = <T extends z.ZodType<string>>(schema: T, error = CONTROL_KEY) => schema.refine((v) => !hasControlCharacters(v, true), { error });

/** Database ids are 32-bit: a larger number is refused here instead of failing in the query. */
export const INT4_MAX = 2_147_483_647;

/**
 * An id bound to a server action (`action.bind(null, id)`). Bound arguments come back from the
 * browser like any other input, so they are checked like one.
 */
export function boundId(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > INT4_MAX) throw new AppError("invalid", "validation.invalid");
  return value;
}
const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1" || v === true, z.boolean());

export const httpUrl = z
  .string()
  .trim()
  .max(URL_MAX, tooLong)
  .refine((url) => /^https?:\/\/[^\s/]+[^\s]*$/i.test(url) && !hasControlCharacters(url), { error: "validation.url" });

const wallClock = z.string({ error: "validation.events.dateTime" }).trim().regex(WALL_CLOCK_PATTERN, { error: "validation.events.dateTime" });
const slug = (error: string) => z.string({ error }).trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,59}$/, { error });

/** Multi-valued form fields arrive as arrays (FormData.getAll); a lone value as a string. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(item));

const plausibleYear = (date: Date) => date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2100;

export const eventFormSchema = z
  .object({
    title: oneLine(z.string({ error: "validation.events.title" }).trim().min(3, { error: "validation.events.title" }).max(EVENT_TITLE_MAX, tooLong)),
    type: z.enum(EVENT_TYPES, { error: "validation.events.type" }),
    description: multiLine(z.string().trim().max(EVENT_DESCRIPTION_MAX, tooLong)).default(""),
    components: list(z.string().trim().min(1).max(40, { error: "validation.events.componentUnknown" })).pipe(z.array(z.string()).max(20, { error: "validation.events.componentUnknown" })),
    hostCity: slug("validation.events.hostCity"),
    // A mentee city: the pair is the mentee and its mentor.
    pairMentee: z.preprocess(blankToNull, slug("validation.events.pairUnknown").nullable()).default(null),
    timeZone: z.enum(EVENT_TIME_ZONES, { error: "validation.events.timeZone" }),
    startsAt: wallClock,
    endsAt: wallClock,
    registrationDeadline: z.preprocess(blankToNull, wallClock.nullable()).default(null),
    venue: oneLine(z.string().trim().max(300, tooLong)).default(""),
    onlineUrl: z.preprocess(blankToNull, httpUrl.nullable()).default(null),
    capacity: z.coerce
      .number({ error: "validation.number" })
      .int({ error: "validation.wholeNumber" })
      .min(1, { error: "validation.events.capacity" })
      .max(EVENT_CAPACITY_MAX, { error: "validation.events.capacity" }),
    trainers: list(z.coerce.number({ error: "validation.events.trainerUnknown" }).int({ error: "validation.events.trainerUnknown" }).positive({ error: "validation.events.trainerUnknown" }).max(INT4_MAX, { error: "validation.events.trainerUnknown" }))
      .pipe(z.array(z.number()).min(1, { error: "validation.events.trainers" }).max(20, { error: "validation.events.trainers" })),
    // Set when the person saw the double-booking warning and saves anyway.
    confirmOverlap: checkbox.default(false),
  })
  .superRefine((v, ctx) => {
    const start = wallClockToUtc(v.startsAt, v.timeZone);
    const end = wallClockToUtc(v.endsAt, v.timeZone);
    if (!start) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "validation.events.dateTime" });
    if (!end) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "validation.events.dateTime" });
    // Four-digit years that are still nonsense for a training (0100, 9999) are refused like a typo.
    if (start && !plausibleYear(start)) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "validation.events.dateTime" });
    if (end && !plausibleYear(end)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "validation.events.dateTime" });
    if (start && end && end.getTime() <= start.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "validation.events.endBeforeStart" });
    if (v.registrationDeadline !== null) {
      const deadline = wallClockToUtc(v.registrationDeadline, v.timeZone);
      if (!deadline || !plausibleYear(deadline)) ctx.addIssue({ code: "custom", path: ["registrationDeadline"], message: "validation.events.dateTime" });
      else if (start && deadline.getTime() > start.getTime()) ctx.addIssue({ code: "custom", path: ["registrationDeadline"], message: "validation.events.deadlineAfterStart" });
    }
    if (!v.venue && !v.onlineUrl) ctx.addIssue({ code: "custom", path: ["venue"], message: "validation.events.venueOrLink" });
    if (new Set(v.components).size !== v.components.length) ctx.addIssue({ code: "custom", path: ["components"], message: "validation.events.componentUnknown" });
  })
  .transform((v) => ({
    ...v,
    components: [...new Set(v.components)],
    trainers: [...new Set(v.trainers)],
    // Checked above: the refinement refuses every input where these are null.
    startsAtUtc: wallClockToUtc(v.startsAt, v.timeZone) as Date,
    endsAtUtc: wallClockToUtc(v.endsAt, v.timeZone) as Date,
    registrationDeadlineUtc: v.registrationDeadline === null ? null : wallClockToUtc(v.registrationDeadline, v.timeZone),
  }));

export type EventInput = z.infer<typeof eventFormSchema>;

export const eventStatusChangeSchema = z.object({
  status: z.enum(EVENT_STATUSES, { error: "validation.events.status" }),
});

/** Lower-cased with runs of white space made one: "same name + city" compares these. */
export function nameKeyOf(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("en");
}

export const registrationSchema = z.object({
  name: oneLine(
    z
      .string({ error: "validation.nameTooShort" })
      .trim()
      .min(2, { error: "validation.nameTooShort" })
      .max(120, tooLong),
  ).transform((name) => name.replace(/\s+/gu, " ")),
  position: oneLine(z.string().trim().max(120, tooLong)).default(""),
  organisation: oneLine(z.string().trim().max(160, tooLong)).default(""),
  city: slug("validation.city"),
  participantRole: z.enum(PARTICIPANT_ROLES, { error: "validation.events.participantRole" }),
  gender: z.enum(GENDERS, { error: "validation.events.gender" }),
  email: z.preprocess((v) => (typeof v === "string" ? v.trim() || null : v), z.email({ error: "validation.email" }).max(200, tooLong).transform((e) => e.toLowerCase()).nullable()).default(null),
  phone: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\+?[0-9০-৯०-९][0-9০-৯०-९ ()-]{5,24}$/u, { error: "validation.events.phone" })
      .nullable(),
  ).default(null),
});

export type RegistrationInput = z.infer<typeof registrationSchema>;

const id = z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" }).max(INT4_MAX, { error: "validation.invalid" });

/** The registrations listed on the attendance sheet, and those ticked as present. */
export const attendanceSchema = z
  .object({
    listed: list(id).pipe(z.array(z.number()).max(5000)),
    attended: list(id).pipe(z.array(z.number()).max(5000)),
  })
  .refine((v) => v.attended.every((a) => v.listed.includes(a)), { path: ["attended"], error: "validation.invalid" });

export type AttendanceInput = z.infer<typeof attendanceSchema>;

export const outcomesSchema = z.object({ outcomes: multiLine(z.string().trim().max(OUTCOMES_MAX, tooLong)) });

/** A material is a published resource from the library, or a link with a title. */
export const materialSchema = z
  .object({
    resourceId: z.preprocess(blankToNull, id.nullable()).default(null),
    url: z.preprocess(blankToNull, httpUrl.nullable()).default(null),
    title: oneLine(z.string().trim().max(200, tooLong)).default(""),
  })
  .superRefine((v, ctx) => {
    if ((v.resourceId === null) === (v.url === null)) ctx.addIssue({ code: "custom", path: ["url"], message: "validation.events.materialOne" });
    if (v.url !== null && v.title.length < 2) ctx.addIssue({ code: "custom", path: ["title"], message: "validation.events.materialTitle" });
  });

export type MaterialInput = z.infer<typeof materialSchema>;

const isoDate = z.iso.date({ error: "validation.date" });
const dropBad = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** Filters of the /events pages. They come from URLs, so a bad value is dropped, not an error. */
export const eventFiltersSchema = z.object({
  city: dropBad(z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,48}$/)),
  type: dropBad(z.enum(EVENT_TYPES)),
  component: dropBad(z.string().trim().max(40).regex(/^[A-Za-z0-9_-]+$/)),
  trainer: dropBad(z.coerce.number().int().positive().max(2_000_000_000)),
  from: dropBad(isoDate),
  to: dropBad(isoDate),
});

export type EventFilters = z.infer<typeof eventFiltersSchema>;

export const statsFiltersSchema = eventFiltersSchema.pick({ city: true, component: true, from: true, to: true }).extend({
  event: dropBad(z.coerce.number().int().positive().max(2_000_000_000)),
});

export type StatsFilters = z.infer<typeof statsFiltersSchema>;

/** GET /api/v1/events: a bad value is a 422 naming the parameter, as elsewhere in the API. */
export const eventsApiQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    city: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,48}$/, { error: "validation.api.cityUnknown" }).optional(),
    page: z.coerce.number({ error: "validation.api.page" }).int({ error: "validation.api.page" }).min(1, { error: "validation.api.page" }).max(100_000, { error: "validation.api.page" }).default(1),
    per_page: z.coerce.number({ error: "validation.api.perPage" }).int({ error: "validation.api.perPage" }).min(1, { error: "validation.api.perPage" }).max(100, { error: "validation.api.perPage" }).default(25),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ["from"], error: "validation.events.dateOrder" });

export const icsQuerySchema = z.object({
  city: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,48}$/, { error: "validation.api.cityUnknown" }).optional(),
});
