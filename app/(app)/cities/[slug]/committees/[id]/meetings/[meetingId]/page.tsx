import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { MeetingForm } from "@/components/committees/MeetingForm";
import { MEETING_FORM_MESSAGES } from "@/components/committees/messages";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadCity } from "@/server/loaders/cities";
import { loadMeeting } from "@/server/loaders/committees";
import { loadWorkingPlan } from "@/server/loaders/plans";
import { planPath } from "@/lib/plans/paths";
import { canWritePlan } from "@/lib/policies/plans";
import { pickMessages } from "@/lib/i18n/messages";
import { renderMarkdown } from "@/lib/markdown";
import { todayIn, COUNTRY_TIME_ZONE } from "@/lib/time";
import { updateMeetingAction } from "../../../actions";

type Props = { params: Promise<{ slug: string; id: string; meetingId: string }> };

const recordId = (value: string) => (/^[1-9][0-9]{0,8}$/.test(value) ? Number(value) : null);

async function meetingOf(slug: string, id: string, meetingId: string) {
  const actor = await requirePagePermission("committees.read");
  const committeeId = recordId(id);
  const wanted = recordId(meetingId);
  const city = await loadCity(slug);
  if (!city || committeeId === null || wanted === null) notFound();
  const view = await loadMeeting(wanted, actor);
  // The address names the committee and the city: a meeting of another one is not found here.
  if (!view || view.committee.id !== committeeId || view.committee.cityId !== city.id) notFound();
  return { city, view };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ slug, id, meetingId }, { t, format }] = await Promise.all([params, getI18n()]);
  const { view } = await meetingOf(slug, id, meetingId);
  return { title: `${t("committees.meeting.title", { date: format.date(view.meeting.heldOn) })} · ${view.committee.name}` };
}

// Minutes are sanitized markdown (lib/markdown.ts); these give its lists, headings and links their look.
const minutesClass = "max-w-3xl space-y-2 text-sm leading-relaxed [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_table]:text-left [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2";

/** One meeting: date, place, who attended, the minutes and the numbered decisions; writers correct it below. */
export default async function MeetingPage({ params }: Props) {
  const { slug, id, meetingId } = await params;
  const [{ city, view }, { t, locale, format }] = await Promise.all([meetingOf(slug, id, meetingId), getI18n()]);
  const { meeting, committee, attendees, decisions } = view;
  const committeePath = `/cities/${city.slug}/committees/${committee.id}`;
  const minutes = meeting.minutes.trim() ? renderMarkdown(meeting.minutes) : null;
  // A decision becomes an action of the city's working plan, for those who write the plan.
  const actor = await requirePagePermission("committees.read");
  const workingPlan = canWritePlan(actor, { cityId: city.id }) ? await loadWorkingPlan(city.id) : null;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={committeePath} className="inline-flex min-h-11 items-center text-brand-700 underline">{t("committees.backToCommittee", { committee: committee.name })}</Link>
      </p>
      <PageHeader title={t("committees.meeting.title", { date: format.date(meeting.heldOn) })} description={[committee.name, meeting.place].filter(Boolean).join(" · ")} />
      <div className="grid gap-4 lg:grid-cols-[1fr_18rem]">
        <div className="space-y-4">
          <Card title={t("committees.meeting.minutes")}>
            {minutes ? <div className={minutesClass} data-testid="meeting-minutes" dangerouslySetInnerHTML={{ __html: minutes }} /> : <p className="text-sm italic text-slate-600">{t("committees.meeting.noMinutes")}</p>}
          </Card>
          <Card title={t("committees.meeting.decisions")}>
            {decisions.length ? (
              <ol className="list-decimal space-y-2 pl-6 text-sm" data-testid="meeting-decisions">
                {decisions.map((d) => (
                  <li key={d.position} className="whitespace-pre-line">
                    {d.text}
                    {workingPlan && <Link href={`${planPath(city.slug, workingPlan.id)}?decision=${d.id}#action-form`} className="ml-2 inline-flex min-h-11 items-center text-brand-700 underline sm:min-h-0" data-testid="decision-to-action">{t("plans.fromDecision")}</Link>}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm italic text-slate-600">{t("committees.meeting.noDecisions")}</p>
            )}
          </Card>
        </div>
        <Card title={t("committees.meeting.attendance")}>
          <p className="mb-2 text-sm text-slate-600">{t("committees.membersN", { count: attendees.length })}</p>
          {attendees.length ? (
            <ul className="space-y-1 text-sm" data-testid="meeting-attendees-list">
              {attendees.map((a) => (
                <li key={a.id}>{a.name} <span className="text-slate-500">· {t(`committees.role.${a.role}`)}</span></li>
              ))}
            </ul>
          ) : (
            <p className="text-sm italic text-slate-600">{t("committees.meeting.nobodyRecorded")}</p>
          )}
          {view.recordedBy ? <p className="mt-3 text-xs text-slate-600">{t("committees.meeting.recordedBy", { name: view.recordedBy })}</p> : null}
        </Card>
      </div>
      {view.canWrite ? (
        <Card title={t("committees.meeting.edit")} className="mt-4">
          <details>
            <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline">{t("committees.meeting.edit")}</summary>
            <div className="mt-3">
              <MeetingForm
                action={updateMeetingAction}
                hidden={{ meeting: String(meeting.id) }}
                initial={{ heldOn: meeting.heldOn, place: meeting.place, minutes: meeting.minutes, attendees: attendees.map((a) => a.id), decisions: decisions.map((d) => d.text) }}
                members={view.choices.map((m) => ({ id: m.id, name: m.name, roleLabel: t(`committees.role.${m.role}`), note: m.current ? undefined : t("committees.meeting.formerMember") }))}
                maxDate={todayIn(COUNTRY_TIME_ZONE[city.country])}
                submitLabel={t("committees.meeting.save")}
                messages={pickMessages(t, MEETING_FORM_MESSAGES)}
                locale={locale}
                testId="meeting-edit-form"
              />
            </div>
          </details>
        </Card>
      ) : null}
    </>
  );
}
