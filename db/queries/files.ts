import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Database } from "../client";
import { files, resourceFileVersions, resources } from "../schema";

export interface FileToStore {
  bytes: Buffer;
  sha256: string;
  mimeType: string;
  size: number;
}

/**
 * Stores bytes once per content: the same file uploaded again (by anyone, for any resource) reuses
 * the row that holds it. Call inside the transaction that links the file to its resource.
 */
export async function storeFile(tx: Database, file: FileToStore): Promise<{ id: number; created: boolean }> {
  const [inserted] = await tx
    .insert(files)
    .values({ sha256: file.sha256, mimeType: file.mimeType, size: file.size, bytes: file.bytes })
    .onConflictDoNothing({ target: files.sha256 })
    .returning({ id: files.id });
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await tx.select({ id: files.id }).from(files).where(eq(files.sha256, file.sha256));
  if (!existing) throw new Error("file vanished between insert and select");
  return { id: existing.id, created: false };
}

/** `length` bytes of a file from `offset` (0-based): downloads stream a file in slices. */
export async function readFileSlice(db: Database, id: number, offset: number, length: number): Promise<Uint8Array> {
  const [row] = await db
    .select({ slice: sql<Uint8Array>`substring(${files.bytes} from ${offset + 1} for ${length})`.mapWith((value: Uint8Array | Buffer) => (value instanceof Uint8Array ? value : Buffer.from(value))) })
    .from(files)
    .where(eq(files.id, id));
  if (!row) throw new Error(`file ${id} not found`);
  return row.slice;
}

/** Deletes those of `ids` that no resource and no kept version refers to any more. */
export async function deleteUnreferencedFiles(tx: Database, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await tx
    .delete(files)
    .where(
      and(
        inArray(files.id, ids),
        notExists(tx.select({ one: sql`1` }).from(resources).where(eq(resources.fileId, files.id))),
        notExists(tx.select({ one: sql`1` }).from(resourceFileVersions).where(eq(resourceFileVersions.fileId, files.id))),
      ),
    )
    .returning({ id: files.id });
  return deleted.length;
}
