import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/PageHeader";
import { FormStatus } from "@/components/ui/FieldError";
import { getI18n } from "@/server/i18n";
import { confirmFromLink } from "@/server/newsletter/confirm";
import { signedToken } from "@/lib/validation/newsletter";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("newsletter.confirm.title") };
}

const MESSAGE: Record<"confirmed" | "already" | "expired" | "invalid", MessageKey> = {
  confirmed: "newsletter.confirm.confirmed",
  already: "newsletter.confirm.already",
  expired: "newsletter.confirm.expired",
  invalid: "newsletter.confirm.invalid",
};

/**
 * The link of the confirmation mail. Opening it confirms (the mail's only purpose); opening it
 * again says so and changes nothing. A link that does not hold changes nothing either.
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ t }, params] = await Promise.all([getI18n(), searchParams]);
  const token = signedToken.safeParse(params.s);
  const result = await confirmFromLink(token.success ? token.data : undefined);
  const ok = result.outcome === "confirmed" || result.outcome === "already";
  return (
    <>
      <PageHeader title={t("newsletter.confirm.title")} />
      <FormStatus ok={ok} message={t(MESSAGE[result.outcome])} testId="newsletter-confirm" />
      <p className="mt-4">
        {"manageToken" in result ? (
          <Link href={`/newsletter/manage?s=${encodeURIComponent(result.manageToken)}`} className="text-brand-700 underline" data-testid="newsletter-manage-link">{t("newsletter.confirm.manage")}</Link>
        ) : (
          <Link href="/newsletter" className="text-brand-700 underline">{t("newsletter.confirm.subscribe")}</Link>
        )}
      </p>
    </>
  );
}
