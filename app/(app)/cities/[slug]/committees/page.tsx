import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { CommitteeForm } from "@/components/committees/CommitteeForm";
import { focusLabel } from "@/components/committees/focus";
import { COMMITTEE_FORM_MESSAGES } from "@/components/committees/messages";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCity } from "@/server/loaders/cities";
import { loadCommitteesOfCity } from "@/server/loaders/committees";
import { loadFramework } from "@/server/loaders/framework";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages } from "@/lib/i18n/messages";
import { createCommitteeAction } from "./actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug }, { t, locale }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  return { title: city ? `${t("committees.title")} · ${localizedName(city, locale)}` : t("committees.title") };
}

/** A city's committees: focus, current members, the women's share and the last meeting; writers start new ones here. */
export default async function CommitteesPage({ params }: Props) {
  const actor = await requirePagePermission("committees.read");
  const [{ slug }, { t, locale, format }] = await Promise.all([params, getI18n()]);
  const city = await loadCity(slug);
  if (!city) notFound();
  const [{ rows, canWrite }, framework] = await Promise.all([loadCommitteesOfCity({ id: city.id, slug: city.slug, country: city.country }, actor), loadFramework()]);
  const cityName = localizedName(city, locale);
  const components = framework.components.map((c) => ({ id: c.id, name: localizedName(c, locale) }));
  const percent = (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 0 });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/cities/${city.slug}`} className="inline-flex min-h-11 items-center text-brand-700 underline">{t("committees.backToCity", { city: cityName })}</Link>
      </p>
      <PageHeader title={t("committees.title")} description={t("committees.description", { city: cityName })} />
      {rows.length === 0 ? (
        <EmptyState title={t("committees.empty")} body={canWrite ? t("committees.emptyHintWriter") : t("committees.emptyHint")} />
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600">{t("committees.count", { count: rows.length })}</p>
          <DataTable
            testId="committees-table"
            caption={t("committees.title")}
            stacked
            columns={[{ label: t("committees.col.name") }, { label: t("committees.col.focus") }, { label: t("committees.col.members"), align: "right" }, { label: t("committees.col.women"), align: "right" }, { label: t("committees.col.lastMeeting") }]}
          >
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="committee-row">
                <td className="px-3 py-2">
                  <Link href={`/cities/${city.slug}/committees/${row.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline sm:min-h-0">{row.name}</Link>
                </td>
                <td className="px-3 py-2"><CellLabel>{t("committees.col.focus")}</CellLabel>{focusLabel(row.component, row.theme, locale)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right"><CellLabel>{t("committees.col.members")}</CellLabel>{row.members === 0 ? <span className="text-slate-500">{t("committees.noMembers")}</span> : format.number(row.members)}</td>
                <td className="px-3 py-2 tabular-nums sm:text-right" data-testid="committee-women"><CellLabel>{t("committees.col.women")}</CellLabel>{row.members === 0 ? "—" : t("committees.womenShareValue", { share: percent(row.women / row.members), count: row.women })}</td>
                <td className="whitespace-nowrap px-3 py-2"><CellLabel>{t("committees.col.lastMeeting")}</CellLabel>{row.lastMeeting ? format.date(row.lastMeeting) : <span className="text-slate-500">{t("committees.noMeeting")}</span>}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {canWrite ? (
        <Card title={t("committees.new")} className="mt-6">
          <CommitteeForm action={createCommitteeAction} hidden={{ city: city.slug }} initial={{ name: "", component: "", theme: "" }} components={components} submitLabel={t("committees.create")} messages={pickMessages(t, COMMITTEE_FORM_MESSAGES)} locale={locale} testId="committee-form" />
        </Card>
      ) : null}
    </>
  );
}
