import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { attendanceSchema, boundId, eventFormSchema, hasControlCharacters, materialSchema, outcomesSchema, registrationSchema } from "@/lib/validation/events";
import { resourceCreateSchema, resourcePageFiltersSchema, resourceQuerySchema, resourceStatusSchema, resourceUpdateSchema } from "@/lib/validation/resources";
import { buildCalendar } from "@/lib/events/ics";
import { detectFileType } from "@/lib/files/detect";
import { checkFile, assertSameOrigin } from "@/lib/files/upload";
import { attachmentDisposition, sanitizeFileName } from "@/lib/files/names";
import { translator } from "@/lib/i18n/messages";
import { buildZip, sampleDocx, samplePptx, sampleXlsx } from "../fixtures/files";

/*
 * What the security review of events and the resource library found in code that needs no
 * database: input that reached PostgreSQL as a crash, text that could add lines to the public
 * calendar feed, and a ZIP that passed as a Word document on a folder name.
 */

const firstKey = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

const eventForm = {
  title: "FSTP operation",
  type: "training",
  description: "",
  components: [],
  hostCity: "kushtia",
  pairMentee: "",
  timeZone: "Asia/Dhaka",
  startsAt: "2030-03-10T10:00",
  endsAt: "2030-03-10T16:00",
  registrationDeadline: "",
  venue: "Town hall",
  onlineUrl: "",
  capacity: "20",
  trainers: ["3"],
};
const person = { name: "Ayesha Khatun", position: "", organisation: "", city: "kushtia", participantRole: "municipal_staff", gender: "female", email: "", phone: "" };
const resource = { title: "A guideline", summary: "", type: "guideline", language: "en", source: "link", externalUrl: "https://example.org/a", components: [], lenses: [], city: "", author: "", year: "" };

describe("control characters in typed text", () => {
  const bad = { nul: "A\u0000B title", cr: "Title\rATTENDEE:x", escape: "Title \u001b[31m", override: "Title \u202Efdp.exe", c1: "Title \u0085" };

  it("refuses NUL, lone CR, escapes and bidi overrides in every one-line event field, with a translated message", () => {
    const t = translator("bn");
    for (const [label, value] of Object.entries(bad)) {
      for (const field of ["title", "venue"] as const) {
        const result = eventFormSchema.safeParse({ ...eventForm, [field]: value });
        expect(result.success, `${field} ${label}`).toBe(false);
        expect(firstKey(result), `${field} ${label}`).toBe("validation.events.controlChars");
      }
      for (const field of ["name", "position", "organisation"] as const) expect(firstKey(registrationSchema.safeParse({ ...person, [field]: value })), `${field} ${label}`).toBe("validation.events.controlChars");
      expect(firstKey(materialSchema.safeParse({ url: "https://example.org/x", title: value })), `material ${label}`).toBe("validation.events.controlChars");
    }
    expect(t("validation.events.controlChars")).not.toBe("validation.events.controlChars");
    expect(t("validation.events.controlChars")).toMatch(/[\u0980-\u09FF]/);
  });

  it("lets multi-line fields keep line breaks and tabs, but not NUL", () => {
    expect(eventFormSchema.safeParse({ ...eventForm, description: "Day 1:\r\n\tvisit\nDay 2" }).success).toBe(true);
    expect(outcomesSchema.safeParse({ outcomes: "Line 1\nLine 2" }).success).toBe(true);
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, description: "a\u0000b" }))).toBe("validation.events.controlChars");
    expect(firstKey(outcomesSchema.safeParse({ outcomes: "a\u0000b" }))).toBe("validation.events.controlChars");
    expect(resourceCreateSchema.safeParse({ ...resource, summary: "One\nTwo" }).success).toBe(true);
    expect(firstKey(resourceCreateSchema.safeParse({ ...resource, summary: "One\u0000" }))).toBe("resources.validation.controlChars");
  });

  it("keeps Bangla and Nepali text whole, zero-width joiners included", () => {
    // র‍্যাব needs ZWJ; ক্‌ uses ZWNJ.
    const bangla = "স্যানিটেশন র\u200D্যালি ও ক্\u200Cষ প্রশিক্ষণ";
    const nepali = "मल व्यवस्थापन तालिम";
    expect(hasControlCharacters(bangla)).toBe(false);
    expect(eventFormSchema.safeParse({ ...eventForm, title: bangla }).success).toBe(true);
    expect(registrationSchema.safeParse({ ...person, name: nepali }).success).toBe(true);
    expect(resourceCreateSchema.safeParse({ ...resource, title: bangla, author: nepali }).success).toBe(true);
  });

  it("refuses them in resource titles, authors and links", () => {
    for (const field of ["title", "author"] as const) {
      expect(firstKey(resourceCreateSchema.safeParse({ ...resource, [field]: "Bad\u0000 one" }))).toBe("resources.validation.controlChars");
      expect(firstKey(resourceUpdateSchema.safeParse({ ...resource, [field]: "Bad \u202E one" }))).toBe("resources.validation.controlChars");
    }
    // \u0000 is not white space: the old pattern let it through to the database.
    expect(firstKey(resourceCreateSchema.safeParse({ ...resource, externalUrl: "https://example.org/\u0000" }))).toBe("validation.url");
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, onlineUrl: "https://meet.example/\u0000" }))).toBe("validation.url");
    expect(firstKey(materialSchema.safeParse({ url: "https://example.org/\u0007", title: "Slides" }))).toBe("validation.url");
  });
});

describe("slugs, codes, ids and dates that would have failed in the query", () => {
  it("refuses a malformed city slug or code instead of sending it to PostgreSQL", () => {
    expect(firstKey(registrationSchema.safeParse({ ...person, city: "kush\u0000tia" }))).toBe("validation.city");
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, hostCity: "kushtia'--" }))).toBe("validation.events.hostCity");
    expect(firstKey(resourceCreateSchema.safeParse({ ...resource, city: "kush\u0000tia" }))).toBe("resources.validation.city");
    expect(resourceCreateSchema.safeParse({ ...resource, components: ["SD\u0000"] }).success).toBe(false);
    expect(firstKey(resourceQuerySchema.safeParse({ city: "a\u0000" }))).toBe("resources.validation.city");
    expect(firstKey(resourceQuerySchema.safeParse({ component: "x\u0000" }))).toBe("resources.validation.component");
    // The page drops a bad filter rather than failing.
    expect(resourcePageFiltersSchema.parse({ city: "a\u0000", lens: "\u0000" })).toMatchObject({ city: undefined, lens: undefined });
  });

  it("turns control characters of a search into spaces: searching is never refused for them", () => {
    expect(resourceQuerySchema.parse({ q: "sludge\u0000plant" }).q).toBe("sludge plant");
    expect(resourceQuerySchema.parse({ q: "\u0000" }).q).toBeUndefined();
    expect(resourcePageFiltersSchema.parse({ q: "a\u0000b" }).q).toBe("a b");
  });

  it("refuses ids beyond PostgreSQL's integer in attendance, trainers and materials", () => {
    expect(attendanceSchema.safeParse({ listed: ["2147483648"], attended: [] }).success).toBe(false);
    expect(attendanceSchema.safeParse({ listed: ["2147483647"], attended: [] }).success).toBe(true);
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, trainers: ["99999999999"] }))).toBe("validation.events.trainerUnknown");
    expect(materialSchema.safeParse({ resourceId: "1e12" }).success).toBe(false);
    expect(materialSchema.safeParse({ resourceId: "-1" }).success).toBe(false);
  });

  it("checks ids bound to server actions like any other input", () => {
    expect(boundId(5)).toBe(5);
    for (const value of ["5", 1.5, -1, 0, 2_147_483_648, Number.NaN, Infinity, null, undefined, {}, [5]]) {
      expect(() => boundId(value), String(value)).toThrow(expect.objectContaining({ code: "invalid", messageKey: "validation.invalid" }) as Error);
    }
    expect(resourceStatusSchema.safeParse("published").success).toBe(true);
    expect(resourceStatusSchema.safeParse("archived").success).toBe(false);
    expect(resourceStatusSchema.safeParse({ toString: () => "published" }).success).toBe(false);
  });

  it("refuses event dates outside 2000–2100 as not a real time", () => {
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, startsAt: "0100-03-10T10:00" }))).toBe("validation.events.dateTime");
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, endsAt: "9999-03-10T16:00" }))).toBe("validation.events.dateTime");
    expect(firstKey(eventFormSchema.safeParse({ ...eventForm, registrationDeadline: "0100-03-01T10:00" }))).toBe("validation.events.dateTime");
    expect(eventFormSchema.safeParse({ ...eventForm, startsAt: "2026-02-30T10:00" }).success).toBe(false);
  });
});

describe("iCalendar feed", () => {
  it("never lets a stored CR or control character start a new property", () => {
    const at = new Date("2030-03-10T04:00:00Z");
    const body = buildCalendar(
      [
        {
          uid: "sec-1@cwis",
          sequence: 0,
          title: "Evil\rATTENDEE:mailto:victim@example.org\u0000",
          description: "a\r\nBEGIN:VALARM\rTRIGGER:-PT5M",
          location: "Hall\rX-INJECTED:1",
          url: "https://cwis.example/events/1",
          startsAt: at,
          endsAt: new Date(at.getTime() + 3_600_000),
          status: "scheduled",
          createdAt: at,
          updatedAt: at,
        },
      ],
      "CWIS\rX-EVIL:1",
    );
    // Every CR is part of a CRLF line end, and no NUL is left.
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\u0000]/);
    for (const line of body.split("\r\n")) expect(line).not.toMatch(/^(ATTENDEE|BEGIN:VALARM|TRIGGER|X-INJECTED|X-EVIL)/);
    const vevent = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent("vevent");
    expect(vevent?.getAllProperties("attendee")).toHaveLength(0);
    expect(vevent?.getAllSubcomponents("valarm")).toHaveLength(0);
    expect(String(vevent?.getFirstPropertyValue("summary"))).toContain("ATTENDEE:mailto:victim@example.org");
  });
});

describe("upload content checks", () => {
  const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
  const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>';

  it("is not fooled by a ZIP that only has a word/ (xl/, ppt/) folder name", () => {
    for (const folder of ["word/", "xl/", "ppt/"]) {
      const zip = buildZip([
        { name: "[Content_Types].xml", content: CONTENT_TYPES },
        { name: "_rels/.rels", content: RELS },
        { name: folder, content: "" },
        { name: `${folder}payload.html`, content: "<script>alert(1)</script>" },
      ]);
      expect(detectFileType(zip), folder).toEqual({ ok: false, reason: "unknown" });
    }
    // Without the package relationships it is not an OOXML package either.
    expect(detectFileType(buildZip([{ name: "[Content_Types].xml", content: CONTENT_TYPES }, { name: "word/document.xml", content: "<w:document/>" }])).ok).toBe(false);
  });

  it("still recognises real Word, Excel and PowerPoint files", () => {
    expect(detectFileType(sampleDocx())).toMatchObject({ ok: true, kind: "docx" });
    expect(detectFileType(sampleXlsx())).toMatchObject({ ok: true, kind: "xlsx" });
    expect(detectFileType(samplePptx())).toMatchObject({ ok: true, kind: "pptx" });
  });

  it("takes a PDF-prefixed HTML page for what it claims to be, a PDF, named .pdf", async () => {
    const polyglot = new TextEncoder().encode("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n");
    const checked = await checkFile(polyglot, "report.html");
    expect(checked.mimeType).toBe("application/pdf");
    expect(checked.fileName).toBe("report.pdf");
  });

  it("cleans traversal and header injection out of file names", () => {
    expect(sanitizeFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName("..\\..\\boot.ini", "pdf")).toBe("boot.ini.pdf");
    const injected = sanitizeFileName('a"\r\nSet-Cookie: x=1;.pdf', "pdf");
    expect(injected).not.toMatch(/[\r\n";]/);
    const header = attachmentDisposition(injected);
    expect(header).not.toMatch(/[\r\n]/);
    expect(() => new Headers({ "Content-Disposition": header })).not.toThrow();
    expect(header.startsWith("attachment;")).toBe(true);
  });

  it("refuses a form posted from an opaque origin (sandboxed frame, data: URL)", () => {
    const request = (headers: Record<string, string>) => new Request("http://app.example/api/v1/resources", { method: "POST", headers: { host: "app.example", ...headers } });
    expect(() => assertSameOrigin(request({ origin: "null" }))).toThrow(expect.objectContaining({ messageKey: "resources.upload.crossSite" }) as Error);
    expect(() => assertSameOrigin(request({ origin: "http://app.example.evil.test" }))).toThrow();
    expect(() => assertSameOrigin(request({ "sec-fetch-site": "same-site", origin: "http://app.example" }))).toThrow();
    expect(() => assertSameOrigin(request({ origin: "http://app.example", "sec-fetch-site": "same-origin" }))).not.toThrow();
  });
});
