import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { Badge } from "@/components/ui/Badge";
import { CellLabel, DataTable, type Column } from "@/components/ui/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { CommitteeForm } from "@/components/committees/CommitteeForm";
import { GenderBalancePanel } from "@/components/committees/GenderBalancePanel";
import { LeaveForm } from "@/components/committees/LeaveForm";
import { EMPTY_MEMBER, MemberForm } from "@/components/committees/MemberForm";
import { focusLabel } from "@/components/committees/focus";
import { COMMITTEE_FORM_MESSAGES, LEAVE_FORM_MESSAGES, MEMBER_FORM_MESSAGES } from "@/components/committees/messages";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCity } from "@/server/loaders/cities";
import { loadCommittee } from "@/server/loaders/committees";
import { loadFramework } from "@/server/loaders/framework";
import { localizedName } from "@/lib/i18n/config";
import { pickMessages } from "@/lib/i18n/messages";
import { addMemberAction, memberLeavesAction, updateCommitteeAction, updateMemberAction } from "../actions";

type Props = { params: Promise<{ slug: string; id: string }> };

// Ids are int4 in the database: anything longer is no record (and must not reach the query).
const recordId = (value: string) => (/^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : null);

async function committeeOf(slug: string, id: string) {
  const actor = await requirePagePermission("committees.read");
  const committeeId = recordId(id);
  const city = await loadCity(slug);
  if (!city || committeeId === null) notFound();
  const view = await loadCommittee(committeeId, actor);
  // A committee of another city is not found under this one's address.
  if (!view || view.committee.cityId !== city.id) notFound();
  return { city, view };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const { view } = await committeeOf(slug, id);
  return { title: view.committee.name };
}

const linkButton = "inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700";

/** One committee: its members (contacts for those allowed), the gender balance, its meetings; writers edit all of it here. */
export default async function CommitteePage({ params }: Props) {
  const { slug, id } = await params;
  const [{ city, view }, { t, locale, format }, framework] = await Promise.all([committeeOf(slug, id), getI18n(), loadFramework()]);
  const { committee, members, meetings, balance, canWrite, canSeeContacts } = view;
  const base = `/cities/${city.slug}/committees/${committee.id}`;
  const components = framework.components.map((c) => ({ id: c.id, name: localizedName(c, locale) }));
  const memberMessages = pickMessages(t, MEMBER_FORM_MESSAGES);
  const leaveMessages = pickMessages(t, LEAVE_FORM_MESSAGES);
  const columns: Column[] = [
    { label: t("committees.member.name") },
    { label: t("committees.member.organisation") },
    { label: t("committees.member.role") },
    { label: t("committees.member.gender") },
    { label: t("committees.member.wardResident") },
    ...(canSeeContacts ? [{ label: t("committees.member.contact") }] : []),
    { label: t("committees.member.status") },
    ...(canWrite ? [{ label: t("committees.member.edit") }] : []),
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/cities/${city.slug}/committees`} className="inline-flex min-h-11 items-center text-brand-700 underline">{t("committees.backToList", { city: localizedName(city, locale) })}</Link>
      </p>
      <PageHeader title={committee.name} description={focusLabel(view.component, committee.theme, locale)} actions={canWrite ? <Link href={`${base}/meetings/new`} className={linkButton} data-testid="record-meeting">{t("committees.recordMeeting")}</Link> : null} />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <Card title={t("committees.members")}>
          {members.length === 0 ? (
            <p className="text-sm text-slate-600">{t("committees.noMembersYet")}</p>
          ) : (
            <DataTable testId="members-table" caption={t("committees.members")} stacked framed={false} columns={columns}>
              {members.map((member) => (
                <tr key={member.id} className={`border-t border-slate-100 align-top ${member.current ? "" : "text-slate-500"}`} data-testid="member-row">
                  <td className="px-3 py-2 font-medium">{member.name}</td>
                  <td className="px-3 py-2"><CellLabel>{t("committees.member.organisation")}</CellLabel>{member.organisation || "—"}</td>
                  <td className="px-3 py-2"><CellLabel>{t("committees.member.role")}</CellLabel>{t(`committees.role.${member.role}`)}</td>
                  <td className="px-3 py-2"><CellLabel>{t("committees.member.gender")}</CellLabel>{t(`events.gender.${member.gender}`)}</td>
                  <td className="px-3 py-2"><CellLabel>{t("committees.member.wardResident")}</CellLabel>{member.wardResident ? t("common.yes") : t("common.no")}</td>
                  {canSeeContacts ? <td className="px-3 py-2 break-all" data-testid="member-contact"><CellLabel>{t("committees.member.contact")}</CellLabel>{member.contact || "—"}</td> : null}
                  <td className="px-3 py-2"><CellLabel>{t("committees.member.status")}</CellLabel>
                    {member.current ? (member.leftOn ? t("committees.member.leavesOn", { date: format.date(member.leftOn) }) : <Badge tone="brand">{t("committees.member.current")}</Badge>) : t("committees.member.leftOn", { date: format.date(member.leftOn ?? "") })}
                  </td>
                  {canWrite ? (
                    <td className="px-3 py-2 max-sm:basis-full!">
                      <details>
                        <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline">{t("committees.member.edit")}<span className="sr-only">: {member.name}</span></summary>
                        <div className="mt-2 w-full min-w-64 space-y-4 sm:w-96">
                          <MemberForm
                            action={updateMemberAction}
                            hidden={{ member: String(member.id) }}
                            initial={{ name: member.name, organisation: member.organisation, role: member.role, gender: member.gender, wardResident: member.wardResident, contact: member.contact ?? "" }}
                            submitLabel={t("committees.save")}
                            doneKey="committees.saved"
                            messages={memberMessages}
                            locale={locale}
                            testId={`member-edit-form-${member.id}`}
                          />
                          <LeaveForm action={memberLeavesAction} memberId={member.id} memberName={member.name} defaultDate={member.leftOn ?? view.today} messages={leaveMessages} locale={locale} />
                        </div>
                      </details>
                    </td>
                  ) : null}
                </tr>
              ))}
            </DataTable>
          )}
          {canSeeContacts ? null : <p className="mt-3 text-xs text-slate-600">{t("committees.contactsHidden")}</p>}
          {canWrite ? (
            <section className="mt-6 border-t border-slate-200 pt-4" aria-labelledby="add-member-title">
              <h3 id="add-member-title" className="mb-2 font-semibold">{t("committees.addMember")}</h3>
              <MemberForm action={addMemberAction} hidden={{ committee: String(committee.id) }} initial={EMPTY_MEMBER} submitLabel={t("committees.member.add")} doneKey="committees.member.added" messages={memberMessages} locale={locale} testId="member-form" />
            </section>
          ) : null}
        </Card>
        <GenderBalancePanel balance={balance} t={t} format={format} />
      </div>
      <Card title={t("committees.meetings")} className="mt-4">
        {meetings.length === 0 ? (
          <EmptyState title={t("committees.noMeetings")} />
        ) : (
          <DataTable testId="meetings-table" caption={t("committees.meetings")} stacked framed={false} columns={[{ label: t("committees.meeting.date") }, { label: t("committees.meeting.place") }, { label: t("committees.meeting.attendance"), align: "right" }, { label: t("committees.meeting.decisionsCount"), align: "right" }]}>
            {meetings.map((meeting) => (
              <tr key={meeting.id} className="border-t border-slate-100 align-top" data-testid="meeting-row">
                <td className="px-3 py-2">
                  <Link href={`${base}/meetings/${meeting.id}`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline sm:min-h-0">{format.date(meeting.heldOn)}</Link>
                </td>
                <td className="px-3 py-2"><CellLabel>{t("committees.meeting.place")}</CellLabel>{meeting.place || "—"}</td>
                <td className="px-3 py-2 sm:text-right"><CellLabel>{t("committees.meeting.attendance")}</CellLabel>{t("committees.membersN", { count: meeting.attendees })}</td>
                <td className="px-3 py-2 sm:text-right"><CellLabel>{t("committees.meeting.decisionsCount")}</CellLabel>{t("committees.meeting.decisionsN", { count: meeting.decisions })}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {canWrite ? (
          <p className="mt-3">
            <Link href={`${base}/meetings/new`} className={linkButton}>{t("committees.recordMeeting")}</Link>
          </p>
        ) : null}
      </Card>
      {canWrite ? (
        <Card title={t("committees.edit")} className="mt-4">
          <CommitteeForm
            action={updateCommitteeAction}
            hidden={{ committee: String(committee.id) }}
            initial={{ name: committee.name, component: committee.componentId === null ? "" : String(committee.componentId), theme: committee.theme }}
            components={components}
            submitLabel={t("committees.save")}
            messages={pickMessages(t, COMMITTEE_FORM_MESSAGES)}
            locale={locale}
            testId="committee-edit-form"
          />
        </Card>
      ) : null}
    </>
  );
}
