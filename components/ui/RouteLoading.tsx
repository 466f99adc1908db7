import { getI18n } from "@/server/i18n";
import { PageSkeleton, type SkeletonKind } from "./Skeleton";

/** What a route's loading.tsx renders: the page-shaped skeleton with "Loading…" in the reader's language. */
export async function RouteLoading({ kind }: { kind: SkeletonKind }) {
  const { t } = await getI18n();
  return <PageSkeleton label={t("common.loading")} kind={kind} />;
}
