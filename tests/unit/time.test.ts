import { describe, expect, it } from "vitest";
import { dayRangeInZone, resolveTimeZone, timeZoneForLocale, todayIn } from "@/lib/time";
import { formatters } from "@/lib/i18n/messages";

// 14:59 UTC: 20:44 in Kathmandu (+05:45), 20:59 in Dhaka (+06:00).
const SAVED = new Date("2026-12-03T14:59:00Z");

describe("the reader's time zone", () => {
  it("is the user's choice, else the city's country's, else the language's", () => {
    expect(resolveTimeZone({ userTimeZone: "Asia/Kathmandu", country: "BD", locale: "bn" })).toBe("Asia/Kathmandu");
    expect(resolveTimeZone({ userTimeZone: null, country: "NP", locale: "en" })).toBe("Asia/Kathmandu");
    expect(resolveTimeZone({ userTimeZone: null, country: "BD", locale: "ne" })).toBe("Asia/Dhaka");
    expect(resolveTimeZone({ userTimeZone: null, country: null, locale: "ne" })).toBe("Asia/Kathmandu");
    expect(resolveTimeZone({ locale: "en" })).toBe("Asia/Dhaka");
    expect(resolveTimeZone({ locale: "bn" })).toBe("Asia/Dhaka");
    // A zone the programme does not know is ignored, not trusted.
    expect(resolveTimeZone({ userTimeZone: "Europe/London", country: "NP", locale: "en" })).toBe("Asia/Kathmandu");
    expect(timeZoneForLocale("ne")).toBe("Asia/Kathmandu");
  });
});

describe("times in the reader's zone", () => {
  it("shows a Nepali officer's 20:44 save as 20:44 in Kathmandu and 20:59 in Dhaka", () => {
    expect(formatters("en", "Asia/Kathmandu").dateTime(SAVED)).toBe("3 Dec 2026, 20:44");
    expect(formatters("en", "Asia/Dhaka").dateTime(SAVED)).toBe("3 Dec 2026, 20:59");
  });

  it("names the zone in the reader's language when asked", () => {
    expect(formatters("en", "Asia/Kathmandu").dateTime(SAVED, { zone: true })).toBe("3 Dec 2026, 20:44 (Kathmandu time)");
    expect(formatters("en", "Asia/Dhaka").dateTime(SAVED, { zone: true })).toBe("3 Dec 2026, 20:59 (Dhaka time)");
    const ne = formatters("ne", "Asia/Kathmandu").dateTime(SAVED, { zone: true });
    expect(ne).toContain("२०:४४");
    expect(ne).toContain("काठमाडौं समय");
    const bn = formatters("bn", "Asia/Dhaka").dateTime(SAVED, { zone: true });
    expect(bn).toContain("২০:৫৯");
    expect(bn).toContain("ঢাকার সময়");
    expect(formatters("bn", "Asia/Kathmandu").zoneName).toBe("কাঠমান্ডুর সময়");
  });

  it("defaults to the language's zone without one", () => {
    expect(formatters("ne").timeZone).toBe("Asia/Kathmandu");
    expect(formatters("en").dateTime(SAVED)).toBe("3 Dec 2026, 20:59");
  });

  it("shows a calendar date as written, an instant's day in the zone", () => {
    // 18:30 UTC on 3 December is already 4 December in both zones.
    const late = new Date("2026-12-03T18:30:00Z");
    expect(formatters("en", "Asia/Kathmandu").date(late)).toBe("4 Dec 2026");
    expect(formatters("en", "Asia/Kathmandu").date("2026-12-03")).toBe("3 Dec 2026");
    expect(todayIn("Asia/Dhaka", late)).toBe("2026-12-04");
  });
});

describe("date filters on the reader's clock", () => {
  it("turns days in Kathmandu into UTC bounds", () => {
    const { start, end } = dayRangeInZone({ from: "2026-12-03", to: "2026-12-03" }, "Asia/Kathmandu");
    expect(start?.toISOString()).toBe("2026-12-02T18:15:00.000Z");
    expect(end?.toISOString()).toBe("2026-12-03T18:15:00.000Z");
    expect(dayRangeInZone({ from: "2026-12-03" }, "UTC")).toEqual({ start: new Date("2026-12-03T00:00:00Z"), end: undefined });
  });
});
