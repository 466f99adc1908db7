import "server-only";
import { getI18n } from "@/server/i18n";
import type { ReportView } from "@/server/loaders/reports";

const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The file name: the title in ASCII where it can be, and the full title for clients that read RFC 5987. */
function disposition(view: ReportView): string {
  const base = `${view.title}-v${view.number}`;
  const ascii = base.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || `report-${view.reportId}-v${view.number}`;
  return `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(base)}.pdf`;
}

/**
 * Answers a PDF request: 404 for a version the reader may not read, 503 with a clear message
 * where no Chromium exists (the page offers the print view instead), else the PDF.
 */
export async function reportPdfResponse(view: ReportView | null, deps: { available: boolean; print: (versionId: number) => Promise<Buffer> }): Promise<Response> {
  const { t } = await getI18n();
  if (!view) return text(404, t("errors.not_found"));
  if (!deps.available) return text(503, t("reports.pdfUnavailable"));
  try {
    const pdf = await deps.print(view.versionId);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": disposition(view),
        // A final version never changes; a draft's PDF is as of now.
        "Cache-Control": view.status === "final" ? "private, max-age=3600" : "no-store",
      },
    });
  } catch (error) {
    console.error("[reports] PDF printing failed", error);
    return text(502, t("reports.pdfFailed"));
  }
}
