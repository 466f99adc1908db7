import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import { notFound } from "next/navigation";
import { PublicReport } from "@/components/reports/PublicReport";
import { getI18n } from "@/server/i18n";
import { loadPublicVersionId, loadReportVersion } from "@/server/loaders/reports";
import { pdfPrintingAvailable } from "@/server/pdf/print";
import { reportPdfPath } from "@/lib/reports/paths";

type Props = { params: Promise<{ id: string }> };

async function publicView(raw: string) {
  const reportId = routeId(raw);
  const versionId = reportId === null ? null : await loadPublicVersionId(reportId);
  // Final only: a public reader never reaches a draft, whatever id they try.
  return versionId === null ? null : loadReportVersion(versionId, null);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await publicView((await params).id))?.title };
}

/** A report's newest final version, for everyone. */
export default async function PublicReportPage({ params }: Props) {
  const [{ id }, { t, locale }] = await Promise.all([params, getI18n()]);
  const view = await publicView(id);
  if (!view) notFound();
  return <PublicReport view={view} t={t} locale={locale} pdfAvailable={pdfPrintingAvailable()} pdfHref={reportPdfPath(view.versionId)} />;
}
