import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { EmptyState } from "@/components/ui/EmptyState";
import { CreateTokenForm, RevokeTokenForm, SignOutEverywhereForm } from "./TokenForms";
import { TimeZoneForm } from "./TimeZoneForm";
import { DeliveryForm } from "./DeliveryForm";
import { loadDeliveryChoices } from "@/server/loaders/mail";
import { DEFAULT_DELIVERY_BY_KIND, NOTICE_KIND_LABEL, NOTICE_KINDS_BY_ROLE } from "@/lib/mail/kinds";
import { requirePagePermission } from "@/server/authz";
import { getI18n, timeZoneSetting } from "@/server/i18n";
import { TIME_ZONES } from "@/lib/domain";
import { timeZoneNameKey } from "@/lib/time";
import { LOCALE_NAMES, isLocale, localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { loadCityRef } from "@/server/loaders/cities";
import { loadProfile } from "@/server/loaders/users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("profile.title") };
}

const FORM_MESSAGES = [
  "tokens.name", "tokens.nameHint", "tokens.create", "tokens.created", "tokens.newToken", "tokens.copyHint", "tokens.copy", "tokens.copied",
  "tokens.revoke", "tokens.confirmRevoke", "tokens.tooMany",
  "tokens.scope", "tokens.scopeRead", "tokens.scopeWrite", "tokens.expiry", "tokens.expiry30", "tokens.expiry90", "tokens.expiry365", "tokens.expiryNever",
  "profile.signOutEverywhere", "profile.confirmSignOutEverywhere",
  "common.saving", "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found",
  "validation.checkFields", "validation.required", "validation.tooLong", "validation.invalid",
  "profile.timeZone", "profile.timeZoneHint", "profile.timeZoneSave", "profile.timeZoneSaved", "validation.events.timeZone",
  "profile.deliveryKind", "profile.delivery.immediate", "profile.delivery.daily", "profile.delivery.off", "profile.deliverySave", "profile.deliverySaved",
] as const satisfies readonly MessageKey[];

export default async function ProfilePage() {
  const user = await requirePagePermission("tokens.manage");
  const [{ locale, t, format }, city, { tokens, sessions }, zone, deliveries] = await Promise.all([getI18n(), user.cityId === null ? null : loadCityRef(user.cityId), loadProfile(user.id), timeZoneSetting(), loadDeliveryChoices(user.id)]);
  const deliveryKinds = NOTICE_KINDS_BY_ROLE[user.role].map((kind) => ({ kind, label: t(NOTICE_KIND_LABEL[kind]), delivery: deliveries.get(kind) ?? DEFAULT_DELIVERY_BY_KIND[kind] }));
  const zoneChoices = [{ value: "auto", label: t("profile.timeZoneAuto", { zone: t(timeZoneNameKey(zone.automatic)) }) }, ...TIME_ZONES.map((tz) => ({ value: tz, label: t(timeZoneNameKey(tz)) }))];
  const now = Date.now();
  const messages = pickMessages(t, FORM_MESSAGES);

  const facts: [string, string, string][] = [
    ["name", t("profile.name"), user.name],
    ["email", t("profile.email"), user.email],
    ["role", t("profile.role"), t(`roles.${user.role}`)],
    ["city", t("profile.city"), city ? localizedName(city, locale) : t("profile.noCity")],
    ["language", t("profile.language"), isLocale(user.locale) ? LOCALE_NAMES[user.locale] : user.locale],
  ];

  return (
    <>
      <PageHeader title={t("profile.title")} />
      <Card title={t("profile.account")} className="mb-6">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="profile-facts">
          {facts.map(([id, label, value]) => (
            <div key={id} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="break-all" data-testid={`profile-${id}`}>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t("profile.timeZone")} className="mb-6">
        <TimeZoneForm current={zone.chosen ?? "auto"} choices={zoneChoices} messages={messages} />
      </Card>
      <section id="notifications" className="mb-6 scroll-mt-4">
        <Card title={t("profile.deliveryTitle")}>
          <p className="mb-3 text-sm text-slate-700">{t("profile.deliveryIntro")}</p>
          <DeliveryForm kinds={deliveryKinds} messages={messages} />
        </Card>
      </section>
      <Card title={t("profile.sessions")} className="mb-6">
        <p className="mb-1 text-sm text-slate-700" data-testid="profile-sessions">{t("profile.sessionsCount", { count: sessions })}</p>
        <p className="mb-4 text-sm text-slate-700">{t("profile.sessionsHint")}</p>
        <SignOutEverywhereForm messages={messages} />
      </Card>
      <Card title={t("tokens.title")} className="mb-6">
        <p className="mb-1 text-sm text-slate-700">{t("tokens.intro")}</p>
        <p className="mb-4 text-sm text-slate-700">
          <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">Authorization: Bearer cwis_…</code>{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">{t("tokens.docs")}</a>
        </p>
        <CreateTokenForm messages={messages} />
      </Card>
      <h2 className="mb-2 text-lg font-semibold">{t("tokens.listTitle")}</h2>
      {tokens.length === 0 ? (
        <EmptyState title={t("tokens.empty")} />
      ) : (
        <ul className="space-y-3" data-testid="tokens-list">
          {tokens.map((token) => (
            <li key={token.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`token-${token.id}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium break-words">
                    <span data-testid="token-name">{token.name}</span>{" "}
                    {token.revokedAt ? (
                      <Badge tone="red">{t("tokens.revokedOn", { date: format.date(token.revokedAt) })}</Badge>
                    ) : token.expiresAt && token.expiresAt.getTime() <= now ? (
                      <Badge tone="red">{t("tokens.expiredOn", { date: format.date(token.expiresAt) })}</Badge>
                    ) : (
                      <Badge tone="brand">{t("tokens.active")}</Badge>
                    )}{" "}
                    <Badge tone={token.scope === "write" ? "blue" : "neutral"}>
                      <span data-testid="token-scope">{t(token.scope === "write" ? "tokens.scopeWrite" : "tokens.scopeRead")}</span>
                    </Badge>
                  </p>
                  <p className="text-sm text-slate-600">
                    <code className="text-xs" aria-label={t("tokens.prefix")}>{token.prefix}…</code>
                    {" · "}
                    {t("tokens.createdOn", { date: format.date(token.createdAt) })}
                    {" · "}
                    {token.lastUsedAt ? t("tokens.lastUsed", { date: format.dateTime(token.lastUsedAt) }) : t("tokens.neverUsed")}
                    {" · "}
                    <span data-testid="token-expiry">{token.expiresAt ? t("tokens.expiresOn", { date: format.date(token.expiresAt) }) : t("tokens.neverExpires")}</span>
                  </p>
                </div>
                {token.revokedAt ? null : <RevokeTokenForm tokenId={token.id} name={token.name} messages={messages} />}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
