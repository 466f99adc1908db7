import "server-only";
import type { Database } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getCityBySlug } from "@/db/queries/cities";
import { storeFile } from "@/db/queries/files";
import { committeeOfCity } from "@/db/queries/committees";
import { componentExists, eventOfCity, insertProblem, insertProblemFile, problemCity, problemDetail, updateProblemFacts, type ProblemFacts } from "@/db/queries/problems";
import { takeRateHit, type RateRule } from "@/db/queries/rate-hits";
import type { CheckedFile } from "@/lib/files/upload";
import { PROBLEM_REPORTED_KIND } from "@/lib/mail/kinds";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/permissions";
import { canSeeResidentDetails, canWriteProblems } from "@/lib/policies/problems";
import type { EditProblemInput, NewProblemInput, PublicProblemInput } from "@/lib/validation/problems";
import { deliverNotices } from "@/server/mail/notify";

/** Reports per network from the public form; a refused one is not counted. */
export const PUBLIC_PROBLEM_LIMIT = { bucket: "problems.public.ip", max: 5, windowMs: 10 * 60 * 1000 } satisfies RateRule;


/** The committee, event and component a problem names must exist, and be the city's own. */
async function checkLinks(db: Database, cityId: number, facts: Pick<ProblemFacts, "componentId" | "committeeId" | "eventId">): Promise<void> {
  if (facts.componentId != null && !(await componentExists(db, facts.componentId))) throw new AppError("invalid", "validation.problems.componentUnknown");
  if (facts.committeeId != null && !(await committeeOfCity(db, facts.committeeId, cityId))) throw new AppError("invalid", "validation.problems.committeeUnknown");
  if (facts.eventId != null && !(await eventOfCity(db, facts.eventId, cityId))) throw new AppError("invalid", "validation.problems.eventUnknown");
}

const factsOf = (input: NewProblemInput | EditProblemInput): ProblemFacts => ({
  title: input.title,
  description: input.description,
  componentId: input.component,
  place: input.place,
  latitude: input.latitude,
  longitude: input.longitude,
  severity: input.severity,
  committeeId: input.committee,
  eventId: input.event,
});

/** An officer (their city only), a reviewer or an admin logs a problem: it starts open. */
export async function logProblem(db: Database, actor: Actor, cityId: number, input: NewProblemInput): Promise<{ id: number }> {
  if (!canWriteProblems(actor, cityId)) throw new AppError("forbidden");
  const facts = factsOf(input);
  await checkLinks(db, cityId, facts);
  return db.transaction(async (tx) => {
    const problem = await insertProblem(tx, { ...facts, cityId, source: input.source, status: "open", createdBy: actor.id }, "", actor.id);
    await writeAudit(tx, { actorId: actor.id, action: "problem.log", entity: "city_problem", entityId: problem.id, after: { ...facts, source: input.source } });
    return { id: problem.id };
  });
}

/** Changes a problem's facts (its status moves through the workflow instead), against the version the page showed. */
export async function editProblem(db: Database, actor: Actor, input: EditProblemInput): Promise<{ citySlug: string }> {
  const found = await problemDetail(db, input.id);
  if (!found || (found.problem.status === "reported" && !canSeeResidentDetails(actor, found.problem.cityId))) throw new AppError("not_found");
  if (!canWriteProblems(actor, found.problem.cityId)) throw new AppError("forbidden");
  if (found.problem.status === "rejected") throw new AppError("invalid", "problems.rejectedReadOnly");
  const facts = factsOf(input);
  await checkLinks(db, found.problem.cityId, facts);
  return db.transaction(async (tx) => {
    const row = await updateProblemFacts(tx, input.id, input.version, facts);
    if (!row) throw new AppError("conflict", "problems.stale");
    const before: ProblemFacts = { title: found.problem.title, description: found.problem.description, componentId: found.problem.componentId, place: found.problem.place, latitude: found.problem.latitude, longitude: found.problem.longitude, severity: found.problem.severity, committeeId: found.problem.committeeId, eventId: found.problem.eventId };
    await writeAudit(tx, { actorId: actor.id, action: "problem.edit", entity: "city_problem", entityId: input.id, before, after: facts });
    return { citySlug: found.city.slug };
  });
}

/** Adds a checked photo or document to a problem's evidence. */
export async function addProblemEvidence(db: Database, actor: Actor, problemId: number, file: CheckedFile): Promise<{ id: number; citySlug: string }> {
  const found = await problemCity(db, problemId);
  if (!found) throw new AppError("not_found");
  if (!canWriteProblems(actor, found.cityId)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const stored = await storeFile(tx, file);
    const row = await insertProblemFile(tx, { problemId, fileId: stored.id, fileName: file.fileName, addedBy: actor.id });
    await writeAudit(tx, { actorId: actor.id, action: "problem.evidence", entity: "city_problem", entityId: problemId, after: { fileName: file.fileName, mimeType: file.mimeType, size: file.size } });
    return { id: row.id, citySlug: found.slug };
  });
}

export type PublicReportOutcome = "sent";

/**
 * A resident's report from the public city page. A filled honeypot gets the usual answer and
 * nothing else; otherwise throttled per network, stored as `reported` (nothing public until the
 * city's officer accepts it) and told to the city's officers, in one transaction.
 */
export async function reportProblemPublicly(db: Database, input: PublicProblemInput & { ip: string | null }, now = new Date()): Promise<PublicReportOutcome> {
  if (input.website && input.website.trim() !== "") return "sent";
  // Requests whose address no proxy named share one bucket: stricter, never looser.
  if (!(await takeRateHit(db, PUBLIC_PROBLEM_LIMIT, input.ip ?? "unknown", now))) throw new AppError("throttled", "problems.public.throttled");
  const city = await getCityBySlug(db, input.city);
  if (!city) throw new AppError("not_found");
  await db.transaction(async (tx) => {
    const problem = await insertProblem(
      tx,
      { cityId: city.id, title: input.title, description: input.description, place: input.place, source: "resident", status: "reported", reporterName: input.name || null, reporterPhone: input.phone || null },
      "",
      null,
    );
    // The reporter's name and phone stay out of the audit log: it is read more widely than the problem.
    await writeAudit(tx, { actorId: null, action: "problem.report", entity: "city_problem", entityId: problem.id, after: { title: input.title, place: input.place } });
    await deliverNotices(tx, [{ kind: PROBLEM_REPORTED_KIND, recipient: { role: "officer", cityId: city.id }, entity: "city_problem", entityIds: [problem.id], cityId: city.id, comments: [] }]);
  });
  return "sent";
}
