import Link from "next/link";
import { getI18n } from "@/server/i18n";

export default async function Forbidden() {
  const { t } = await getI18n();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">{t("errors.forbiddenTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("errors.forbiddenBody")}</p>
      <Link href="/dashboard" className="mt-4 inline-block text-brand-700 underline">{t("errors.backDashboard")}</Link>
    </main>
  );
}
