import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/action-result";
import { isMessageKey } from "@/lib/i18n/messages";
import { formErrorKey, resourceCreateSchema, resourceFormFields, resourceIdParam, resourcePageFiltersSchema, resourceQuerySchema, resourceUpdateSchema } from "@/lib/validation/resources";

const valid = { title: "Faecal sludge guide", type: "guideline", language: "bn", source: "link", externalUrl: "https://example.org/guide", components: ["governance"], lenses: [], city: "", author: "", year: "2025" };

describe("resource form validation", () => {
  it("accepts a link resource and normalises empty fields", () => {
    expect(resourceCreateSchema.parse(valid)).toMatchObject({ title: "Faecal sludge guide", city: null, year: 2025, publish: false, externalUrl: "https://example.org/guide", summary: "" });
    expect(resourceCreateSchema.parse({ ...valid, publish: "on", year: "" })).toMatchObject({ publish: true, year: null });
  });

  it("refuses bad fields, each with a message from the catalogue", () => {
    const result = resourceCreateSchema.safeParse({ ...valid, title: " x ", type: "novel", language: "fr", externalUrl: "javascript:alert(1)", year: "1850", components: Array.from({ length: 21 }, (_, i) => `c${i}`) });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["components", "externalUrl", "language", "title", "type", "year"]);
    for (const keys of Object.values(errors)) for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });

  it("needs a link when the source is a link, and refuses a year after next year", () => {
    expect(fieldErrorsOf(resourceCreateSchema.safeParse({ ...valid, externalUrl: "" }).error!)).toEqual({ externalUrl: ["validation.url"] });
    expect(resourceCreateSchema.safeParse({ ...valid, year: String(new Date().getUTCFullYear() + 2) }).success).toBe(false);
    expect(resourceCreateSchema.safeParse({ ...valid, source: "file", externalUrl: "" }).success).toBe(true);
    expect(resourceCreateSchema.safeParse({ ...valid, externalUrl: "ftp://example.org/x" }).success).toBe(false);
  });

  it("reads repeated form fields as lists, without duplicates", () => {
    const form = new FormData();
    form.set("title", "T");
    for (const c of ["governance", "gesi", "governance"]) form.append("components", c);
    form.append("lenses", "equity");
    const fields = resourceFormFields(form);
    expect(fields).toMatchObject({ title: "T", components: ["governance", "gesi", "governance"], lenses: ["equity"] });
    expect(resourceUpdateSchema.parse({ ...valid, ...fields, title: "Title" }).components).toEqual(["governance", "gesi"]);
  });
});

describe("list filters", () => {
  it("the API refuses a bad parameter, the page drops it", () => {
    expect(resourceQuerySchema.safeParse({ lang: "fr" }).success).toBe(false);
    expect(resourceQuerySchema.safeParse({ sort: "random" }).success).toBe(false);
    expect(resourceQuerySchema.safeParse({ per_page: "101" }).success).toBe(false);
    expect(resourceQuerySchema.parse({ q: "  sludge ", lang: "bn", year: "2024" })).toMatchObject({ q: "sludge", lang: "bn", year: 2024, page: 1, per_page: 25 });
    expect(resourcePageFiltersSchema.parse({ lang: "fr", sort: "random", year: "abc", q: "" })).toEqual({ lang: undefined, sort: undefined, year: undefined, q: undefined, type: undefined, component: undefined, lens: undefined, city: undefined });
  });

  it("ids and error keys from URLs", () => {
    expect(resourceIdParam("12")).toBe(12);
    for (const bad of ["0", "-1", "1.5", "abc", "99999999999", "012"]) expect(resourceIdParam(bad)).toBeNull();
    expect(formErrorKey("resources.file.executable", isMessageKey)).toBe("resources.file.executable");
    expect(formErrorKey("resources.nope", isMessageKey)).toBeUndefined();
    expect(formErrorKey("app.name", isMessageKey)).toBeUndefined();
    expect(formErrorKey(["validation.url"], isMessageKey)).toBe("validation.url");
  });
});
