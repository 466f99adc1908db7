import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Badge } from "@/components/ui/Badge";
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

// A stacked cell's column name, drawn by CSS so the cell's own text stays just its value.
const LABELLED = "max-sm:before:block max-sm:before:text-xs max-sm:before:font-medium max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]";

export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePagePermission("values.review");
  const [{ locale, t, format }, query] = await Promise.all([getI18n(), searchParams]);
  const page = pageParams(query.page, PAGE_SIZE);
  // One line per city × quarter: short even with every city waiting, so it is paged here.
  const queue = await loadReviewQueue(actor.id);
  const rows = queue.slice(page.offset, page.offset + page.limit);
  const waiting = queue.reduce((sum, row) => sum + row.waiting, 0);

  return (
    <>
      <PageHeader
        title={t("review.title")}
        description={queue.length > 0 ? t("review.summary", { values: waiting, batches: queue.length }) : t("review.description")}
        actions={
          <Link href="/review/outliers" className="inline-flex min-h-11 items-center text-brand-700 underline" data-testid="outliers-link">
            {t("outliers.title")}
          </Link>
        }
      />
      {queue.length === 0 ? (
        <EmptyState title={t("review.emptyTitle")} body={t("review.emptyBody")} />
      ) : (
        <>
          {/* Stacked on phones: each line a card, its cells named by their column (data-label). */}
          <DataTable
            stacked
            testId="review-queue"
            caption={t("review.title")}
            columns={[{ label: t("review.city") }, { label: t("review.period") }, { label: t("review.waiting"), align: "right" }, { label: t("review.since") }, { label: t("review.open") }]}
          >
            {rows.map((row) => (
              <tr key={`${row.slug}-${row.period}`} className="border-t border-slate-100" data-testid={`queue-${row.slug}-${row.period}`}>
                <th scope="row" className="px-3 py-2 text-left font-medium max-sm:block max-sm:basis-full">
                  {localizedName(row, locale)}
                  {row.flagged > 0 || row.own > 0 ? (
                    <span className="mt-1 flex flex-wrap gap-1 font-normal">
                      {row.flagged > 0 ? (
                        <span data-testid={`queue-flagged-${row.slug}-${row.period}`}>
                          <Badge tone="amber">{t("review.flaggedCount", { count: row.flagged })}</Badge>
                        </span>
                      ) : null}
                      {row.own > 0 ? (
                        <span data-testid={`queue-own-${row.slug}-${row.period}`}>
                          <Badge tone="blue">{t("review.ownCount", { count: row.own })}</Badge>
                        </span>
                      ) : null}
                    </span>
                  ) : null}
                </th>
                <td className={`px-3 py-2 ${LABELLED}`} data-label={t("review.period")}>{row.period}</td>
                <td className={`px-3 py-2 text-right tabular-nums max-sm:text-left ${LABELLED}`} data-label={t("review.waiting")}>{format.number(row.waiting)}</td>
                <td className={`px-3 py-2 ${LABELLED}`} data-label={t("review.since")}>{row.since ? format.dateTime(row.since) : "—"}</td>
                <td className="px-3 py-2 max-sm:basis-full">
                  <Link href={`/review/${row.slug}/${row.period}`} className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-brand-600 px-4 font-medium text-brand-700 hover:bg-brand-50">
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
