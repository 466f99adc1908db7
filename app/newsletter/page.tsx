import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { FormStatus } from "@/components/ui/FieldError";
import { SubscribeForm } from "@/components/newsletter/SubscribeForm";
import { getI18n } from "@/server/i18n";
import { loadNewsletterCities } from "@/server/loaders/newsletter";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("newsletter.page.title") };
}

// The answers the subscribe action redirects here with; anything else shows no message.
const RESULTS: Record<string, { ok: boolean; key: MessageKey }> = {
  sent: { ok: true, key: "newsletter.result.sent" },
  error: { ok: false, key: "newsletter.result.error" },
  badAddress: { ok: false, key: "newsletter.result.badAddress" },
  throttled: { ok: false, key: "newsletter.result.throttled" },
  limit: { ok: false, key: "newsletter.result.limit" },
};

/** /newsletter: the form alone, and the answer to the last sign-up stated plainly above it. */
export default async function NewsletterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ locale, t }, cities, params] = await Promise.all([getI18n(), loadNewsletterCities(), searchParams]);
  const result = typeof params.result === "string" && Object.hasOwn(RESULTS, params.result) ? RESULTS[params.result] : undefined;
  return (
    <>
      <PageHeader title={t("newsletter.page.title")} />
      {result ? (
        <div className="mb-4">
          <FormStatus ok={result.ok} message={t(result.key)} testId="newsletter-result" />
        </div>
      ) : null}
      <Card title={t("newsletter.form.title")}>
        <SubscribeForm t={t} locale={locale} cities={cities} bare />
      </Card>
    </>
  );
}
