import Link from "next/link";
import { getI18n } from "@/server/i18n";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t("errors.notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("errors.notFoundBody")}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">{t("errors.backHome")}</Link>
    </main>
  );
}
