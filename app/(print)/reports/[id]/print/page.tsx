import type { Metadata } from "next";
import { routeId } from "@/lib/validation/fields";
import { notFound } from "next/navigation";
import { PrintDocument } from "@/components/reports/PrintDocument";
import { getCurrentUser } from "@/server/authz";
import { loadReportVersion } from "@/server/loaders/reports";
import { checkPrintPass } from "@/server/reports/pdf";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ pass?: string | string[] }> };


/** The reader's own view, or the printer's with a valid pass for this version. */
async function printView({ params, searchParams }: Props) {
  const [{ id: raw }, query] = await Promise.all([params, searchParams]);
  const id = routeId(raw);
  if (id === null) return null;
  const pass = typeof query.pass === "string" ? query.pass : undefined;
  return checkPrintPass(id, pass) ? loadReportVersion(id, null, true) : loadReportVersion(id, await getCurrentUser());
}

// The title becomes the PDF's title: without it Chromium would write the address, pass and all.
export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await printView(props))?.title, robots: { index: false } };
}

/**
 * The A4 print view. A reader opens it with their session; the PDF printer (server/reports/pdf.ts)
 * opens it with a one-minute print pass for this version instead, as Chromium carries no session.
 */
export default async function ReportPrintPage(props: Props) {
  const view = await printView(props);
  if (!view) notFound();
  return <PrintDocument view={view} />;
}
