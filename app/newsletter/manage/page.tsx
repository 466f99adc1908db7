import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { FormStatus } from "@/components/ui/FieldError";
import { SubmitButton } from "@/components/ui/SubmitButton";
import { ChoiceFields } from "@/components/newsletter/ChoiceFields";
import { getI18n } from "@/server/i18n";
import { loadNewsletterCities, loadSubscriptionForLink } from "@/server/loaders/newsletter";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/config";
import type { MessageKey } from "@/lib/i18n/messages";
import { saveChoicesAction, unsubscribeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("newsletter.manage.title") };
}

const DONE: Record<string, { ok: boolean; key: MessageKey }> = {
  saved: { ok: true, key: "newsletter.manage.saved" },
  unsubscribed: { ok: true, key: "newsletter.manage.unsubscribed" },
  invalid: { ok: false, key: "newsletter.link.invalid" },
  error: { ok: false, key: "newsletter.result.error" },
};

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * A subscription managed without an account: the signed link in every newsletter mail proves it.
 * Language, countries, cities and topics, or unsubscribe. `leave=1` (where a GET of the
 * one-click unsubscribe link leads) puts the unsubscribe question first.
 */
export default async function ManagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = one(params.s);
  const [{ locale, t }, subscription, cities] = await Promise.all([getI18n(), loadSubscriptionForLink("manage", token), loadNewsletterCities()]);
  const done = one(params.done);
  const status = done && Object.hasOwn(DONE, done) ? DONE[done] : undefined;
  const digestId = Number(one(params.d));

  if (!subscription || !token) {
    return (
      <>
        <PageHeader title={t("newsletter.manage.title")} />
        <FormStatus ok={false} message={t("newsletter.link.invalid")} testId="newsletter-manage-invalid" />
        <p className="mt-4"><Link href="/newsletter" className="text-brand-700 underline">{t("newsletter.confirm.subscribe")}</Link></p>
      </>
    );
  }
  const unsubscribeForm = (
    <form action={unsubscribeAction} data-testid="newsletter-unsubscribe-form">
      <input type="hidden" name="s" value={token} />
      {Number.isSafeInteger(digestId) && digestId > 0 ? <input type="hidden" name="d" value={String(digestId)} /> : null}
      <SubmitButton variant="danger" pendingLabel={t("newsletter.manage.unsubscribing")}>{t("newsletter.manage.unsubscribe")}</SubmitButton>
    </form>
  );
  const leaving = params.leave === "1" && subscription.status !== "unsubscribed" && !status;

  return (
    <>
      <PageHeader title={t("newsletter.manage.title")} description={t("newsletter.manage.address", { email: subscription.email })} />
      {status ? (
        <div className="mb-4">
          <FormStatus ok={status.ok} message={t(status.key)} testId="newsletter-manage-status" />
        </div>
      ) : null}
      {leaving ? (
        <Card title={t("newsletter.manage.leaveTitle")} className="mb-4">
          <p className="mb-3">{t("newsletter.manage.leaveQuestion")}</p>
          {unsubscribeForm}
        </Card>
      ) : null}
      <p className="mb-4 rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="newsletter-manage-state" data-status={subscription.status}>
        {t(`newsletter.manage.status.${subscription.status}`)}
        {subscription.status === "unsubscribed" ? (
          <>
            {" "}
            <Link href="/newsletter" className="text-brand-700 underline">{t("newsletter.manage.resubscribe")}</Link>
          </>
        ) : null}
      </p>
      <Card>
        <form action={saveChoicesAction} className="space-y-4" data-testid="newsletter-manage-form">
          <input type="hidden" name="s" value={token} />
          <ChoiceFields
            t={t}
            locale={locale}
            cities={cities}
            idPrefix="manage"
            value={{ locale: isLocale(subscription.locale) ? subscription.locale : DEFAULT_LOCALE, countries: subscription.countries, cityIds: subscription.cityIds, topics: subscription.topics }}
          />
          <SubmitButton pendingLabel={t("common.saving")}>{t("newsletter.manage.save")}</SubmitButton>
        </form>
      </Card>
      {subscription.status !== "unsubscribed" && !leaving ? (
        <Card title={t("newsletter.manage.leaveTitle")} className="mt-4">
          {unsubscribeForm}
        </Card>
      ) : null}
    </>
  );
}
