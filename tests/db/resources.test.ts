import { and, count, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeDb } from "./support";
import { actorByEmail } from "./event-fixtures";
import type { Database } from "@/db/client";
import { auditLog, cities, eventMaterials, events, files, resourceFileVersions, resources } from "@/db/schema";
import { createResource, deleteResource, replaceResourceFile, updateResource } from "@/server/resources/write";
import { getVisibleResource, listResources, relatedResources } from "@/server/resources/read";
import {
  eventsUsingResource,
  getFileVersion,
  listFileVersions,
  recordDownload,
  type NewFile,
} from "@/db/queries/resources";
import { setResourceStatus } from "@/server/resources/status";
import { readFileSlice } from "@/db/queries/files";
import { seedDemoResources } from "@/db/seed-resources";
import { checkFile } from "@/lib/files/upload";
import { buildPdf } from "@/lib/files/simple-pdf";
import type { Actor } from "@/lib/permissions";
import { resourceCreateSchema, resourceUpdateSchema } from "@/lib/validation/resources";
import { samplePng } from "../fixtures/files";

const actor = actorByEmail;

const input = (fields: Record<string, unknown>) =>
  resourceCreateSchema.parse({ title: "A resource", summary: "", type: "guideline", language: "en", source: "file", components: [], lenses: [], city: "", author: "", year: "", ...fields });

const pdf = (words: string[]) => checkFile(buildPdf(words), "guide.pdf") as Promise<NewFile>;

const auditCount = async (db: Database, action: string, id: number) =>
  (await db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entity, "resource"), eq(auditLog.entityId, String(id)))))[0]?.n ?? 0;

describeDb("resource library", (db, kind) => {
  it("tokenizes Bangla and Nepali words whole with the simple configuration", async () => {
    const [row] = await db().select({ v: sql<string>`to_tsvector('simple', 'পয়ঃনিষ্কাশন নির্দেশিকা मल व्यवस्थापन')::text` }).from(cities).limit(1);
    expect(row?.v, kind).toContain("'নির্দেশিকা'");
    expect(row?.v).toContain("'পয়ঃনিষ্কাশন'");
    expect(row?.v).toContain("'व्यवस्थापन'");
  });

  it("finds a word from a PDF's text and a Bangla word from a title; drafts only for those who may see them", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const file = await pdf(["Sludge treatment notes", "The word quixotrella appears only here"]);
    expect(file.extractedText).toContain("quixotrella");
    const created = await createResource(db(), input({ title: "কুষ্টিয়া শোধনাগার পরিচালনা নির্দেশিকা", language: "bn", city: "kushtia", publish: "on" }), file, officer);
    // An officer's upload starts as a draft even when they ask to publish.
    expect(created.status).toBe("draft");

    const search = async (who: Actor | null, q: string) => (await listResources(db(), who, { q }, { limit: 25, offset: 0 })).rows.map((r) => r.id);
    const partner = await actor(db(), "partner@demo.cwis");
    const trainer = await actor(db(), "trainer@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const admin = await actor(db(), "admin@demo.cwis");
    for (const q of ["quixotrella", "নির্দেশিকা", "শোধনাগার"]) {
      expect(await search(null, q), `anonymous ${q}`).not.toContain(created.id);
      expect(await search(partner, q)).not.toContain(created.id);
      expect(await search(trainer, q)).not.toContain(created.id);
      expect(await search(otherOfficer, q)).not.toContain(created.id);
      expect(await search(officer, q), `uploader ${q}`).toContain(created.id);
      expect(await search(reviewer, q)).toContain(created.id);
      expect(await search(admin, q)).toContain(created.id);
    }
    // Without a query too (the list), and the page/download look-up.
    const list = async (who: Actor | null) => (await listResources(db(), who, {}, { limit: 100, offset: 0 })).rows.map((r) => r.id);
    expect(await list(null)).not.toContain(created.id);
    expect(await list(partner)).not.toContain(created.id);
    expect(await list(officer)).toContain(created.id);
    expect(await getVisibleResource(db(), created.id, null)).toBeNull();
    expect(await getVisibleResource(db(), created.id, partner)).toBeNull();
    expect(await getVisibleResource(db(), created.id, otherOfficer)).toBeNull();
    expect(await getVisibleResource(db(), created.id, officer)).not.toBeNull();
    expect(await getVisibleResource(db(), created.id, reviewer)).not.toBeNull();

    // Only reviewers and admins publish.
    await expect(setResourceStatus(db(), created.id, "published", officer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(setResourceStatus(db(), created.id, "published", trainer)).rejects.toMatchObject({ code: "not_found" });
    await setResourceStatus(db(), created.id, "published", reviewer);
    expect(await auditCount(db(), "resource.publish", created.id)).toBe(1);
    expect(await search(null, "quixotrella")).toEqual([created.id]);
    expect(await search(null, "নির্দেশিকা")).toContain(created.id);
    // Through the text-search index itself, not only the substring fallback.
    const [indexed] = await db().select({ hit: sql<boolean>`${resources.search} @@ websearch_to_tsquery('simple', 'নির্দেশিকা')` }).from(resources).where(eq(resources.id, created.id));
    expect(indexed?.hit).toBe(true);
    // English stemming: a plural finds the singular.
    expect(await search(null, "quixotrella treatments")).toContain(created.id);
    const [row] = await db().select({ publishedBy: resources.publishedBy, publishedAt: resources.publishedAt }).from(resources).where(eq(resources.id, created.id));
    expect(row?.publishedBy).toBe(reviewer.id);

    // Unpublishing hides it again.
    await setResourceStatus(db(), created.id, "draft", reviewer);
    expect(await search(null, "quixotrella")).toEqual([]);
    expect(await auditCount(db(), "resource.unpublish", created.id)).toBe(1);
  });

  it("stores the same file once however often it is uploaded", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const trainer = await actor(db(), "trainer@demo.cwis");
    const file = await pdf(["Identical bytes twice"]);
    const first = await createResource(db(), input({ title: "First copy" }), file, admin);
    const second = await createResource(db(), input({ title: "Second copy" }), await pdf(["Identical bytes twice"]), trainer);
    expect(second.fileId).toBe(first.fileId);
    const [stored] = await db().select({ n: count() }).from(files).where(eq(files.sha256, file.sha256));
    expect(stored?.n).toBe(1);
    const [audit] = await db().select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.action, "resource.create"), eq(auditLog.entityId, String(second.id))));
    expect(audit?.after).toMatchObject({ fileReused: true, sha256: file.sha256 });
  });

  it("applies the permission matrix to creating", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const partner = await actor(db(), "partner@demo.cwis");
    const trainer = await actor(db(), "trainer@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const before = (await db().select({ n: count() }).from(resources))[0]?.n;
    const link = (fields: Record<string, unknown>) => input({ source: "link", externalUrl: "https://example.org/video", type: "video", ...fields });
    await expect(createResource(db(), link({ city: "jhenaidah" }), null, officer)).rejects.toMatchObject({ code: "forbidden", messageKey: "resources.officerOwnCity" });
    await expect(createResource(db(), link({ city: "" }), null, officer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createResource(db(), link({}), null, partner)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createResource(db(), link({ city: "atlantis" }), null, reviewer)).rejects.toMatchObject({ messageKey: "resources.validation.city" });
    await expect(createResource(db(), link({ components: ["no_such_component"] }), null, reviewer)).rejects.toMatchObject({ messageKey: "resources.validation.component" });
    expect((await db().select({ n: count() }).from(resources))[0]?.n).toBe(before);

    // Trainers add drafts for any city; reviewers may publish at once.
    expect((await createResource(db(), link({ city: "jhenaidah", publish: "on", title: "Trainer video" }), null, trainer)).status).toBe("draft");
    const published = await createResource(db(), link({ city: "", publish: "on", title: "Reviewer video", components: ["governance"], lenses: ["equity"] }), null, reviewer);
    expect(published.status).toBe("published");
    expect(await auditCount(db(), "resource.create", published.id)).toBe(1);
    expect((await createResource(db(), link({ city: "kushtia", title: "Kushtia video" }), null, officer)).status).toBe("draft");
  });

  it("a failed write leaves nothing behind (no resource, file or audit row)", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const file = await pdf(["Rolled back file xylophonic"]);
    const counts = async () => [(await db().select({ n: count() }).from(resources))[0]?.n, (await db().select({ n: count() }).from(files))[0]?.n, (await db().select({ n: count() }).from(auditLog))[0]?.n];
    const before = await counts();
    await expect(createResource(db(), input({ lenses: ["not_a_lens"] }), file, admin)).rejects.toMatchObject({ messageKey: "resources.validation.lens" });
    expect(await counts()).toEqual(before);
  });

  it("lets uploaders edit their own drafts only, reviewers and admins anything", async () => {
    const officer = await actor(db(), "officer.kushtia@demo.cwis");
    const otherOfficer = await actor(db(), "officer.mahalaxmi@demo.cwis");
    const trainer = await actor(db(), "trainer@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const created = await createResource(db(), input({ title: "Officer draft", city: "kushtia" }), await pdf(["Officer draft body"]), officer);
    const update = (fields: Record<string, unknown>) => resourceUpdateSchema.parse({ title: "Officer draft, corrected", summary: "Better", type: "plan", language: "en", components: ["governance"], lenses: [], city: "kushtia", author: "Kushtia", year: "2025", ...fields });
    await updateResource(db(), created.id, update({}), officer);
    expect(await auditCount(db(), "resource.update", created.id)).toBe(1);
    await expect(updateResource(db(), created.id, update({ city: "jhenaidah" }), officer)).rejects.toMatchObject({ code: "forbidden" });
    // Someone who cannot even see the draft is told it does not exist.
    await expect(updateResource(db(), created.id, update({}), otherOfficer)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateResource(db(), created.id, update({}), trainer)).rejects.toMatchObject({ code: "not_found" });
    await setResourceStatus(db(), created.id, "published", reviewer);
    // Published: a change by the uploader would skip review.
    await expect(updateResource(db(), created.id, update({ title: "Sneaky change" }), officer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateResource(db(), created.id, update({ title: "Trainer change" }), trainer)).rejects.toMatchObject({ code: "forbidden" });
    await updateResource(db(), created.id, update({ title: "Reviewer fix" }), reviewer);
    const [row] = await db().select({ title: resources.title, type: resources.type, year: resources.year }).from(resources).where(eq(resources.id, created.id));
    expect(row).toEqual({ title: "Reviewer fix", type: "plan", year: 2025 });
  });

  it("replaces a file, keeps the old one for admins, and counts downloads", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const first = await pdf(["Version one of the plan, word vanadiumite"]);
    const created = await createResource(db(), input({ title: "Versioned plan", publish: "on" }), first, admin);
    const second = await checkFile(samplePng(), "scan.png");
    await expect(replaceResourceFile(db(), created.id, first, admin)).rejects.toMatchObject({ messageKey: "resources.file.same" });
    const { versionId } = await replaceResourceFile(db(), created.id, second, admin);
    const versions = await listFileVersions(db(), created.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ id: versionId, fileName: "guide.pdf", mimeType: "application/pdf", size: first.size });
    const version = await getFileVersion(db(), created.id, versionId);
    expect(Buffer.from(await readFileSlice(db(), version!.fileId, 0, version!.size)).equals(first.bytes)).toBe(true);
    expect(await getFileVersion(db(), created.id + 1000, versionId)).toBeNull();
    const current = await getVisibleResource(db(), created.id, null);
    expect(current).toMatchObject({ fileName: "scan.png", mimeType: "image/png" });
    // The old PDF's words no longer find the resource.
    expect((await listResources(db(), null, { q: "vanadiumite" }, { limit: 5, offset: 0 })).rows).toEqual([]);
    expect(await auditCount(db(), "resource.replace_file", created.id)).toBe(1);

    await recordDownload(db(), created.id);
    await recordDownload(db(), created.id);
    expect((await getVisibleResource(db(), created.id, null))?.downloadCount).toBe(2);
    // Slices put back together are the stored bytes.
    const slices = [await readFileSlice(db(), current!.fileId!, 0, 10), await readFileSlice(db(), current!.fileId!, 10, 1_000_000)];
    expect(Buffer.concat(slices).equals(second.bytes)).toBe(true);
  });

  it("deletes for admins only, with its versions, unreferenced files and an audit row", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const reviewer = await actor(db(), "reviewer@demo.cwis");
    const shared = await pdf(["Shared file kept by another resource"]);
    const keeper = await createResource(db(), input({ title: "Keeper" }), shared, admin);
    const doomed = await createResource(db(), input({ title: "Doomed" }), await pdf(["Shared file kept by another resource"]), admin);
    const replaced = await checkFile(buildPdf(["Only the doomed one has this"]), "only.pdf");
    await replaceResourceFile(db(), doomed.id, replaced, admin);
    await expect(deleteResource(db(), doomed.id, reviewer)).rejects.toMatchObject({ code: "forbidden" });
    await deleteResource(db(), doomed.id, admin);
    expect(await db().select().from(resources).where(eq(resources.id, doomed.id))).toEqual([]);
    expect(await db().select().from(resourceFileVersions).where(eq(resourceFileVersions.resourceId, doomed.id))).toEqual([]);
    // The shared file stays for the keeper; the doomed one's own file is gone.
    expect(await db().select({ id: files.id }).from(files).where(eq(files.sha256, shared.sha256))).toHaveLength(1);
    expect(await db().select({ id: files.id }).from(files).where(eq(files.sha256, replaced.sha256))).toHaveLength(0);
    expect(keeper.fileId).not.toBeNull();
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "resource.delete"), eq(auditLog.entityId, String(doomed.id))));
    expect(audit).toMatchObject({ actorId: admin.id, after: { filesDeleted: 1 } });
    expect(audit?.before).toMatchObject({ title: "Doomed", versions: 1 });
    await expect(deleteResource(db(), doomed.id, admin)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists related resources by shared components and the events that used it", async () => {
    const admin = await actor(db(), "admin@demo.cwis");
    const a = await createResource(db(), input({ title: "Digital finance A", source: "link", externalUrl: "https://example.org/a", components: ["digital_finance", "gesi"], publish: "on" }), null, admin);
    const b = await createResource(db(), input({ title: "Digital finance B", source: "link", externalUrl: "https://example.org/b", components: ["digital_finance", "gesi"], publish: "on" }), null, admin);
    const c = await createResource(db(), input({ title: "Digital finance C (draft)", source: "link", externalUrl: "https://example.org/c", components: ["digital_finance"] }), null, admin);
    const related = await relatedResources(db(), a.id, null);
    expect(related[0]?.id).toBe(b.id);
    expect(related.map((r) => r.id)).not.toContain(c.id);
    expect(related.map((r) => r.id)).not.toContain(a.id);
    expect((await relatedResources(db(), a.id, admin)).map((r) => r.id)).toContain(c.id);

    const [kushtia] = await db().select({ id: cities.id }).from(cities).where(eq(cities.slug, "kushtia"));
    const [event] = await db()
      .insert(events)
      .values({ title: "Digital payments workshop", type: "workshop", hostCityId: kushtia!.id, timeZone: "Asia/Dhaka", startsAt: new Date("2026-10-01T04:00:00Z"), endsAt: new Date("2026-10-01T10:00:00Z"), capacity: 30 })
      .returning({ id: events.id });
    await db().insert(eventMaterials).values({ eventId: event!.id, resourceId: a.id });
    expect(await eventsUsingResource(db(), a.id)).toEqual([expect.objectContaining({ id: event!.id, title: "Digital payments workshop", cityNameEn: "Kushtia Paurashava" })]);
    expect(await eventsUsingResource(db(), b.id)).toEqual([]);
  });

  it("filters by type, language, component, lens, city and year, and sorts", async () => {
    const list = async (filters: Parameters<typeof listResources>[2]) => (await listResources(db(), null, filters, { limit: 100, offset: 0 })).rows;
    // The demo library is seeded: published, in three languages.
    expect((await list({ language: "bn" })).length).toBeGreaterThanOrEqual(2);
    expect((await list({ language: "bn" })).every((r) => r.language === "bn")).toBe(true);
    expect((await list({ type: "policy" })).every((r) => r.type === "policy")).toBe(true);
    expect((await list({ component: "governance" })).every((r) => r.components.includes("governance"))).toBe(true);
    expect((await list({ lens: "safety" })).every((r) => r.lenses.includes("safety"))).toBe(true);
    expect((await list({ city: "kushtia" })).every((r) => r.citySlug === "kushtia")).toBe(true);
    expect((await list({ city: "kushtia" })).length).toBeGreaterThan(0);
    expect((await list({ year: 2024 })).every((r) => r.year === 2024)).toBe(true);
    const byDownloads = await list({ sort: "downloads" });
    expect(byDownloads.map((r) => r.downloadCount)).toEqual([...byDownloads.map((r) => r.downloadCount)].sort((x, y) => y - x));
    const page = await listResources(db(), null, {}, { limit: 2, offset: 0 });
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    expect((await listResources(db(), null, {}, { limit: 2, offset: 10_000 })).total).toBe(page.total);
    // Bangla search through the demo titles; a search term with LIKE wildcards is taken literally.
    expect((await list({ q: "নির্দেশিকা" })).length).toBeGreaterThan(0);
    expect(await list({ q: "%" })).toEqual([]);
  });

  it("seeds the demo library once", async () => {
    const demoCount = async () => (await db().select({ n: count() }).from(resources).where(eq(resources.isDemo, true)))[0]?.n;
    const before = await demoCount();
    expect(before).toBeGreaterThanOrEqual(5);
    await seedDemoResources(db());
    expect(await demoCount()).toBe(before);
  });
});
