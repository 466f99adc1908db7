import { parseDatabaseUrl } from "@/lib/env";

/**
 * The same server and credentials as `url`, another database. Socket URLs
 * (`postgres://user@/db?host=/var/run/postgresql`, `postgres://user@%2Fvar%2Frun%2Fpostgresql/db`)
 * keep their socket: only the path's database name changes.
 */
export function databaseUrlFor(url: string, database: string): string {
  parseDatabaseUrl(url);
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?#]*)\/[^?#]*/, `$1/${encodeURIComponent(database)}`);
}
