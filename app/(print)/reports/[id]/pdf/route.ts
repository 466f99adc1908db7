import { getCurrentUser } from "@/server/authz";
import { routeId } from "@/lib/validation/fields";
import { loadReportVersion } from "@/server/loaders/reports";
import { pdfPrintingAvailable, reportPdf } from "@/server/reports/pdf";
import { reportPdfResponse } from "@/server/reports/pdf-response";

/** The PDF of a version the reader may read (a final one: anyone). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const id = routeId(raw);
  const view = id === null ? null : await loadReportVersion(id, await getCurrentUser());
  return reportPdfResponse(view, { available: pdfPrintingAvailable(), print: reportPdf });
}
