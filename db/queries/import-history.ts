import { count, desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { cities, users, valueImports } from "../schema";
import type { CsvDelimiter } from "@/lib/csv";

/** One import or check of one city's rows (a file naming three cities gives three records). */
export interface ImportRecordInput {
  cityId: number;
  userId: number | null;
  fileName: string;
  checkOnly: boolean;
  rowsSaved: number;
  rowsUnchanged: number;
  rowsRefused: number;
  rowsConflicts: number;
  delimiter: CsvDelimiter;
  decimalComma: boolean;
}

/**
 * Writes the history records of one import. Called after the import's own transaction, committed
 * or rolled back: a refused import and a check are recorded too, a record is never the reason an
 * import fails.
 */
export async function insertImportRecords(db: Database, records: readonly ImportRecordInput[]): Promise<void> {
  if (records.length === 0) return;
  await db.insert(valueImports).values(records.map((r) => ({ ...r })));
}

export interface ImportRecord {
  id: number;
  citySlug: string;
  cityNameEn: string;
  cityNameBn: string;
  cityNameNe: string;
  userName: string | null;
  fileName: string;
  checkOnly: boolean;
  rowsSaved: number;
  rowsUnchanged: number;
  rowsRefused: number;
  rowsConflicts: number;
  delimiter: string;
  decimalComma: boolean;
  importedAt: Date;
}

/**
 * Recent imports, newest first: of one city, or of every city (`cityId` undefined), one page at a
 * time. The total is counted for the pager.
 */
export async function listImportRecords(db: Database, filter: { cityId?: number; limit: number; offset: number }): Promise<{ rows: ImportRecord[]; total: number }> {
  const where = filter.cityId !== undefined ? eq(valueImports.cityId, filter.cityId) : undefined;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: valueImports.id,
        citySlug: cities.slug,
        cityNameEn: cities.nameEn,
        cityNameBn: cities.nameBn,
        cityNameNe: cities.nameNe,
        userName: users.name,
        fileName: valueImports.fileName,
        checkOnly: valueImports.checkOnly,
        rowsSaved: valueImports.rowsSaved,
        rowsUnchanged: valueImports.rowsUnchanged,
        rowsRefused: valueImports.rowsRefused,
        rowsConflicts: valueImports.rowsConflicts,
        delimiter: valueImports.delimiter,
        decimalComma: valueImports.decimalComma,
        importedAt: valueImports.importedAt,
      })
      .from(valueImports)
      .innerJoin(cities, eq(cities.id, valueImports.cityId))
      .leftJoin(users, eq(users.id, valueImports.userId))
      .where(where)
      .orderBy(desc(valueImports.importedAt), desc(valueImports.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(valueImports).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}
