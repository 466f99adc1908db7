import { and, asc, desc, eq, exists, inArray, isNotNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { auditLog, cities, components, eventMaterials, events, files, lenses, resourceComponents, resourceFileVersions, resourceLenses, resources, users, type Resource } from "../schema";
import { writeAudit } from "./audit";
import { containsPattern } from "./like";
import { deleteUnreferencedFiles, storeFile, type FileToStore } from "./files";
import { AppError } from "@/lib/errors";
import type { ResourceCreateInput, ResourceSort, ResourceUpdateInput } from "@/lib/validation/resources";

/** A checked upload (lib/files/upload.ts) as the queries need it. */
export interface NewFile extends FileToStore {
  fileName: string;
  extractedText: string;
}

export interface ResourceFilters {
  q?: string;
  type?: Resource["type"];
  language?: Resource["language"];
  component?: string;
  lens?: string;
  city?: string;
  year?: number;
  sort?: ResourceSort;
}

// ---------------------------------------------------------------------------------------------
// Visibility

/**
 * Which rows a read returns: published ones, plus every draft (`allDrafts`) or the drafts of one
 * uploader (`ownerId`). Who gets which is decided by lib/policies/resources resourceVisibility,
 * which says the same as canSeeResource; the server layer hands the answer in.
 */
export interface ResourceVisibility {
  allDrafts: boolean;
  ownerId: number | null;
}

export function visibleTo(visibility: ResourceVisibility): SQL | undefined {
  if (visibility.allDrafts) return undefined;
  const published = eq(resources.status, "published");
  return visibility.ownerId !== null ? or(published, eq(resources.createdBy, visibility.ownerId)) : published;
}

/** Full-text match in English and in the `simple` configuration (Bangla, Nepali, names, codes). */
function searchQuery(q: string): SQL {
  return sql`(websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('simple', ${q}))`;
}

/**
 * Text search, plus a substring match on title and summary: it catches what the text-search
 * parser splits or stems differently (parts of Bangla words, a database whose locale classifies
 * Bangla vowel signs as non-letters) and partial words people type.
 */
function searchCondition(q: string): SQL {
  const pattern = containsPattern(q);
  return sql`(${resources.search} @@ ${searchQuery(q)} or ${resources.title} ilike ${pattern} or ${resources.summary} ilike ${pattern})`;
}

function filterConditions(filters: ResourceFilters): (SQL | undefined)[] {
  return [
    filters.q ? searchCondition(filters.q) : undefined,
    filters.type ? eq(resources.type, filters.type) : undefined,
    filters.language ? eq(resources.language, filters.language) : undefined,
    filters.year ? eq(resources.year, filters.year) : undefined,
    filters.city ? exists(sql`(select 1 from ${cities} where ${cities.id} = ${resources.cityId} and ${cities.slug} = ${filters.city})`) : undefined,
    filters.component
      ? exists(sql`(select 1 from ${resourceComponents} join ${components} on ${components.id} = ${resourceComponents.componentId} where ${resourceComponents.resourceId} = ${resources.id} and ${components.code} = ${filters.component})`)
      : undefined,
    filters.lens ? exists(sql`(select 1 from ${resourceLenses} where ${resourceLenses.resourceId} = ${resources.id} and ${resourceLenses.lensCode} = ${filters.lens})`) : undefined,
  ];
}

const newest = sql`coalesce(${resources.publishedAt}, ${resources.createdAt})`;

const listColumns = {
  id: resources.id,
  title: resources.title,
  summary: resources.summary,
  type: resources.type,
  language: resources.language,
  status: resources.status,
  author: resources.author,
  year: resources.year,
  fileName: resources.fileName,
  externalUrl: resources.externalUrl,
  downloadCount: resources.downloadCount,
  publishedAt: resources.publishedAt,
  createdAt: resources.createdAt,
  createdBy: resources.createdBy,
  cityId: resources.cityId,
  citySlug: cities.slug,
  cityNameEn: cities.nameEn,
  cityNameBn: cities.nameBn,
  cityNameNe: cities.nameNe,
  mimeType: files.mimeType,
  size: files.size,
};

export type ResourceListRow = Awaited<ReturnType<typeof listResources>>["rows"][number];

/** One page of the resources within `visibility`, filtered and sorted; `total` counts every page. */
export async function listResources(db: Database, visibility: ResourceVisibility, filters: ResourceFilters, page: { limit: number; offset: number }) {
  const where = and(visibleTo(visibility), ...filterConditions(filters));
  const sort = filters.sort ?? (filters.q ? "relevance" : "newest");
  const order =
    sort === "downloads"
      ? [desc(resources.downloadCount), desc(newest), desc(resources.id)]
      : sort === "relevance" && filters.q
        ? [desc(sql`ts_rank(${resources.search}, ${searchQuery(filters.q)}) + case when ${resources.title} ilike ${containsPattern(filters.q)} then 1 else 0 end`), desc(newest), desc(resources.id)]
        : [desc(newest), desc(resources.id)];
  const rows = await db
    .select({ ...listColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(resources)
    .leftJoin(cities, eq(cities.id, resources.cityId))
    .leftJoin(files, eq(files.id, resources.fileId))
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  let total = rows[0]?.total ?? 0;
  // The total rides on the rows; past the last page there are none to carry it.
  if (rows.length === 0 && page.offset > 0) {
    const [count] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(resources).where(where);
    total = count?.n ?? 0;
  }
  const tags = await tagsOf(db, rows.map((r) => r.id));
  return { rows: rows.map(({ total: _total, ...row }) => ({ ...row, components: tags.components.get(row.id) ?? [], lenses: tags.lenses.get(row.id) ?? [] })), total };
}

/** Component and lens codes of each resource, in framework order. */
async function tagsOf(db: Database, ids: number[]) {
  const componentsOf = new Map<number, string[]>();
  const lensesOf = new Map<number, string[]>();
  if (ids.length === 0) return { components: componentsOf, lenses: lensesOf };
  const [componentRows, lensRows] = await Promise.all([
    db
      .select({ resourceId: resourceComponents.resourceId, code: components.code })
      .from(resourceComponents)
      .innerJoin(components, eq(components.id, resourceComponents.componentId))
      .where(inArray(resourceComponents.resourceId, ids))
      .orderBy(asc(components.sortOrder)),
    db
      .select({ resourceId: resourceLenses.resourceId, code: lenses.code })
      .from(resourceLenses)
      .innerJoin(lenses, eq(lenses.code, resourceLenses.lensCode))
      .where(inArray(resourceLenses.resourceId, ids))
      .orderBy(asc(lenses.sortOrder)),
  ]);
  for (const row of componentRows) (componentsOf.get(row.resourceId) ?? componentsOf.set(row.resourceId, []).get(row.resourceId))?.push(row.code);
  for (const row of lensRows) (lensesOf.get(row.resourceId) ?? lensesOf.set(row.resourceId, []).get(row.resourceId))?.push(row.code);
  return { components: componentsOf, lenses: lensesOf };
}

/** Years that visible resources carry, newest first, for the year filter. */
export async function resourceYears(db: Database, visibility: ResourceVisibility): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: resources.year })
    .from(resources)
    .where(and(visibleTo(visibility), isNotNull(resources.year)))
    .orderBy(desc(resources.year));
  return rows.map((r) => r.year).filter((y): y is number => y !== null);
}

const uploader = alias(users, "uploader");
const publisher = alias(users, "publisher");

/** One resource with everything its page shows, or null. Visibility is the caller's check (canSeeResource). */
export async function getResource(db: Database, id: number) {
  const [row] = await db
    .select({
      ...listColumns,
      fileId: resources.fileId,
      sha256: files.sha256,
      updatedAt: resources.updatedAt,
      publishedBy: resources.publishedBy,
      uploaderName: uploader.name,
      publisherName: publisher.name,
      hasText: sql<boolean>`${resources.extractedText} <> ''`,
    })
    .from(resources)
    .leftJoin(cities, eq(cities.id, resources.cityId))
    .leftJoin(files, eq(files.id, resources.fileId))
    .leftJoin(uploader, eq(uploader.id, resources.createdBy))
    .leftJoin(publisher, eq(publisher.id, resources.publishedBy))
    .where(eq(resources.id, id));
  if (!row) return null;
  const tags = await tagsOf(db, [id]);
  return { ...row, components: tags.components.get(id) ?? [], lenses: tags.lenses.get(id) ?? [] };
}

export type ResourceDetail = NonNullable<Awaited<ReturnType<typeof getResource>>>;

/** Resources within `visibility` sharing a component with `id`, those sharing most first. */
export async function relatedResources(db: Database, id: number, visibility: ResourceVisibility, limit = 5) {
  const shared = sql<number>`(select count(*) from ${resourceComponents} mine join ${resourceComponents} theirs on theirs.component_id = mine.component_id where mine.resource_id = ${id} and theirs.resource_id = ${resources.id})`.mapWith(Number);
  return db
    .select({ id: resources.id, title: resources.title, type: resources.type, language: resources.language, status: resources.status, year: resources.year, shared })
    .from(resources)
    .where(and(visibleTo(visibility), ne(resources.id, id), sql`${shared} > 0`))
    .orderBy(desc(shared), desc(newest), desc(resources.id))
    .limit(limit);
}

/** Events that used the resource as material, newest first. */
export async function eventsUsingResource(db: Database, id: number) {
  return db
    .selectDistinct({ id: events.id, title: events.title, startsAt: events.startsAt, status: events.status, cityNameEn: cities.nameEn, cityNameBn: cities.nameBn, cityNameNe: cities.nameNe })
    .from(eventMaterials)
    .innerJoin(events, eq(events.id, eventMaterials.eventId))
    .innerJoin(cities, eq(cities.id, events.hostCityId))
    .where(eq(eventMaterials.resourceId, id))
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(50);
}

// ---------------------------------------------------------------------------------------------
// Writes: steps of a transaction the server layer opens (server/resources/write.ts), which locks the
// row and checks who may; each writes its audit row in that transaction.

/** The id of the city a resource is for (no slug: none); an unknown slug is refused. */
export async function resourceCityId(tx: Database, slug: string | null): Promise<number | null> {
  if (!slug) return null;
  const [city] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.slug, slug));
  if (!city) throw new AppError("invalid", "resources.validation.city");
  return city.id;
}

async function setTags(tx: Database, resourceId: number, componentCodes: string[], lensCodes: string[]) {
  const componentRows = componentCodes.length ? await tx.select({ id: components.id, code: components.code }).from(components).where(inArray(components.code, componentCodes)) : [];
  if (componentRows.length !== componentCodes.length) throw new AppError("invalid", "resources.validation.component");
  const lensRows = lensCodes.length ? await tx.select({ code: lenses.code }).from(lenses).where(inArray(lenses.code, lensCodes)) : [];
  if (lensRows.length !== lensCodes.length) throw new AppError("invalid", "resources.validation.lens");
  await tx.delete(resourceComponents).where(eq(resourceComponents.resourceId, resourceId));
  await tx.delete(resourceLenses).where(eq(resourceLenses.resourceId, resourceId));
  if (componentRows.length) await tx.insert(resourceComponents).values(componentRows.map((c) => ({ resourceId, componentId: c.id })));
  if (lensRows.length) await tx.insert(resourceLenses).values(lensRows.map((l) => ({ resourceId, lensCode: l.code })));
}

/** What the audit log keeps of a resource (never the bytes or the extracted text). */
async function auditView(tx: Database, id: number) {
  const [row] = await tx
    .select({ title: resources.title, summary: resources.summary, type: resources.type, language: resources.language, status: resources.status, cityId: resources.cityId, author: resources.author, year: resources.year, fileId: resources.fileId, fileName: resources.fileName, externalUrl: resources.externalUrl, sha256: files.sha256 })
    .from(resources)
    .leftJoin(files, eq(files.id, resources.fileId))
    .where(eq(resources.id, id));
  if (!row) return null;
  const tags = await tagsOf(tx, [id]);
  return { ...row, components: tags.components.get(id) ?? [], lenses: tags.lenses.get(id) ?? [] };
}

export type LockedResource = Resource;

/** Locks the resource row for the rest of the transaction. */
export async function lockResource(tx: Database, id: number): Promise<LockedResource> {
  const [row] = await tx.select().from(resources).where(eq(resources.id, id)).for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Adds a resource with a stored file (kept once per content) or an external link, for `cityId`
 * and in `status` as the server layer decided them.
 */
export async function insertResource(
  tx: Database,
  input: ResourceCreateInput,
  file: NewFile | null,
  decided: { cityId: number | null; status: Resource["status"]; actorId: number },
): Promise<{ id: number; status: Resource["status"]; fileId: number | null }> {
  if (input.source === "file" && !file) throw new AppError("invalid", "resources.file.missing");
  const { cityId, status, actorId } = decided;
  const stored = input.source === "file" && file ? await storeFile(tx, file) : null;
  const now = new Date();
  const [created] = await tx
    .insert(resources)
    .values({
      title: input.title,
      summary: input.summary,
      type: input.type,
      language: input.language,
      cityId,
      author: input.author,
      year: input.year,
      status,
      fileId: stored?.id ?? null,
      fileName: stored && file ? file.fileName : null,
      externalUrl: stored ? null : input.externalUrl,
      extractedText: stored && file ? file.extractedText : "",
      createdBy: actorId,
      publishedBy: status === "published" ? actorId : null,
      publishedAt: status === "published" ? now : null,
    })
    .returning({ id: resources.id });
  if (!created) throw new Error("insert returned nothing");
  await setTags(tx, created.id, input.components, input.lenses);
  await writeAudit(tx, { actorId, action: "resource.create", entity: "resource", entityId: created.id, after: { ...(await auditView(tx, created.id)), fileReused: stored ? !stored.created : undefined } });
  return { id: created.id, status, fileId: stored?.id ?? null };
}

/** Edits the descriptive fields (and the link of a link resource) of the locked `current`, moving it to `cityId`. */
export async function updateResourceFields(tx: Database, current: LockedResource, input: ResourceUpdateInput, cityId: number | null, actorId: number): Promise<void> {
  const id = current.id;
  const before = await auditView(tx, id);
  const externalUrl = current.externalUrl !== null && input.externalUrl ? input.externalUrl : current.externalUrl;
  await tx
    .update(resources)
    .set({ title: input.title, summary: input.summary, type: input.type, language: input.language, cityId, author: input.author, year: input.year, externalUrl, updatedAt: new Date() })
    .where(eq(resources.id, id));
  await setTags(tx, id, input.components, input.lenses);
  await writeAudit(tx, { actorId, action: "resource.update", entity: "resource", entityId: id, before, after: await auditView(tx, id) });
}

/** Puts a new file in place of the locked `current`'s; the previous one stays as a version that admins can download. */
export async function replaceFileOf(tx: Database, current: LockedResource, file: NewFile, actorId: number): Promise<{ versionId: number }> {
  const id = current.id;
  if (current.fileId === null || current.fileName === null) throw new AppError("invalid", "resources.file.linkHasNoFile");
  const stored = await storeFile(tx, file);
  if (stored.id === current.fileId) throw new AppError("invalid", "resources.file.same");
  const before = await auditView(tx, id);
  // When the outgoing file became current, and by whom: the last replacement, or the creation.
  const [lastVersion] = await tx.select({ replacedAt: resourceFileVersions.replacedAt }).from(resourceFileVersions).where(eq(resourceFileVersions.resourceId, id)).orderBy(desc(resourceFileVersions.replacedAt), desc(resourceFileVersions.id)).limit(1);
  const [lastReplace] = await tx
    .select({ actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "resource"), eq(auditLog.entityId, String(id)), eq(auditLog.action, "resource.replace_file")))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const now = new Date();
  const [version] = await tx
    .insert(resourceFileVersions)
    .values({ resourceId: id, fileId: current.fileId, fileName: current.fileName, uploadedBy: lastReplace ? lastReplace.actorId : current.createdBy, uploadedAt: lastVersion?.replacedAt ?? current.createdAt, replacedAt: now })
    .returning({ id: resourceFileVersions.id });
  if (!version) throw new Error("insert returned nothing");
  await tx.update(resources).set({ fileId: stored.id, fileName: file.fileName, extractedText: file.extractedText, updatedAt: now }).where(eq(resources.id, id));
  await writeAudit(tx, { actorId, action: "resource.replace_file", entity: "resource", entityId: id, before, after: { ...(await auditView(tx, id)), previousVersionId: version.id } });
  return { versionId: version.id };
}

/** Resources by id with what a status change needs, locked (server/workflow.ts moves them). */
export async function lockResourcesForStatus(tx: Database, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: resources.id, status: resources.status, version: resources.version, cityId: resources.cityId, createdBy: resources.createdBy })
    .from(resources)
    .where(inArray(resources.id, [...ids]))
    .for("update");
}

/** Stores a publish (who and when) or an unpublish, with the next version. */
export async function moveResourceStatus(tx: Database, id: number, to: Resource["status"], actorId: number) {
  const now = new Date();
  const [row] = await tx
    .update(resources)
    .set(to === "published" ? { status: to, publishedBy: actorId, publishedAt: now, updatedAt: now, version: sql`${resources.version} + 1` } : { status: to, publishedBy: null, publishedAt: null, updatedAt: now, version: sql`${resources.version} + 1` })
    .where(eq(resources.id, id))
    .returning({ id: resources.id, status: resources.status, version: resources.version, cityId: resources.cityId, createdBy: resources.createdBy });
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Deletes the locked `current` with its tags, kept versions and event links; files nothing else
 * refers to go too.
 */
export async function removeResource(tx: Database, current: LockedResource, actorId: number): Promise<void> {
  const id = current.id;
  const before = await auditView(tx, id);
  const versions = await tx.select({ fileId: resourceFileVersions.fileId, fileName: resourceFileVersions.fileName }).from(resourceFileVersions).where(eq(resourceFileVersions.resourceId, id));
  const [materials] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(eventMaterials).where(eq(eventMaterials.resourceId, id));
  await tx.delete(resources).where(eq(resources.id, id));
  const fileIds = [...new Set([...(current.fileId !== null ? [current.fileId] : []), ...versions.map((v) => v.fileId)])];
  const filesDeleted = await deleteUnreferencedFiles(tx, fileIds);
  await writeAudit(tx, { actorId, action: "resource.delete", entity: "resource", entityId: id, before: { ...before, downloadCount: current.downloadCount, versions: versions.length, eventMaterials: materials?.n ?? 0 }, after: { filesDeleted } });
}

/** Counts one download (a statistic, not an audited change). */
export async function recordDownload(db: Database, id: number): Promise<void> {
  await db.update(resources).set({ downloadCount: sql`${resources.downloadCount} + 1` }).where(eq(resources.id, id));
}

/** How many events use the resource: the delete confirmation says what goes with it. */
export async function countEventMaterials(db: Database, id: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(eventMaterials).where(eq(eventMaterials.resourceId, id));
  return row?.n ?? 0;
}

/** Earlier files of a resource, newest first (admins). */
export async function listFileVersions(db: Database, resourceId: number) {
  return db
    .select({ id: resourceFileVersions.id, fileId: resourceFileVersions.fileId, fileName: resourceFileVersions.fileName, uploadedAt: resourceFileVersions.uploadedAt, replacedAt: resourceFileVersions.replacedAt, uploaderName: users.name, size: files.size, mimeType: files.mimeType })
    .from(resourceFileVersions)
    .innerJoin(files, eq(files.id, resourceFileVersions.fileId))
    .leftJoin(users, eq(users.id, resourceFileVersions.uploadedBy))
    .where(eq(resourceFileVersions.resourceId, resourceId))
    .orderBy(desc(resourceFileVersions.replacedAt), desc(resourceFileVersions.id));
}

export async function getFileVersion(db: Database, resourceId: number, versionId: number) {
  const [row] = await db
    .select({ id: resourceFileVersions.id, fileId: resourceFileVersions.fileId, fileName: resourceFileVersions.fileName, size: files.size, mimeType: files.mimeType })
    .from(resourceFileVersions)
    .innerJoin(files, eq(files.id, resourceFileVersions.fileId))
    .where(and(eq(resourceFileVersions.resourceId, resourceId), eq(resourceFileVersions.id, versionId)));
  return row ?? null;
}

/** Pickers of the forms and filters: components, lenses, cities. */
export async function resourceFormOptions(db: Database) {
  const [componentRows, lensRows, cityRows] = await Promise.all([
    db.select({ code: components.code, nameEn: components.nameEn, nameBn: components.nameBn, nameNe: components.nameNe }).from(components).orderBy(asc(components.sortOrder)),
    db.select({ code: lenses.code, nameEn: lenses.nameEn, nameBn: lenses.nameBn, nameNe: lenses.nameNe }).from(lenses).orderBy(asc(lenses.sortOrder)),
    db.select({ id: cities.id, slug: cities.slug, nameEn: cities.nameEn, nameBn: cities.nameBn, nameNe: cities.nameNe }).from(cities).orderBy(asc(cities.nameEn)),
  ]);
  return { components: componentRows, lenses: lensRows, cities: cityRows };
}
