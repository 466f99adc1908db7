import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { requirePagePermission } from "@/lib/authz";
import { can } from "@/lib/permissions";
import { getI18n } from "@/lib/i18n/server";
import { getDb } from "@/db/client";
import { countCitiesByRole } from "@/db/queries/cities";
import { countSubmittedValues } from "@/db/queries/indicator-values";
import { getFramework } from "@/db/queries/framework";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("nav.dashboard") };
}

async function ProgrammeCounts() {
  const [{ t, format }, db] = await Promise.all([getI18n(), getDb()]);
  const counts = await countCitiesByRole(db);
  return (
    <Card title={t("dashboard.citiesByRole")}>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th scope="col" className="py-1">{t("cities.role")}</th>
            <th scope="col" className="py-1 text-right">{t("countries.BD")}</th>
            <th scope="col" className="py-1 text-right">{t("countries.NP")}</th>
          </tr>
        </thead>
        <tbody>
          {(["mentor", "mentee", "candidate"] as const).map((role) => (
            <tr key={role} className="border-t border-slate-100">
              <th scope="row" className="py-1 text-left font-normal">{t(`programmeRoles.${role}.plural`)}</th>
              {(["BD", "NP"] as const).map((country) => (
                <td key={country} className="py-1 text-right tabular-nums" data-testid={`dashboard-count-${role}-${country}`}>
                  {format.number(counts.find((c) => c.programmeRole === role && c.country === country)?.n ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

async function ReviewQueueSummary() {
  const [{ t, format }, db] = await Promise.all([getI18n(), getDb()]);
  const waiting = await countSubmittedValues(db);
  return (
    <Card title={t("dashboard.reviewQueue")}>
      <p className="text-3xl font-semibold tabular-nums" data-testid="review-waiting">{format.number(waiting)}</p>
      <p className="text-sm text-slate-600">{t("dashboard.valuesWaiting")}</p>
      <Link href="/review" className="mt-2 inline-block text-brand-700 underline">{t("dashboard.openReview")}</Link>
    </Card>
  );
}

async function FrameworkSummary() {
  const [{ t, format }, db] = await Promise.all([getI18n(), getDb()]);
  const framework = await getFramework(db);
  const indicatorCount = framework.components.reduce((sum, c) => sum + c.indicators.length, 0);
  return (
    <Card title={t("dashboard.framework")}>
      <p>{t("dashboard.frameworkSummary", { components: framework.components.length, indicators: indicatorCount, lenses: framework.lenses.length })}</p>
      <Link href="/framework" className="mt-2 inline-block text-brand-700 underline">{t("dashboard.viewFramework")}</Link>
    </Card>
  );
}

const skeleton = <div className="h-40 animate-pulse rounded-lg bg-slate-200" aria-busy="true" />;

export default async function DashboardPage() {
  const user = await requirePagePermission("app.view");
  const { t } = await getI18n();
  return (
    <>
      <PageHeader title={t("nav.dashboard")} description={t("dashboard.welcome", { name: user.name })} />
      <div className="grid gap-4 md:grid-cols-3">
        <Suspense fallback={skeleton}><ProgrammeCounts /></Suspense>
        <Suspense fallback={skeleton}><FrameworkSummary /></Suspense>
        {can(user.role, "values.review") ? <Suspense fallback={skeleton}><ReviewQueueSummary /></Suspense> : null}
      </div>
    </>
  );
}
