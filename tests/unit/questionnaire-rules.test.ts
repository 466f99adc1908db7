import { describe, expect, it } from "vitest";
import { answerText, missingRequired, parseAnswer, visibleKeys, type AnswerableQuestion, type RawAnswer } from "@/lib/questionnaires/answers";
import { answerLock, cityToday, daysLeft, indicatorPeriodOf, isOverdue } from "@/lib/questionnaires/rules";
import type { AnswerValue, ChoiceOption, QuestionConfig } from "@/lib/questionnaires/types";
import type { ResponseStatus, RoundStatus } from "@/lib/domain";

const text = (value: string): RawAnswer => ({ text: value });
const parse = (config: QuestionConfig, raw: RawAnswer | null) => parseAnswer({ config }, raw);
const option = (value: string): ChoiceOption => ({ value, label: { en: value, bn: "", ne: "" } });

const number = (over: Partial<Extract<QuestionConfig, { type: "number" }>> = {}): QuestionConfig => ({ type: "number", unit: "trucks", min: null, max: null, decimals: 0, ...over });
const single: QuestionConfig = { type: "single_choice", options: [option("a"), option("b"), option("c")] };
const multiple = (over: Partial<Extract<QuestionConfig, { type: "multiple_choice" }>> = {}): QuestionConfig => ({ type: "multiple_choice", options: [option("a"), option("b"), option("c")], allowOther: false, maxChoices: null, ...over });

describe("parseAnswer: numbers", () => {
  it("reads Bangla and Devanagari digits", () => {
    expect(parse(number({ decimals: 1 }), text("৭০.৫"))).toEqual({ ok: true, value: { kind: "number", value: 70.5 } });
    expect(parse(number({ decimals: 1 }), text("१२.५"))).toEqual({ ok: true, value: { kind: "number", value: 12.5 } });
    expect(parse(number(), text(" 1,234 "))).toEqual({ ok: true, value: { kind: "number", value: 1234 } });
    expect(parse(number(), text("12,34,567"))).toEqual({ ok: true, value: { kind: "number", value: 1234567 } });
  });

  it("takes empty text as no answer", () => {
    expect(parse(number(), text("   "))).toEqual({ ok: true, value: null });
    expect(parse(number(), null)).toEqual({ ok: true, value: null });
  });

  it.each(["abc", "0x32", "1e3", "Infinity", "--1", "12..5"])("refuses %j as a number", (raw) => {
    const result = parse(number({ decimals: 2 }), text(raw));
    expect(result.ok).toBe(false);
  });

  it("checks the range, naming both bounds, or the one there is", () => {
    expect(parse(number({ min: 0, max: 500 }), text("501"))).toEqual({ ok: false, messageKey: "validation.answer.range", params: { min: 0, max: 500 } });
    expect(parse(number({ min: 0, max: 500 }), text("-1"))).toEqual({ ok: false, messageKey: "validation.answer.range", params: { min: 0, max: 500 } });
    expect(parse(number({ min: 0, max: 500 }), text("500"))).toEqual({ ok: true, value: { kind: "number", value: 500 } });
    expect(parse(number({ min: 10 }), text("9"))).toEqual({ ok: false, messageKey: "validation.answer.min", params: { min: 10, max: "" } });
    expect(parse(number({ max: 10 }), text("11"))).toEqual({ ok: false, messageKey: "validation.answer.max", params: { min: "", max: 10 } });
    expect(parse(number(), text("-5"))).toEqual({ ok: true, value: { kind: "number", value: -5 } });
  });

  it("checks decimal places", () => {
    expect(parse(number({ decimals: 0 }), text("3.5"))).toEqual({ ok: false, messageKey: "validation.answer.wholeNumber", params: { decimals: 0 } });
    expect(parse(number({ decimals: 1 }), text("3.55"))).toEqual({ ok: false, messageKey: "validation.answer.decimals", params: { decimals: 1 } });
    expect(parse(number({ decimals: 2 }), text("3.55"))).toEqual({ ok: true, value: { kind: "number", value: 3.55 } });
    // Trailing zeros are no extra precision.
    expect(parse(number({ decimals: 0 }), text("3.00"))).toEqual({ ok: true, value: { kind: "number", value: 3 } });
  });

  it("keeps percentages within 0–100, with or without the sign", () => {
    const percent: QuestionConfig = { type: "percent", decimals: 1 };
    expect(parse(percent, text("45.5%"))).toEqual({ ok: true, value: { kind: "number", value: 45.5 } });
    expect(parse(percent, text("৪৫.৫ %"))).toEqual({ ok: true, value: { kind: "number", value: 45.5 } });
    expect(parse(percent, text("150"))).toEqual({ ok: false, messageKey: "validation.answer.range", params: { min: 0, max: 100 } });
    expect(parse(percent, text("-0.5"))).toMatchObject({ ok: false, messageKey: "validation.answer.range" });
    expect(parse(percent, text("33.33"))).toMatchObject({ ok: false, messageKey: "validation.answer.decimals" });
  });
});

describe("parseAnswer: yes/no and choices", () => {
  it("takes yes or no only", () => {
    expect(parse({ type: "yes_no" }, text("yes"))).toEqual({ ok: true, value: { kind: "boolean", value: true } });
    expect(parse({ type: "yes_no" }, text("no"))).toEqual({ ok: true, value: { kind: "boolean", value: false } });
    expect(parse({ type: "yes_no" }, text("maybe"))).toEqual({ ok: false, messageKey: "validation.answer.yesNo" });
    expect(parse({ type: "yes_no" }, text("YES"))).toEqual({ ok: false, messageKey: "validation.answer.yesNo" });
  });

  it("takes one offered choice", () => {
    expect(parse(single, { choices: ["b"] })).toEqual({ ok: true, value: { kind: "choice", value: "b" } });
    expect(parse(single, text("c"))).toEqual({ ok: true, value: { kind: "choice", value: "c" } });
    expect(parse(single, { choices: [""] })).toEqual({ ok: true, value: null });
    expect(parse(single, { choices: ["z"] })).toEqual({ ok: false, messageKey: "validation.answer.choice" });
    expect(parse(single, { choices: ["a", "b"] })).toEqual({ ok: false, messageKey: "validation.answer.oneChoice" });
  });

  it("stores several choices once each, in the options' order", () => {
    expect(parse(multiple(), { choices: ["c", "a", "c"] })).toEqual({ ok: true, value: { kind: "choices", values: ["a", "c"], other: null } });
    expect(parse(multiple(), { choices: [] })).toEqual({ ok: true, value: null });
    expect(parse(multiple(), { choices: ["a", "nope"] })).toEqual({ ok: false, messageKey: "validation.answer.choice" });
  });

  it("takes an other text only where offered, and not too long", () => {
    expect(parse(multiple(), { choices: ["a"], other: "Biogas" })).toEqual({ ok: false, messageKey: "validation.answer.noOther" });
    expect(parse(multiple({ allowOther: true }), { choices: [], other: "  Biogas  " })).toEqual({ ok: true, value: { kind: "choices", values: [], other: "Biogas" } });
    expect(parse(multiple({ allowOther: true }), { choices: ["a"], other: "x".repeat(201) })).toEqual({ ok: false, messageKey: "validation.answer.tooLong", params: { max: 200 } });
    expect(parse(multiple({ allowOther: true }), { choices: ["a"], other: "x".repeat(200) })).toMatchObject({ ok: true });
  });

  it("counts the other text against the most choices", () => {
    expect(parse(multiple({ allowOther: true, maxChoices: 2 }), { choices: ["a", "b"], other: "more" })).toEqual({ ok: false, messageKey: "validation.answer.tooManyChoices", params: { max: 2 } });
    expect(parse(multiple({ allowOther: true, maxChoices: 2 }), { choices: ["a"], other: "more" })).toMatchObject({ ok: true });
    expect(parse(multiple({ maxChoices: 1 }), { choices: ["a", "b"] })).toEqual({ ok: false, messageKey: "validation.answer.tooManyChoices", params: { max: 1 } });
  });

  it("refuses an answer of the wrong shape", () => {
    expect(parse({ type: "yes_no" }, { choices: ["yes"] })).toEqual({ ok: false, messageKey: "validation.answer.invalid" });
    expect(parse({ type: "short_text", maxLength: 10 }, { fileId: 1, name: "a.pdf", mimeType: "application/pdf", size: 3 })).toEqual({ ok: false, messageKey: "validation.answer.invalid" });
    expect(parse({ type: "file" }, { fileId: 7, name: "plan.pdf", mimeType: "application/pdf", size: 1200 })).toEqual({ ok: true, value: { kind: "file", fileId: 7, name: "plan.pdf", mimeType: "application/pdf", size: 1200 } });
    // Indicator questions are answered through the values' own write path, never here.
    expect(parse({ type: "indicator", indicatorCode: "SD-1" }, text("70"))).toEqual({ ok: false, messageKey: "validation.answer.invalid" });
  });
});

describe("parseAnswer: texts and dates", () => {
  it("trims text and keeps it within the question's length", () => {
    expect(parse({ type: "short_text", maxLength: 10 }, text("  Kushtia  "))).toEqual({ ok: true, value: { kind: "text", value: "Kushtia" } });
    expect(parse({ type: "short_text", maxLength: 10 }, text("x".repeat(11)))).toEqual({ ok: false, messageKey: "validation.answer.tooLong", params: { max: 10 } });
    expect(parse({ type: "long_text", maxLength: 5000 }, text("x".repeat(5001)))).toEqual({ ok: false, messageKey: "validation.answer.tooLong", params: { max: 5000 } });
    expect(parse({ type: "long_text", maxLength: 5000 }, text("কুষ্টিয়া".repeat(100)))).toMatchObject({ ok: true });
  });

  it("refuses control characters, and line breaks in a one-line answer", () => {
    expect(parse({ type: "short_text", maxLength: 100 }, text("a\u0007b"))).toEqual({ ok: false, messageKey: "validation.answer.controlChars" });
    expect(parse({ type: "long_text", maxLength: 100 }, text("a\u001bb"))).toEqual({ ok: false, messageKey: "validation.answer.controlChars" });
    expect(parse({ type: "short_text", maxLength: 100 }, text("line one\nline two"))).toEqual({ ok: false, messageKey: "validation.answer.controlChars" });
    expect(parse({ type: "long_text", maxLength: 100 }, text("line one\nline two"))).toEqual({ ok: true, value: { kind: "text", value: "line one\nline two" } });
  });

  it("takes real calendar dates only", () => {
    expect(parse({ type: "date" }, text("2026-02-28"))).toEqual({ ok: true, value: { kind: "date", value: "2026-02-28" } });
    expect(parse({ type: "date" }, text("২০২৬-০২-২৮"))).toEqual({ ok: true, value: { kind: "date", value: "2026-02-28" } });
    expect(parse({ type: "date" }, text("2024-02-29"))).toMatchObject({ ok: true });
    for (const bad of ["2026-02-30", "2025-02-29", "2026-13-01", "2026-04-31", "2026/02/28", "28-02-2026", "1899-12-31", "2026-2-8"]) {
      expect(parse({ type: "date" }, text(bad)), bad).toEqual({ ok: false, messageKey: "validation.answer.date" });
    }
  });
});

describe("visibleKeys and missingRequired", () => {
  const q = (key: string, over: Partial<AnswerableQuestion> = {}): AnswerableQuestion => ({ key, type: "yes_no", required: false, config: { type: "yes_no" }, showWhen: null, ...over });
  const questions: AnswerableQuestion[] = [
    q("has_fstp", { required: true }),
    q("fstp_works", { required: true, showWhen: { question: "has_fstp", equals: "yes" } }),
    q("fstp_reason", { type: "short_text", config: { type: "short_text", maxLength: 200 }, required: true, showWhen: { question: "fstp_works", equals: "no" } }),
    q("plan", { required: true, showWhen: { question: "has_fstp", equals: "no" } }),
    q("methods", { type: "multiple_choice", config: multiple(), showWhen: null }),
    q("method_b", { type: "short_text", config: { type: "short_text", maxLength: 200 }, showWhen: { question: "methods", equals: "b" } }),
  ];
  const answers = (entries: Record<string, AnswerValue | null>) => new Map(Object.entries(entries));
  const yes: AnswerValue = { kind: "boolean", value: true };
  const no: AnswerValue = { kind: "boolean", value: false };

  it("shows a question when the earlier answer it waits for is given", () => {
    expect([...visibleKeys(questions, answers({}))]).toEqual(["has_fstp", "methods"]);
    expect([...visibleKeys(questions, answers({ has_fstp: yes }))]).toEqual(["has_fstp", "fstp_works", "methods"]);
    expect([...visibleKeys(questions, answers({ has_fstp: no }))]).toEqual(["has_fstp", "plan", "methods"]);
    expect([...visibleKeys(questions, answers({ has_fstp: yes, fstp_works: no }))]).toEqual(["has_fstp", "fstp_works", "fstp_reason", "methods"]);
  });

  it("collapses a chain when its first link is hidden, whatever was answered further down", () => {
    expect([...visibleKeys(questions, answers({ has_fstp: no, fstp_works: no }))]).toEqual(["has_fstp", "plan", "methods"]);
    expect([...visibleKeys(questions, answers({ fstp_works: no }))]).toEqual(["has_fstp", "methods"]);
  });

  it("compares a choice or a ticked option", () => {
    expect(visibleKeys(questions, answers({ methods: { kind: "choices", values: ["a", "b"], other: null } })).has("method_b")).toBe(true);
    expect(visibleKeys(questions, answers({ methods: { kind: "choices", values: ["a"], other: "b" } })).has("method_b")).toBe(false);
    const withSingle = [q("kind", { type: "single_choice", config: single }), q("detail", { showWhen: { question: "kind", equals: "c" } })];
    expect(visibleKeys(withSingle, answers({ kind: { kind: "choice", value: "c" } })).has("detail")).toBe(true);
    expect(visibleKeys(withSingle, answers({ kind: { kind: "choice", value: "a" } })).has("detail")).toBe(false);
  });

  it("lists the required questions left unanswered among those shown, in order", () => {
    expect(missingRequired(questions, answers({}))).toEqual(["has_fstp"]);
    expect(missingRequired(questions, answers({ has_fstp: yes }))).toEqual(["fstp_works"]);
    expect(missingRequired(questions, answers({ has_fstp: yes, fstp_works: no }))).toEqual(["fstp_reason"]);
    expect(missingRequired(questions, answers({ has_fstp: yes, fstp_works: yes }))).toEqual([]);
    expect(missingRequired(questions, answers({ has_fstp: no }))).toEqual(["plan"]);
    expect(missingRequired(questions, answers({ has_fstp: yes, fstp_works: no, fstp_reason: null }))).toEqual(["fstp_reason"]);
  });

  it("asks `hasAnswer` about answers kept elsewhere (an indicator's value)", () => {
    const withIndicator = [q("coverage", { type: "indicator", config: { type: "indicator", indicatorCode: "SD-1" }, required: true })];
    expect(missingRequired(withIndicator, answers({}))).toEqual(["coverage"]);
    expect(missingRequired(withIndicator, answers({}), (key) => key === "coverage")).toEqual([]);
  });

  it("writes an answer as one export cell", () => {
    expect(answerText({ kind: "choices", values: ["a", "c"], other: "Biogas" })).toBe("a; c; Biogas");
    expect(answerText({ kind: "boolean", value: false })).toBe("no");
    expect(answerText({ kind: "number", value: 70.5 })).toBe("70.5");
    expect(answerText(null)).toBe("");
  });
});

describe("answerLock", () => {
  const lock = (roundStatus: RoundStatus, responseStatus: ResponseStatus, today: string, reopenedUntil: string | null = null) => answerLock({ roundStatus, dueOn: "2026-03-31", responseStatus, reopenedUntil, today });

  it("keeps submitted and accepted answers read-only, whatever the round", () => {
    expect(lock("open", "submitted", "2026-03-01")).toBe("submitted");
    expect(lock("open", "accepted", "2026-03-01")).toBe("accepted");
    expect(lock("closed", "submitted", "2026-05-01", "2026-06-01")).toBe("submitted");
  });

  it("takes answers while the round is open, up to and on its due day", () => {
    expect(lock("open", "not_started", "2026-03-01")).toBeNull();
    expect(lock("open", "draft", "2026-03-31")).toBeNull();
    expect(lock("open", "draft", "2026-04-01")).toBe("deadline");
    expect(lock("open", "not_started", "2026-04-01")).toBe("deadline");
  });

  it("lets a returned response be corrected after the deadline while the round is open", () => {
    expect(lock("open", "returned", "2026-04-10")).toBeNull();
    expect(lock("closed", "returned", "2026-04-10")).toBe("closed");
  });

  it("refuses before the round opens and after it closes", () => {
    expect(lock("scheduled", "not_started", "2026-03-01")).toBe("not_open");
    expect(lock("closed", "draft", "2026-03-01")).toBe("closed");
  });

  it("lets an admin's reopening for the city win, up to and on its last day", () => {
    expect(lock("closed", "draft", "2026-04-10", "2026-04-15")).toBeNull();
    expect(lock("closed", "draft", "2026-04-15", "2026-04-15")).toBeNull();
    expect(lock("closed", "draft", "2026-04-16", "2026-04-15")).toBe("closed");
    expect(lock("open", "draft", "2026-04-10", "2026-04-15")).toBeNull();
    expect(lock("open", "draft", "2026-04-16", "2026-04-15")).toBe("deadline");
  });
});

describe("days and periods", () => {
  it("counts the days left to a deadline (negative: overdue)", () => {
    expect(daysLeft("2026-03-31", "2026-03-29")).toBe(2);
    expect(daysLeft("2026-03-31", "2026-03-31")).toBe(0);
    expect(daysLeft("2026-03-31", "2026-04-02")).toBe(-2);
    expect(daysLeft("2024-03-01", "2024-02-28")).toBe(2);
    expect(daysLeft("2027-01-01", "2026-12-31")).toBe(1);
  });

  it("tells when a city still owes its answers", () => {
    expect(isOverdue({ dueOn: "2026-03-31", responseStatus: "draft", today: "2026-04-01" })).toBe(true);
    expect(isOverdue({ dueOn: "2026-03-31", responseStatus: "returned", today: "2026-04-01" })).toBe(true);
    expect(isOverdue({ dueOn: "2026-03-31", responseStatus: "submitted", today: "2026-04-01" })).toBe(false);
    expect(isOverdue({ dueOn: "2026-03-31", responseStatus: "draft", today: "2026-03-31" })).toBe(false);
  });

  it("takes today in the city's own zone", () => {
    // 18:10 UTC is 00:10 the next day in Dhaka (UTC+6) but 23:55 in Kathmandu (UTC+5:45).
    const at = new Date("2026-03-31T18:10:00Z");
    expect(cityToday("BD", at)).toBe("2026-04-01");
    expect(cityToday("NP", at)).toBe("2026-03-31");
  });

  it("maps a round's period to the indicator period its indicator questions write", () => {
    expect(indicatorPeriodOf("2026-Q2")).toBe("2026-Q2");
    expect(indicatorPeriodOf("2026")).toBe("2026-Q4");
  });
});
