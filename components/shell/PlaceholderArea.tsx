import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";

type Area = "events" | "resources" | "questionnaires";

export async function placeholderMetadata(area: Area): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t(`nav.${area}`) };
}

/** An area whose records are not stored yet: the page says so rather than pretending. */
export async function PlaceholderArea({ area }: { area: Area }) {
  await requirePagePermission("app.view");
  const { t } = await getI18n();
  return (
    <>
      <PageHeader title={t(`nav.${area}`)} description={t(`${area}.description`)} />
      <EmptyState title={t(`${area}.empty`)} body={t(`${area}.emptyHint`)} />
    </>
  );
}
