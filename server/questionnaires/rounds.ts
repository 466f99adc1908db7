import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import {
  insertRound,
  lockOwedResponses,
  lockResponseOfRound,
  lockRoundsById,
  materializeResponses,
  moveRound,
  noticesAlreadySent,
  officersOfResponses,
  openRoundsDueBetween,
  roundRefs,
  setReopenedUntil,
  type LockedRound,
  type NewRoundInput,
  type RoundRefs,
} from "@/db/queries/rounds";
import type { Round } from "@/db/schema";
import { COUNTRIES, PROGRAMME_ROLES, ROUND_TARGET_KINDS, type Country, type LocalizedText, type RoundStatus } from "@/lib/domain";
import { AppError } from "@/lib/errors";
import { wallClockToUtc } from "@/lib/events/time";
import { ROUND_OPEN_KIND, ROUND_REMINDER_KIND } from "@/lib/mail/kinds";
import { can, type Actor } from "@/lib/permissions";
import { cityToday, daysLeft } from "@/lib/questionnaires/rules";
import type { RoundTarget } from "@/lib/questionnaires/types";
import { roundPeriodSchema, roundTargetSchema } from "@/lib/validation/questionnaires";
import { ROUND_WORKFLOW } from "@/lib/workflow/questionnaires";
import { COUNTRY_TIME_ZONE } from "@/lib/time";
import { notifyUsers, type DirectNotice } from "@/server/mail/notify";
import { transition, type TransitionResult, type WorkflowAdapter, type WorkflowRow } from "@/server/workflow";

/*
 * Reporting rounds: an admin creates one (scheduled), opens it — which makes one response per
 * asked city and tells each city's officers — closes it, and may reopen it for a single city. A
 * scheduled job reminds the officers of cities that still owe their answers. Days are each city's
 * own (its country's zone): a round due on the 31st is due at midnight in Dhaka for a Bangladeshi
 * city and in Kathmandu for a Nepali one.
 */

// ---------------------------------------------------------------------------------------------
// Days and deadlines

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[1-9][0-9]{0,9}$/;

/** A real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The last moment of `day` in the country's zone: what "due on the 31st" means there. */
export function endOfDayIn(day: string, country: Country): Date {
  const next = wallClockToUtc(`${addDays(day, 1)}T00:00`, COUNTRY_TIME_ZONE[country]);
  if (!next) throw new AppError("unexpected");
  return new Date(next.getTime() - 1);
}

/** The countries whose day is already after the deadline: their cities that still owe are overdue. */
export function pastDueCountries(dueOn: string, now: Date): Country[] {
  return COUNTRIES.filter((country) => cityToday(country, now) > dueOn);
}

// ---------------------------------------------------------------------------------------------
// The new-round form

const CONTROL = /[\u0000-\u001f\u007f]/;
const titleField = z
  .string({ error: "validation.invalid" })
  .trim()
  .max(200, { error: "validation.tooLong" })
  .refine((value) => !CONTROL.test(value), { error: "validation.invalid" });
const optionalId = (error: string) => z.union([z.literal(""), z.string().regex(ID, { error })], { error });
const day = z.string({ error: "validation.date" }).refine(isCalendarDay, { error: "validation.date" });

/**
 * The new-round form as the browser sends it (every field a string, checkbox groups as lists).
 * With `refs` (what the database knows of the version, event, resource and cities it names) the
 * records are checked too, in the same pass: every problem comes back at once.
 */
export function roundFormSchema(refs?: RoundRefs) {
  return z
    .object({
      versionId: z.string({ error: "validation.round.versionNotPublished" }).regex(ID, { error: "validation.round.versionNotPublished" }),
      period: roundPeriodSchema,
      titleEn: titleField,
      titleBn: titleField,
      titleNe: titleField,
      targetKind: z.enum(ROUND_TARGET_KINDS, { error: "validation.round.target" }),
      countries: z.array(z.enum(COUNTRIES, { error: "validation.country" })).max(COUNTRIES.length),
      roles: z.array(z.enum(PROGRAMME_ROLES, { error: "validation.invalid" })).max(PROGRAMME_ROLES.length),
      cityIds: z.array(z.string().regex(ID, { error: "validation.round.cityUnknown" })).max(10_000),
      opensOn: day,
      dueOn: day,
      orientationEventId: optionalId("validation.round.eventUnknown"),
      guideResourceId: optionalId("validation.round.resourceUnknown"),
    })
    .superRefine((form, ctx) => {
      if (isCalendarDay(form.opensOn) && isCalendarDay(form.dueOn) && form.dueOn < form.opensOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "validation.round.dueBeforeOpen" });
      const target = targetOf(form);
      if (target) {
        const checked = roundTargetSchema.safeParse(target);
        const field = { all: "targetKind", country: "countries", programme_role: "roles", list: "cityIds" }[target.kind];
        if (!checked.success) ctx.addIssue({ code: "custom", path: [field], message: checked.error.issues[0]?.message ?? "validation.round.targetEmpty" });
      }
      if (!refs) return;
      if (ID.test(form.versionId) && refs.version?.id !== Number(form.versionId)) ctx.addIssue({ code: "custom", path: ["versionId"], message: "validation.round.versionNotPublished" });
      if (ID.test(form.orientationEventId) && !refs.eventExists) ctx.addIssue({ code: "custom", path: ["orientationEventId"], message: "validation.round.eventUnknown" });
      if (ID.test(form.guideResourceId) && !refs.resourcePublished) ctx.addIssue({ code: "custom", path: ["guideResourceId"], message: "validation.round.resourceUnknown" });
      if (target?.kind === "list" && target.cityIds.some((id) => !refs.knownCityIds.has(id))) ctx.addIssue({ code: "custom", path: ["cityIds"], message: "validation.round.cityUnknown" });
    });
}

export type RoundForm = z.infer<ReturnType<typeof roundFormSchema>>;

/** The form's fields as the schema reads them (checkbox groups with every ticked value). */
export function readRoundForm(formData: FormData): Record<string, unknown> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const list = (name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");
  return {
    versionId: text("versionId"),
    period: text("period"),
    titleEn: text("titleEn"),
    titleBn: text("titleBn"),
    titleNe: text("titleNe"),
    targetKind: text("targetKind"),
    countries: list("countries"),
    roles: list("roles"),
    cityIds: list("cityIds"),
    opensOn: text("opensOn"),
    dueOn: text("dueOn"),
    orientationEventId: text("orientationEventId"),
    guideResourceId: text("guideResourceId"),
  };
}

function targetOf(form: Pick<RoundForm, "targetKind" | "countries" | "roles" | "cityIds">): RoundTarget | null {
  switch (form.targetKind) {
    case "all":
      return { kind: "all" };
    case "country":
      return { kind: "country", countries: [...new Set(form.countries)] };
    case "programme_role":
      return { kind: "programme_role", roles: [...new Set(form.roles)] };
    case "list":
      return { kind: "list", cityIds: [...new Set(form.cityIds.filter((id) => ID.test(id)).map(Number))] };
    default:
      return null;
  }
}

/** The title a round gets when the form leaves it empty: the questionnaire's own, with the period. */
export function defaultRoundTitle(versionTitle: LocalizedText, period: string): LocalizedText {
  const withPeriod = (text: string) => (text ? `${text} ${period}` : "");
  return { en: withPeriod(versionTitle.en), bn: withPeriod(versionTitle.bn), ne: withPeriod(versionTitle.ne) };
}

const idOrNull = (value: string) => (value === "" ? null : Number(value));

/**
 * Creates a round (scheduled: nobody is told until it opens), admins only. The input is the form
 * (readRoundForm); every problem, the database's included (a draft version, an unknown event),
 * is one ZodError with a path per field. Audited as `round.create`.
 */
export async function createRound(db: Database, raw: unknown, actor: Actor): Promise<Round> {
  if (!can(actor.role, "rounds.manage")) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const loose = z.object({ versionId: z.string().catch(""), orientationEventId: z.string().catch(""), guideResourceId: z.string().catch(""), cityIds: z.array(z.unknown()).catch([]) }).catch({ versionId: "", orientationEventId: "", guideResourceId: "", cityIds: [] }).parse(raw);
    const id = (value: string) => (ID.test(value) ? Number(value) : null);
    const refs = await roundRefs(tx, {
      versionId: id(loose.versionId),
      eventId: id(loose.orientationEventId),
      resourceId: id(loose.guideResourceId),
      cityIds: loose.cityIds.filter((v): v is string => typeof v === "string" && ID.test(v)).map(Number),
    });
    const form = roundFormSchema(refs).parse(raw);
    const target = targetOf(form);
    if (!target || !refs.version) throw new AppError("invalid", "validation.checkFields");
    const fallback = defaultRoundTitle(refs.version.title, form.period);
    const input: NewRoundInput = {
      versionId: refs.version.id,
      title: { en: form.titleEn || fallback.en, bn: form.titleBn || fallback.bn, ne: form.titleNe || fallback.ne },
      period: form.period,
      target,
      opensOn: form.opensOn,
      dueOn: form.dueOn,
      orientationEventId: idOrNull(form.orientationEventId),
      guideResourceId: idOrNull(form.guideResourceId),
    };
    return insertRound(tx, input, actor.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Opening and closing

type RoundRow = LockedRound & WorkflowRow<RoundStatus>;
const asRoundRow = (row: LockedRound): RoundRow => ({ ...row, version: row.revision, cityId: null, ownerId: row.createdBy });

/** The notice that tells a response's officers answers are wanted by `until` (a day in their zone). */
function answersWanted(round: { title: LocalizedText }, row: { responseId: number; cityId: number; country: Country }, userIds: number[], until: string, kind: DirectNotice["kind"], entity: string): DirectNotice {
  return {
    kind,
    userIds,
    params: { subject: round.title, at: endOfDayIn(until, row.country).toISOString() },
    path: `/questionnaires/responses/${row.responseId}`,
    cityId: row.cityId,
    entity,
    entityIds: [row.responseId],
  };
}

/** One notice per response from officer rows (officersOfResponses: one row per officer and response). */
function perResponse<T extends { responseId: number; cityId: number; country: Country; userId: number }>(rows: readonly T[], keep: (row: T) => boolean = () => true) {
  const byResponse = new Map<number, { row: T; userIds: number[] }>();
  for (const row of rows) {
    if (!keep(row)) continue;
    const entry = byResponse.get(row.responseId) ?? { row, userIds: [] };
    entry.userIds.push(row.userId);
    byResponse.set(row.responseId, entry);
  }
  return [...byResponse.values()];
}

/**
 * Opening makes the responses — one per city the target names at this moment — and tells every
 * asked city's officers, in the transaction of the move: no response and no mail for an opening
 * that rolls back. A target that names no city refuses the opening.
 */
async function materializeAndTell(tx: Database, round: LockedRound): Promise<void> {
  const made = await materializeResponses(tx, round);
  if (made === 0) throw new AppError("invalid", "rounds.noCities");
  const officers = await officersOfResponses(tx, round.id);
  await notifyUsers(
    tx,
    perResponse(officers).map(({ row, userIds }) => answersWanted(round, row, userIds, round.dueOn, ROUND_OPEN_KIND, "response")),
  );
}

/** Round status moves (lib/workflow/questionnaires.ts ROUND_WORKFLOW has who may make which). */
export function roundWorkflow(now: Date): WorkflowAdapter<RoundStatus, RoundRow> {
  return {
    workflow: ROUND_WORKFLOW,
    lock: async (tx, ids) => (await lockRoundsById(tx, ids)).map(asRoundRow),
    apply: async (tx, row, move) => asRoundRow(await moveRound(tx, row.id, move.to, now)),
    auditView: (row) => ({ status: row.status, revision: row.revision }),
    afterBatch: async (tx, moved) => {
      for (const { after } of moved) if (after.status === "open") await materializeAndTell(tx, after);
    },
  };
}

function throwRefusal<S extends string, R>(result: TransitionResult<S, R>): void {
  if (result.conflicts.length) throw new AppError("conflict", "workflow.conflict");
  const [problem] = result.rowErrors;
  if (!problem) return;
  if (problem.messageKey === "errors.forbidden") throw new AppError("forbidden");
  if (problem.messageKey === "errors.not_found") throw new AppError("not_found");
  throw new AppError("invalid", problem.messageKey);
}

/** Moves one round (open or close); `revision` is the one the admin saw (a stale page is refused). */
export async function moveRoundStatus(db: Database, input: { roundId: number; to: RoundStatus; revision?: number }, actor: Actor, now: Date = new Date()): Promise<void> {
  const result = await transition(db, actor, roundWorkflow(now), [{ id: input.roundId, to: input.to, ...(input.revision === undefined ? {} : { version: input.revision }) }]);
  throwRefusal(result);
}

export const openRound = (db: Database, roundId: number, actor: Actor, options: { revision?: number; now?: Date } = {}) => moveRoundStatus(db, { roundId, to: "open", revision: options.revision }, actor, options.now);
export const closeRound = (db: Database, roundId: number, actor: Actor, options: { revision?: number; now?: Date } = {}) => moveRoundStatus(db, { roundId, to: "closed", revision: options.revision }, actor, options.now);

// ---------------------------------------------------------------------------------------------
// Reopening for one city

export const reopenSchema = z.object({
  responseId: z.coerce.number({ error: "errors.not_found" }).int({ error: "errors.not_found" }).positive({ error: "errors.not_found" }),
  until: day,
});

/**
 * Lets one city answer again until `until` (a day in its zone, today or later), whatever the
 * round's state: a closed round reopens only city by city. Submitted or accepted answers have
 * nothing to reopen. Audited as `round.reopen_city`; the city's officers are told.
 */
export async function reopenForCity(db: Database, input: { roundId: number; responseId: number; until: string }, actor: Actor, now: Date = new Date()): Promise<void> {
  if (!can(actor.role, "rounds.manage")) throw new AppError("forbidden");
  if (!isCalendarDay(input.until)) throw new AppError("invalid", "validation.date");
  await db.transaction(async (tx) => {
    const row = await lockResponseOfRound(tx, input.roundId, input.responseId);
    if (!row) throw new AppError("not_found");
    if (row.roundStatus === "scheduled") throw new AppError("invalid", "rounds.reopen.notOpened");
    if (row.status === "submitted" || row.status === "accepted") throw new AppError("invalid", "rounds.reopen.notNeeded");
    if (input.until < cityToday(row.country, now)) throw new AppError("invalid", "validation.round.reopenPast");
    await setReopenedUntil(tx, { responseId: row.id, until: input.until, before: row.reopenedUntil, actorId: actor.id, now });
    const officers = await officersOfResponses(tx, input.roundId, { responseIds: [row.id] });
    await notifyUsers(
      tx,
      perResponse(officers).map(({ row: officer, userIds }) => answersWanted(row, officer, userIds, input.until, ROUND_OPEN_KIND, "response")),
    );
  });
}

/** The day a reopening form proposes: a week from the city's today. */
export function defaultReopenDay(country: Country, now: Date = new Date()): string {
  return addDays(cityToday(country, now), 7);
}

// ---------------------------------------------------------------------------------------------
// Reminders (a job of server/mail/scheduled.ts)

/** Days before the deadline the first reminder goes; days after it the second may still go. */
export const REMINDER_BEFORE_DAYS = 3;
const REMINDER_AFTER_DAYS = 7;

export type ReminderPhase = "before" | "after";

/**
 * Each reminder is stored under its own entity name, so "was this officer reminded of this
 * response before the deadline (after it)?" is a lookup in the notifications they already have.
 */
export const REMINDER_ENTITY: Record<ReminderPhase, string> = { before: "response.before_deadline", after: "response.after_deadline" };

/**
 * Whether a phase's reminder is due today in a country: before — from three days before the
 * deadline to the day itself, unless the round opened within those days (its opening notice
 * named the deadline); after — from the day after the deadline, for a week.
 */
export function reminderDue(phase: ReminderPhase, round: { dueOn: string; openedAt: Date | null }, country: Country, now: Date): boolean {
  const left = daysLeft(round.dueOn, cityToday(country, now));
  if (phase === "after") return left <= -1 && left >= -REMINDER_AFTER_DAYS;
  if (left < 0 || left > REMINDER_BEFORE_DAYS) return false;
  const openedOn = round.openedAt ? cityToday(country, round.openedAt) : null;
  return openedOn === null || openedOn < addDays(round.dueOn, -REMINDER_BEFORE_DAYS);
}

/**
 * Reminds the officers of every city that has not submitted (or had accepted) its answers to an
 * open round: once in the three days before the deadline, once in the week after it. Each officer
 * hears each reminder of each response once, however often the job runs (the notifications they
 * have are the record), and two workers at once do not both remind (the owed responses are
 * locked, skip locked). Returns how many officers were told.
 */
export async function queueRoundReminders(db: Database, now: Date): Promise<number> {
  const todays = COUNTRIES.map((country) => cityToday(country, now)).sort();
  const first = todays[0];
  const last = todays[todays.length - 1];
  if (!first || !last) return 0;
  let told = 0;
  for (const round of await openRoundsDueBetween(db, addDays(first, -REMINDER_AFTER_DAYS), addDays(last, REMINDER_BEFORE_DAYS))) {
    for (const phase of ["before", "after"] as const) {
      const countries = COUNTRIES.filter((country) => reminderDue(phase, round, country, now));
      if (countries.length === 0) continue;
      told += await db.transaction(async (tx) => {
        const owed = await lockOwedResponses(tx, round.id, countries);
        if (owed.length === 0) return 0;
        const officers = await officersOfResponses(tx, round.id, { responseIds: owed.map((r) => r.id) });
        const already = await noticesAlreadySent(tx, ROUND_REMINDER_KIND, REMINDER_ENTITY[phase], [...new Set(officers.map((o) => o.userId))]);
        const notices = perResponse(officers, (o) => !already.has(`${o.userId}:${o.responseId}`)).map(({ row, userIds }) => answersWanted(round, row, userIds, round.dueOn, ROUND_REMINDER_KIND, REMINDER_ENTITY[phase]));
        await notifyUsers(tx, notices);
        return notices.reduce((sum, n) => sum + n.userIds.length, 0);
      });
    }
  }
  return told;
}
