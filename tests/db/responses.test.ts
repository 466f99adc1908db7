import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Database } from "@/db/client";
import { answers, auditLog, indicatorValues, notifications, questions, responseComments, responses, rounds } from "@/db/schema";
import { AnswerConflictError, AnswerProblemsError, saveAnswers } from "@/server/questionnaires/answer";
import { reviewResponse } from "@/server/questionnaires/review";
import { AppError } from "@/lib/errors";
import { describeDb, seededUser } from "./support";
import { explained, openRound, text, ticks } from "./questionnaire-fixtures";

async function responseRow(db: Database, id: number) {
  const [row] = await db.select().from(responses).where(eq(responses.id, id));
  return row!;
}

async function sd2Value(db: Database, fx: { kushtiaId: number; sd2: number; period: string }) {
  const [row] = await db.select().from(indicatorValues).where(and(eq(indicatorValues.cityId, fx.kushtiaId), eq(indicatorValues.indicatorId, fx.sd2), eq(indicatorValues.period, fx.period)));
  return row;
}

async function problemsOf(run: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await run;
  } catch (error) {
    if (error instanceof AnswerProblemsError) return Object.fromEntries(Object.entries(error.problems).map(([k, p]) => [k, p.messageKey]));
    throw error;
  }
  throw new Error("expected the answers to be refused");
}

describeDb("answering a round", (db) => {
  it("saves a draft: the indicator answer is the city's indicator value, a hidden follow-up is not kept, and the response is resumable", async () => {
    const fx = await openRound(db());
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const saved = await saveAnswers(db(), officer, {
      responseId: fx.kushtia.id,
      version: 1,
      submit: false,
      sent: new Map([
        ["sd2", text("৭০.৫")],
        ["has_plan", text("no")],
        ["plan_year", text("2024")],
        ["needs", ticks(["fstp"], "Data systems")],
      ]),
    });
    expect(saved).toEqual({ status: "draft", version: 2 });
    const value = await sd2Value(db(), fx);
    expect(value).toMatchObject({ value: 70.5, status: "draft", enteredBy: officer.id });
    const stored = await db().select({ key: questions.key, value: answers.value }).from(answers).innerJoin(questions, eq(questions.id, answers.questionId)).where(eq(answers.responseId, fx.kushtia.id));
    // No copy of the indicator value, and the year is dropped: "has a plan" is no.
    expect(Object.fromEntries(stored.map((s) => [s.key, s.value]))).toEqual({ has_plan: { kind: "boolean", value: false }, needs: { kind: "choices", values: ["fstp"], other: "Data systems" } });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, "response"), eq(auditLog.entityId, String(fx.kushtia.id))));
    expect(audits.map((a) => a.action)).toEqual(["response.save"]);
  });

  it("refuses another city's officer, every bad answer at once, a stale version and a closed round, changing nothing", async () => {
    const fx = await openRound(db());
    const kushtiaOfficer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const mahalaxmiOfficer = await seededUser(db(), "officer.mahalaxmi@demo.cwis");
    await expect(saveAnswers(db(), mahalaxmiOfficer, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["has_plan", text("yes")]]) })).rejects.toMatchObject({ code: "forbidden" });
    // Kushtia's own local government reads its answers but does not write them.
    const approver = await seededUser(db(), "approver.kushtia@demo.cwis");
    await expect(saveAnswers(db(), approver, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["has_plan", text("yes")]]) })).rejects.toMatchObject({ code: "forbidden" });

    const problems = await problemsOf(
      saveAnswers(db(), kushtiaOfficer, {
        responseId: fx.kushtia.id,
        version: 1,
        submit: false,
        sent: new Map([
          ["sd2", text("150")],
          ["has_plan", text("yes")],
          ["plan_year", text("1850")],
          ["needs", ticks(["roads"])],
          ["blocks", text("x".repeat(101))],
          ["nonsense", text("1")],
        ]),
      }),
    );
    expect(problems).toEqual({ sd2: "validation.range.percent", plan_year: "validation.answer.range", needs: "validation.answer.choice", blocks: "validation.answer.tooLong", nonsense: "validation.answer.unknownQuestion" });
    expect(await responseRow(db(), fx.kushtia.id)).toMatchObject({ status: "not_started", version: 1 });
    expect(await sd2Value(db(), fx)).toBeUndefined();

    await saveAnswers(db(), kushtiaOfficer, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["has_plan", text("yes")]]) });
    await expect(saveAnswers(db(), kushtiaOfficer, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["has_plan", text("no")]]) })).rejects.toBeInstanceOf(AnswerConflictError);

    await db().update(rounds).set({ status: "closed" }).where(eq(rounds.id, fx.round.id));
    await expect(saveAnswers(db(), kushtiaOfficer, { responseId: fx.kushtia.id, version: 2, submit: false, sent: new Map([["has_plan", text("no")]]) })).rejects.toMatchObject({ messageKey: "responses.lock.closed" });
    // An admin reopens it for this city alone: the officer may answer again.
    await db().update(responses).set({ reopenedUntil: "2099-01-01" }).where(eq(responses.id, fx.kushtia.id));
    expect(await saveAnswers(db(), kushtiaOfficer, { responseId: fx.kushtia.id, version: 2, submit: false, sent: new Map([["has_plan", text("no")]]) })).toMatchObject({ version: 3 });
    await expect(saveAnswers(db(), mahalaxmiOfficer, { responseId: fx.mahalaxmi.id, version: 1, submit: false, sent: new Map([["has_plan", text("no")]]) })).rejects.toMatchObject({ messageKey: "responses.lock.closed" });
  });

  it("submits only when every shown required question is answered, then the answers and the indicator value wait for review", async () => {
    const fx = await openRound(db());
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const missing = await problemsOf(saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: true, sent: new Map([["has_plan", text("yes")]]) }));
    expect(missing).toEqual({ sd2: "validation.answer.required", plan_year: "validation.answer.required" });
    expect(await responseRow(db(), fx.kushtia.id)).toMatchObject({ status: "not_started", version: 1 });

    const done = await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: true, sent: new Map([["sd2", explained("64")], ["has_plan", text("yes")], ["plan_year", text("2023")]]) });
    expect(done.status).toBe("submitted");
    expect(await responseRow(db(), fx.kushtia.id)).toMatchObject({ status: "submitted", cycle: 1, submittedBy: officer.id });
    expect(await sd2Value(db(), fx)).toMatchObject({ value: 64, status: "submitted" });
    // Reviewers are told, in the app and (as they chose: daily) in tomorrow's mail.
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, reviewer.id), eq(notifications.entity, "response")))).toHaveLength(1);
    await expect(saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: done.version, submit: false, sent: new Map([["has_plan", text("no")]]) })).rejects.toMatchObject({ messageKey: "responses.lock.submitted" });
  });

  it("a reviewer returns one question with a comment (its indicator value too), the officer corrects and resubmits, the reviewer accepts and the value is validated", async () => {
    const fx = await openRound(db());
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    const first = await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: true, sent: new Map([["sd2", explained("64")], ["has_plan", text("no")]]) });

    await expect(reviewResponse(db(), reviewer, { responseId: fx.kushtia.id, version: first.version, decision: "return", comment: "", questionComments: new Map() })).rejects.toMatchObject({ messageKey: "responses.returnNeedsComment" });
    await expect(reviewResponse(db(), officer, { responseId: fx.kushtia.id, version: first.version, decision: "accept", comment: "", questionComments: new Map() })).rejects.toBeInstanceOf(AppError);

    expect(await reviewResponse(db(), reviewer, { responseId: fx.kushtia.id, version: first.version, decision: "return", comment: "", questionComments: new Map([["sd2", "64% is far above last year's 40%: please check the logbook."]]) })).toEqual({ status: "returned" });
    expect(await responseRow(db(), fx.kushtia.id)).toMatchObject({ status: "returned", reviewedBy: reviewer.id });
    expect(await sd2Value(db(), fx)).toMatchObject({ status: "returned", reviewComment: "64% is far above last year's 40%: please check the logbook." });
    const comments = await db().select().from(responseComments).where(eq(responseComments.responseId, fx.kushtia.id));
    expect(comments).toMatchObject([{ cycle: 1, body: "64% is far above last year's 40%: please check the logbook." }]);
    expect(await db().select().from(notifications).where(and(eq(notifications.userId, officer.id), eq(notifications.entity, "response"), eq(notifications.kind, "response.return")))).toHaveLength(1);

    const returned = await responseRow(db(), fx.kushtia.id);
    const value = await sd2Value(db(), fx);
    const again = await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: returned.version, submit: true, sent: new Map([["sd2", explained("41", value!.version)], ["has_plan", text("no")]]) });
    expect(again.status).toBe("submitted");
    expect(await responseRow(db(), fx.kushtia.id)).toMatchObject({ cycle: 2 });

    expect(await reviewResponse(db(), reviewer, { responseId: fx.kushtia.id, version: again.version, decision: "accept", comment: "Thank you.", questionComments: new Map() })).toEqual({ status: "accepted" });
    expect(await sd2Value(db(), fx)).toMatchObject({ value: 41, status: "validated", validatedValue: 41 });
    const actions = (await db().select().from(auditLog).where(and(eq(auditLog.entity, "response"), eq(auditLog.entityId, String(fx.kushtia.id))))).map((a) => a.action);
    expect(actions).toEqual(["response.save", "response.submit", "response.return", "response.save", "response.submit", "response.accept"]);
  });

  it("an admin who entered a value cannot accept the response that carries it (four eyes); a deadline passed locks a draft but not a returned response", async () => {
    const fx = await openRound(db(), { dueOn: "2026-10-15" });
    const admin = await seededUser(db(), "admin@demo.cwis");
    await expect(saveAnswers(db(), admin, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["has_plan", text("no")]]) }, new Date("2026-10-15T17:00:00Z"))).resolves.toMatchObject({ status: "draft" });
    // 16 October in Dhaka: past the deadline.
    await expect(saveAnswers(db(), admin, { responseId: fx.kushtia.id, version: 2, submit: false, sent: new Map([["has_plan", text("yes")]]) }, new Date("2026-10-15T18:30:00Z"))).rejects.toMatchObject({ messageKey: "responses.lock.deadline" });

    const open = await openRound(db());
    const submitted = await saveAnswers(db(), admin, { responseId: open.kushtia.id, version: 1, submit: true, sent: new Map([["sd2", explained("55")], ["has_plan", text("no")]]) });
    await expect(reviewResponse(db(), admin, { responseId: open.kushtia.id, version: submitted.version, decision: "accept", comment: "", questionComments: new Map() })).rejects.toMatchObject({ messageKey: "responses.reviewRefused" });
    expect(await responseRow(db(), open.kushtia.id)).toMatchObject({ status: "submitted" });
    const reviewer = await seededUser(db(), "reviewer@demo.cwis");
    await reviewResponse(db(), reviewer, { responseId: open.kushtia.id, version: submitted.version, decision: "return", comment: "Please add the plan.", questionComments: new Map() });
    // Returned after the deadline: still correctable while the round is open.
    await db().update(rounds).set({ dueOn: "2026-10-15" }).where(eq(rounds.id, open.round.id));
    const returned = await responseRow(db(), open.kushtia.id);
    await expect(saveAnswers(db(), admin, { responseId: open.kushtia.id, version: returned.version, submit: false, sent: new Map([["has_plan", text("yes")], ["plan_year", text("2022")]]) })).resolves.toMatchObject({ status: "returned" });
  });

  it("stores a file answer checked by its content, as the library's files are, and refuses an executable named like a photo", async () => {
    const fx = await openRound(db());
    const officer = await seededUser(db(), "officer.kushtia@demo.cwis");
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]);
    const problems = await problemsOf(saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["photo", { values: [], file: new File([exe], "plant.png") }], ["has_plan", text("no")]]) }));
    expect(problems).toEqual({ photo: "resources.file.executable" });
    expect(await responseRow(db(), fx.kushtia.id)).toMatchObject({ status: "not_started", version: 1 });

    await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 1, submit: false, sent: new Map([["photo", { values: [], file: new File([png], "plant photo.png") }]]) });
    const [stored] = await db().select({ value: answers.value, fileId: answers.fileId }).from(answers).innerJoin(questions, eq(questions.id, answers.questionId)).where(and(eq(answers.responseId, fx.kushtia.id), eq(questions.key, "photo")));
    expect(stored?.value).toMatchObject({ kind: "file", mimeType: "image/png", size: png.byteLength });
    expect(stored?.fileId).toBeGreaterThan(0);
    // A later save without a new file keeps it.
    await saveAnswers(db(), officer, { responseId: fx.kushtia.id, version: 2, submit: false, sent: new Map([["photo", { values: [], file: null }], ["has_plan", text("yes")]]) });
    const [kept] = await db().select({ fileId: answers.fileId }).from(answers).innerJoin(questions, eq(questions.id, answers.questionId)).where(and(eq(answers.responseId, fx.kushtia.id), eq(questions.key, "photo")));
    expect(kept?.fileId).toBe(stored?.fileId);
  });
});
