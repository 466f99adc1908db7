import { getCurrentUser } from "@/server/authz";
import { loadReportVersion } from "@/server/loaders/reports";
import { pdfPrintingAvailable, reportPdf } from "@/server/reports/pdf";
import { reportPdfResponse } from "@/server/reports/pdf-response";

/** The PDF of a version the reader may read (a final one: anyone). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
  const view = id === null ? null : await loadReportVersion(id, await getCurrentUser());
  return reportPdfResponse(view, { available: pdfPrintingAvailable(), print: reportPdf });
}
