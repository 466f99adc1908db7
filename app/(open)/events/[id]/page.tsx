import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { CellLabel, DataTable } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { EventStatusBadge, EventTypeBadge } from "@/components/events/EventBadges";
import { ActionForm } from "@/components/ui/ActionForm";
import { RegistrationForm } from "@/components/events/RegistrationForm";
import { AttendanceForm } from "@/components/events/AttendanceForm";
import { OutcomesForm } from "@/components/events/OutcomesForm";
import { MaterialForm } from "@/components/events/MaterialForm";
import { REGISTRATION_MESSAGES, SMALL_FORM_MESSAGES, genderChoices, roleChoices, smallFormMessages, timeZoneLabel } from "@/components/events/form-data";
import { getCurrentUser, type CurrentUser } from "@/server/authz";
import { can } from "@/lib/permissions";
import { canEditEvent, canRegisterLate, canSeeParticipantContact, canWithdrawRegistration, registrationScope } from "@/lib/policies/events";
import { getI18n } from "@/server/i18n";
import { INTL_LOCALE, localizedName, type Locale } from "@/lib/i18n/config";
import { pickMessages, type Translate } from "@/lib/i18n/messages";
import { eventTimeFormat } from "@/lib/events/time";
import type { EventDetail } from "@/db/queries/events";
import { registrationClosesAt, type RegistrationRow } from "@/db/queries/registrations";
import { loadEvent, loadMaterials, loadRegistrations, loadResourceOptions } from "@/server/loaders/events";
import { loadCityOptions, loadCityRef } from "@/server/loaders/cities";
import { addMaterialAction, attendanceAction, outcomesAction, registerAction, removeMaterialAction, setEventStatusAction, withdrawAction } from "../actions";
import { parseEventId } from "../params";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { t } = await getI18n();
  const id = parseEventId((await params).id);
  const detail = id === null ? null : await loadEvent(id);
  return { title: detail?.event.title ?? t("nav.events") };
}

/**
 * One event. Everyone (signed out too) sees the details, seat counts, outcomes and materials;
 * registrations only trainers, admins and officers (their own city's); contact details only the
 * event's trainers, admins and the participant's own city officer.
 */
export default async function EventPage({ params }: Params) {
  const user = await getCurrentUser();
  const id = parseEventId((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, detail] = await Promise.all([getI18n(), loadEvent(id)]);
  if (!detail) notFound();
  const { event } = detail;
  const trainerIds = detail.trainers.map((tr) => tr.id);
  const editable = canEditEvent(user, trainerIds);
  const now = new Date();
  const started = event.startsAt.getTime() <= now.getTime();
  const time = eventTimeFormat(INTL_LOCALE[locale], event.timeZone);
  const errors = smallFormMessages(t);
  const statusAction = setEventStatusAction.bind(null, id);

  return (
    <>
      <PageHeader
        title={event.title}
        actions={
          <>
            {editable ? <Link href={`/events/${id}/edit`} className="inline-flex min-h-10 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">{t("events.edit")}</Link> : null}
            <a href={`/api/v1/events/${id}/ics`} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800" data-testid="event-ics">{t("events.addToCalendar")}</a>
            {user ? <Link href={`/events/stats?event=${id}`} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800">{t("events.stats.title")}</Link> : null}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <EventTypeBadge type={event.type} t={t} />
        <EventStatusBadge status={event.status} t={t} />
      </div>
      {event.status === "cancelled" ? (
        <p role="status" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" data-testid="cancelled-notice">{t("events.cancelledNotice")}</p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("events.details")} className="lg:col-span-2">
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-slate-600">{t("events.when")}</dt>
            <dd data-testid="event-when">
              {time.range(event.startsAt, event.endsAt)}
              <span className="block text-xs text-slate-500">{timeZoneLabel(t, event.timeZone)}</span>
            </dd>
            <dt className="font-medium text-slate-600">{t("events.form.hostCity")}</dt>
            <dd><CityLink city={detail.host} locale={locale} signedIn={user !== null} /></dd>
            {detail.pair ? (
              <>
                <dt className="font-medium text-slate-600">{t("events.form.pair")}</dt>
                <dd>
                  <CityLink city={detail.pair.mentor} locale={locale} signedIn={user !== null} /> → <CityLink city={detail.pair.mentee} locale={locale} signedIn={user !== null} />
                </dd>
              </>
            ) : null}
            {event.venue ? (
              <>
                <dt className="font-medium text-slate-600">{t("events.form.venue")}</dt>
                <dd>{event.venue}</dd>
              </>
            ) : null}
            {event.onlineUrl ? (
              <>
                <dt className="font-medium text-slate-600">{t("events.online")}</dt>
                {/* Meeting links only for signed-in users, so a public page does not invite strangers in. */}
                <dd>{user ? <a href={event.onlineUrl} className="break-all text-brand-700 underline" rel="noreferrer">{event.onlineUrl}</a> : t("events.onlineSignIn")}</dd>
              </>
            ) : null}
            <dt className="font-medium text-slate-600">{t("events.form.components")}</dt>
            <dd>{detail.components.length ? detail.components.map((c) => localizedName(c, locale)).join(" · ") : "—"}</dd>
            <dt className="font-medium text-slate-600">{t("events.form.trainers")}</dt>
            <dd>{detail.trainers.map((tr) => tr.name).join(", ")}</dd>
            <dt className="font-medium text-slate-600">{t("events.seats")}</dt>
            <dd data-testid="event-seats">
              {t("events.seatsTaken", { registered: detail.counts.registered, capacity: event.capacity })}
              {detail.counts.waitlisted ? <span className="ml-2"><Badge tone="amber">{t("events.waitlistCount", { count: detail.counts.waitlisted })}</Badge></span> : null}
              {started && detail.counts.attended ? <span className="block text-xs text-slate-500">{t("events.attendedCount", { count: detail.counts.attended })}</span> : null}
            </dd>
            <dt className="font-medium text-slate-600">{t("events.form.deadline")}</dt>
            <dd>{event.registrationDeadline ? `${time.date(event.registrationDeadline)}, ${time.time(event.registrationDeadline)}` : t("events.noDeadline")}</dd>
          </dl>
          {event.description ? <p className="mt-4 whitespace-pre-line text-sm text-slate-800">{event.description}</p> : null}
        </Card>

        <div className="space-y-4">
          {editable ? (
            <Card title={t("events.manage")}>
              <div className="flex flex-wrap gap-2">
                {event.status === "scheduled" && started ? (
                  <ActionForm action={statusAction} fields={{ status: "completed" }} label={t("events.complete")} pendingLabel={t("common.saving")} errors={errors} testId="complete-event" />
                ) : null}
                {event.status === "scheduled" ? (
                  <ActionForm action={statusAction} fields={{ status: "cancelled" }} label={t("events.cancel")} pendingLabel={t("common.saving")} variant="danger" confirmMessage={t("events.cancelConfirm")} errors={errors} testId="cancel-event" />
                ) : (
                  <ActionForm action={statusAction} fields={{ status: "scheduled" }} label={t("events.reopen")} pendingLabel={t("common.saving")} confirmMessage={t("events.reopenConfirm")} errors={errors} testId="reopen-event" />
                )}
              </div>
            </Card>
          ) : null}
          {editable ? (
            <Card title={t("events.roster.export")}>
              <ul className="space-y-2 text-sm" data-testid="roster-links">
                <li><a className="text-brand-700 underline" href={`/api/v1/events/${id}/registrations?format=csv`}>{t("events.roster.csv")}</a></li>
                <li><a className="text-brand-700 underline" href={`/api/v1/events/${id}/registrations?format=xlsx`}>{t("events.roster.xlsx")}</a></li>
                <li><Link className="text-brand-700 underline" href={`/events/${id}/attendance`}>{t("events.roster.sheet")}</Link></li>
              </ul>
            </Card>
          ) : null}
          <Card title={t("events.outcomes.title")}>
            {event.outcomes ? <p className="whitespace-pre-line text-sm" data-testid="event-outcomes">{event.outcomes}</p> : <p className="text-sm text-slate-500">{t("events.outcomes.none")}</p>}
            {editable ? (
              <div className="mt-3">
                <OutcomesForm action={outcomesAction.bind(null, id)} initial={event.outcomes} messages={pickMessages(t, SMALL_FORM_MESSAGES)} />
              </div>
            ) : null}
          </Card>
          <Materials eventId={id} editable={editable} t={t} errors={errors} />
        </div>
      </div>

      {user ? <Registrations detail={detail} user={user} t={t} locale={locale} now={now} errors={errors} /> : null}
    </>
  );
}

function CityLink({ city, locale, signedIn }: { city: { slug: string; nameEn: string; nameBn: string; nameNe: string }; locale: Locale; signedIn: boolean }) {
  return (
    <Link href={signedIn ? `/cities/${city.slug}` : `/explore/${city.slug}`} className="text-brand-700 underline-offset-2 hover:underline">
      {localizedName(city, locale)}
    </Link>
  );
}

async function Materials({ eventId, editable, t, errors }: { eventId: number; editable: boolean; t: Translate; errors: Record<string, string> }) {
  const [materials, resources] = await Promise.all([loadMaterials(eventId), editable ? loadResourceOptions() : Promise.resolve([])]);
  const remove = removeMaterialAction.bind(null, eventId);
  return (
    <Card title={t("events.materials.title")}>
      {materials.length === 0 ? (
        <p className="text-sm text-slate-500">{t("events.materials.none")}</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="event-materials">
          {materials.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-2">
              {m.kind === "resource" ? (
                <Link href={m.href} className="inline-block py-2 text-brand-700 underline">{m.title}</Link>
              ) : (
                <a href={m.href} className="inline-block break-all py-2 text-brand-700 underline" rel="noreferrer nofollow">{m.title}</a>
              )}
              {m.kind === "resource" ? <Badge>{t("events.materials.fromLibrary")}</Badge> : null}
              {editable ? <ActionForm action={remove} fields={{ materialId: String(m.id) }} label={t("events.materials.remove")} pendingLabel={t("common.saving")} confirmMessage={t("events.materials.removeConfirm")} errors={errors} /> : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div className="mt-3 border-t border-slate-100 pt-3">
          <MaterialForm action={addMaterialAction.bind(null, eventId)} resources={resources.map((r) => ({ value: String(r.id), label: r.title }))} messages={pickMessages(t, SMALL_FORM_MESSAGES)} />
        </div>
      ) : null}
    </Card>
  );
}

/** The registrations a signed-in reader may see, the attendance sheet and the registration form. */
async function Registrations({ detail, user, t, locale, now, errors }: { detail: EventDetail; user: CurrentUser; t: Translate; locale: Locale; now: Date; errors: Record<string, string> }) {
  const { event } = detail;
  const trainerIds = detail.trainers.map((tr) => tr.id);
  const scope = registrationScope(user);
  const rows: RegistrationRow[] = scope === null ? [] : await loadRegistrations(event.id, scope);
  const editable = canEditEvent(user, trainerIds);
  const started = event.startsAt.getTime() <= now.getTime();
  const closed = now.getTime() > registrationClosesAt(event).getTime();
  const mayRegister = can(user.role, "events.register") && event.status === "scheduled" && (!closed || canRegisterLate(user));
  let waitPosition = 0;
  const withdraw = withdrawAction.bind(null, event.id);
  const active = rows.filter((r) => r.status !== "withdrawn");

  let cityChoices: { value: string; label: string }[] = [];
  if (mayRegister) {
    if (user.role === "officer") {
      const own = user.cityId === null ? null : await loadCityRef(user.cityId);
      cityChoices = own ? [{ value: own.slug, label: localizedName(own, locale) }] : [];
    } else {
      cityChoices = (await loadCityOptions()).map((c) => ({ value: c.slug, label: localizedName(c, locale) }));
    }
  }

  return (
    <section className="mt-6 space-y-4" aria-labelledby="registrations-heading">
      <h2 id="registrations-heading" className="text-lg font-semibold">{scope?.kind === "city" ? t("events.registrations.ownCity") : t("events.registrations.title")}</h2>
      {scope === null ? (
        <p className="text-sm text-slate-600">{t("events.registrations.hidden")}</p>
      ) : rows.length === 0 ? (
        <EmptyState title={t("events.registrations.none")} />
      ) : (
        <DataTable
          testId="registrations-table"
          caption={t("events.registrations.title")}
          stacked
          columns={[
            { label: t("events.register.name") },
            { label: t("events.register.city") },
            { label: t("events.register.role") },
            { label: t("events.register.gender") },
            { label: t("events.registrations.status") },
            { label: t("events.registrations.attended") },
            { label: t("events.registrations.contact") },
            { label: "" },
          ]}
        >
          {rows.map((r) => {
            if (r.status === "waitlisted") waitPosition++;
            const contact = canSeeParticipantContact(user, trainerIds, r.cityId) ? [r.email, r.phone].filter(Boolean).join(" · ") : null;
            return (
              <tr key={r.id} className={`border-t border-slate-100 ${r.status === "withdrawn" ? "text-slate-400" : ""}`} data-testid={`registration-${r.id}`}>
                <td className="px-3 py-2">
                  <span className="font-medium">{r.name}</span>
                  <span className="block text-xs text-slate-500">{[r.position, r.organisation].filter(Boolean).join(", ")}</span>
                </td>
                <td className="px-3 py-2"><CellLabel>{t("events.register.city")}</CellLabel>{localizedName({ nameEn: r.cityNameEn, nameBn: r.cityNameBn, nameNe: r.cityNameNe }, locale)}</td>
                <td className="px-3 py-2"><CellLabel>{t("events.register.role")}</CellLabel>{t(`events.role.${r.participantRole}`)}</td>
                <td className="px-3 py-2"><CellLabel>{t("events.register.gender")}</CellLabel>{t(`events.gender.${r.gender}`)}</td>
                <td className="px-3 py-2"><CellLabel>{t("events.registrations.status")}</CellLabel><span data-testid="registration-status-cell">
                  {r.status === "waitlisted" ? t("events.regStatus.waitlistedAt", { position: waitPosition }) : t(`events.regStatus.${r.status}`)}
                </span></td>
                <td className="px-3 py-2"><CellLabel>{t("events.registrations.attended")}</CellLabel>{r.attended === null ? "—" : r.attended ? t("common.yes") : t("common.no")}</td>
                <td className="px-3 py-2 text-xs"><CellLabel>{t("events.registrations.contact")}</CellLabel>{contact === null ? <span className="text-slate-400">{t("events.registrations.contactHidden")}</span> : contact || "—"}</td>
                <td className="px-3 py-2">
                  {r.status !== "withdrawn" && event.status === "scheduled" && canWithdrawRegistration(user, trainerIds, r.cityId) ? (
                    <ActionForm action={withdraw} fields={{ registrationId: String(r.id) }} label={t("events.withdraw")} pendingLabel={t("common.saving")} confirmMessage={t("events.withdrawConfirm", { name: r.name })} errors={errors} />
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}

      {editable && started && event.status !== "cancelled" && active.length ? (
        <Card title={t("events.attendance.title")}>
          <AttendanceForm
            action={attendanceAction.bind(null, event.id)}
            rows={active.map((r) => ({ id: r.id, name: r.name, detail: `${localizedName({ nameEn: r.cityNameEn, nameBn: r.cityNameBn, nameNe: r.cityNameNe }, locale)} · ${t(`events.regStatus.${r.status}`)}`, attended: r.attended }))}
            messages={pickMessages(t, SMALL_FORM_MESSAGES)}
            locale={locale}
          />
        </Card>
      ) : null}

      {mayRegister && cityChoices.length ? (
        <Card title={t("events.register.title")}>
          {closed ? <p className="mb-2 text-sm text-amber-900">{t("events.register.lateNote")}</p> : null}
          <RegistrationForm action={registerAction.bind(null, event.id)} cities={cityChoices} genders={genderChoices(t)} roles={roleChoices(t)} messages={pickMessages(t, REGISTRATION_MESSAGES)} />
        </Card>
      ) : can(user.role, "events.register") && event.status === "scheduled" && closed ? (
        <p className="text-sm text-slate-600">{t("events.registrationClosed")}</p>
      ) : null}
    </section>
  );
}
