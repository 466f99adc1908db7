import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { loadReviewQueue } from "@/server/loaders/values";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("review.title") };
}

const PAGE_SIZE = 50;

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requirePagePermission("values.review");
  const [{ locale, t, format }, query] = await Promise.all([getI18n(), searchParams]);
  const page = pageParams(query.page, PAGE_SIZE);
  // One line per city × quarter: short even with every city waiting, so it is paged here.
  const queue = await loadReviewQueue();
  const rows = queue.slice(page.offset, page.offset + page.limit);
  const waiting = queue.reduce((sum, row) => sum + row.waiting, 0);

  return (
    <>
      <PageHeader title={t("review.title")} description={queue.length > 0 ? t("review.summary", { values: waiting, batches: queue.length }) : t("review.description")} />
      {queue.length === 0 ? (
        <EmptyState title={t("review.emptyTitle")} body={t("review.emptyBody")} />
      ) : (
        <>
          <DataTable
            testId="review-queue"
            caption={t("review.title")}
            columns={[{ label: t("review.city") }, { label: t("review.period") }, { label: t("review.waiting"), align: "right" }, { label: t("review.since") }, { label: t("review.open") }]}
          >
            {rows.map((row) => (
              <tr key={`${row.slug}-${row.period}`} className="border-t border-slate-100" data-testid={`queue-${row.slug}-${row.period}`}>
                <th scope="row" className="px-3 py-2 text-left font-medium">{localizedName(row, locale)}</th>
                <td className="px-3 py-2">{row.period}</td>
                <td className="px-3 py-2 text-right tabular-nums">{format.number(row.waiting)}</td>
                <td className="px-3 py-2">{row.since ? format.dateTime(row.since) : "—"}</td>
                <td className="px-3 py-2">
                  <Link href={`/review/${row.slug}/${row.period}`} className="text-brand-700 underline">
                    <span aria-hidden="true">{t("review.open")}</span>
                    <span className="sr-only">{t("review.openBatch", { city: localizedName(row, locale), period: row.period })}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page.page} pageSize={PAGE_SIZE} total={queue.length} basePath="/review" params={{}} t={t} />
        </>
      )}
    </>
  );
}
