import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import { notFound } from "next/navigation";
import { PublicReport } from "@/components/reports/PublicReport";
import { getI18n } from "@/server/i18n";
import { loadPublicVersionId, loadReportVersion } from "@/server/loaders/reports";
import { pdfPrintingAvailable } from "@/server/pdf/print";
import { reportPdfPath } from "@/lib/reports/paths";

type Props = { params: Promise<{ id: string; n: string }> };

async function publicView(rawId: string, rawNumber: string) {
  const ok = routeId;
  const reportId = ok(rawId);
  const number = ok(rawNumber);
  const versionId = reportId === null || number === null ? null : await loadPublicVersionId(reportId, number);
  return versionId === null ? null : loadReportVersion(versionId, null);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id, n } = await params;
  return { title: (await publicView(id, n))?.title };
}

/** One final version of a report (an older one stays readable, marked superseded). */
export default async function PublicReportVersionPage({ params }: Props) {
  const [{ id, n }, { t, locale }] = await Promise.all([params, getI18n()]);
  const view = await publicView(id, n);
  if (!view) notFound();
  return <PublicReport view={view} t={t} locale={locale} pdfAvailable={pdfPrintingAvailable()} pdfHref={reportPdfPath(view.versionId)} />;
}
