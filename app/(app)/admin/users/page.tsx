import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { Pagination, pageParams } from "@/components/ui/Pagination";
import { ActionForm } from "@/components/ui/ActionForm";
import { AdminTabs } from "../AdminTabs";
import { resendInvitationAction } from "./actions";
import { ChangeRoleForm, CreateUserForm, DisableUserForm, UnlockUserForm } from "./UserForms";
import { requirePagePermission } from "@/server/authz";
import { ROLES } from "@/lib/permissions";
import { getI18n } from "@/server/i18n";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages, type MessageKey } from "@/lib/i18n/messages";
import { loadCityOptions } from "@/server/loaders/cities";
import { loadUsersPage } from "@/server/loaders/users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("admin.users") };
}

const PAGE_SIZE = 25;

const FORM_MESSAGES = [
  "users.role", "users.city", "users.chooseCity", "users.noCity", "users.email", "users.name", "users.language", "users.inviteNote",
  "users.create", "users.created", "users.saveRole", "users.roleSaved", "users.enable", "users.disable", "users.confirmDisable",
  "users.emailTaken", "users.cannotDemoteSelf", "users.cannotDisableSelf", "admin.users.unlock", "admin.users.unlocked",
  "roles.officer", "roles.reviewer", "roles.trainer", "roles.partner", "roles.admin", "roles.approver",
  "common.saving", "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found",
  "validation.checkFields", "validation.email", "validation.tooLong", "validation.nameTooShort",
  "validation.role", "validation.city", "validation.officerNeedsCity", "validation.cityRoleNeedsCity", "validation.invalid", "mail.badAddress", "mail.headerInjection",
] as const satisfies readonly MessageKey[];

const RESEND_ERRORS = ["users.inviteNotPending", "users.inviteDisabled", "mail.badAddress", "mail.headerInjection", "errors.unexpected", "errors.forbidden", "errors.unauthenticated", "errors.not_found"] as const satisfies readonly MessageKey[];

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const admin = await requirePagePermission("users.manage");
  const page = pageParams((await searchParams).page, PAGE_SIZE);
  const [{ locale, t, format }, { rows, total }, cityRows] = await Promise.all([getI18n(), loadUsersPage(page), loadCityOptions()]);
  const cities = cityRows.map((city) => ({ id: city.id, name: localizedName(city, locale) }));
  const messages = pickMessages(t, FORM_MESSAGES);
  const resendErrors: Record<string, string> = pickMessages(t, RESEND_ERRORS);
  const now = Date.now();

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <AdminTabs current="users" t={t} />
      <Card title={t("users.newUser")} className="mb-6">
        <CreateUserForm roles={ROLES} cities={cities} messages={messages} />
      </Card>
      <h2 className="mb-2 text-lg font-semibold">{t("users.listTitle", { count: total })}</h2>
      <ul className="space-y-3" data-testid="users-list">
        {rows.map((user) => (
          <li key={user.id} className={`rounded-lg border bg-white p-4 ${user.disabled ? "border-slate-200 opacity-75" : "border-slate-200"}`} data-testid={`user-${user.email}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div>
                <p className="font-medium">
                  {user.name} {user.disabled ? <Badge tone="red">{t("users.disabled")}</Badge> : null} {user.id === admin.id ? <Badge tone="blue">{t("users.you")}</Badge> : null}{" "}
                  {user.invitationUntil ? (
                    <span data-testid="user-invited">
                      <Badge tone="amber">{t("users.invitePending")}</Badge>
                    </span>
                  ) : null}{" "}
                  {user.lockedUntil ? (
                    <span data-testid="user-locked">
                      <Badge tone="amber">{t("admin.users.locked", { time: format.dateTime(user.lockedUntil) })}</Badge>
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-600">{user.email}</p>
                <p className="text-sm text-slate-600">
                  {t(`roles.${user.role}`)}
                  {user.cityNameEn && user.cityNameBn && user.cityNameNe ? ` · ${localizedName({ nameEn: user.cityNameEn, nameBn: user.cityNameBn, nameNe: user.cityNameNe }, locale)}` : ""}
                  {" · "}
                  {t("users.since", { date: format.date(user.createdAt) })}
                </p>
                {user.invitationUntil ? (
                  <p className="text-sm text-slate-600" data-testid="user-invitation-until">
                    {user.invitationUntil.getTime() > now ? t("users.inviteValidUntil", { date: format.dateTime(user.invitationUntil) }) : t("users.inviteExpired", { date: format.dateTime(user.invitationUntil) })}
                  </p>
                ) : null}
              </div>
              <div className="flex flex-wrap items-start gap-2">
                {user.invitationUntil && !user.disabled ? (
                  <ActionForm
                    action={resendInvitationAction}
                    fields={{ userId: String(user.id) }}
                    label={t("users.resendInvite")}
                    pendingLabel={t("forgot.pending")}
                    confirmMessage={t("users.confirmResend", { name: user.name })}
                    errors={resendErrors}
                    testId={`resend-form-${user.id}`}
                  />
                ) : null}
                {user.lockedUntil ? <UnlockUserForm userId={user.id} messages={messages} /> : null}
                {user.id === admin.id ? null : <DisableUserForm userId={user.id} disabled={user.disabled} name={user.name} messages={messages} />}
              </div>
            </div>
            {user.id === admin.id ? null : (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">{t("users.changeRole")}</summary>
                <div className="mt-2">
                  <ChangeRoleForm userId={user.id} role={user.role} cityId={user.cityId} roles={ROLES} cities={cities} messages={messages} />
                </div>
              </details>
            )}
          </li>
        ))}
      </ul>
      <Pagination page={page.page} pageSize={PAGE_SIZE} total={total} basePath="/admin/users" params={{}} t={t} />
    </>
  );
}
