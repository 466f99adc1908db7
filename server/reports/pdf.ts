import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { reportPrintPath } from "@/lib/reports/paths";
import { pdfPrintingAvailable, printPagePdf } from "@/server/pdf/print";
import { derivedKey } from "@/server/signing-keys";

/**
 * A report's PDF is its print view printed by the system Chromium, opened at this server's own
 * address (INTERNAL_URL, never the request's Host header). Chromium carries no session: the
 * route that asked (and checked the reader) hands it a print pass, valid for one version and a
 * minute, signed with a key derived from AUTH_SECRET.
 */
const PASS_SECONDS = 60;

const mac = (versionId: number, expires: number) => createHmac("sha256", derivedKey("cwis-report-print", "report print pass v1")).update(`print|${versionId}|${expires}`).digest("base64url");

export function signPrintPass(versionId: number, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + PASS_SECONDS;
  return `${expires}.${mac(versionId, expires)}`;
}

/** Whether `pass` lets the print view of `versionId` be read without a session. */
export function checkPrintPass(versionId: number, pass: string | undefined, now = Date.now()): boolean {
  const match = pass ? /^(\d{10})\.([A-Za-z0-9_-]{43})$/.exec(pass) : null;
  if (!match?.[1] || !match[2]) return false;
  const expires = Number(match[1]);
  if (expires < Math.floor(now / 1000)) return false;
  const expected = Buffer.from(mac(versionId, expires));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export { pdfPrintingAvailable };

/** The PDF of one version (the caller checked that the reader may read it). */
export async function reportPdf(versionId: number): Promise<Buffer> {
  const base = env().internalUrl;
  return printPagePdf(`${base}${reportPrintPath(versionId)}?pass=${encodeURIComponent(signPrintPass(versionId))}`, { baseUrl: base, timeoutMs: 20_000 });
}
