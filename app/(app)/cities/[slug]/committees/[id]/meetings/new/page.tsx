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
import { loadCommittee } from "@/server/loaders/committees";
import { pickMessages } from "@/lib/i18n/messages";
import { recordMeetingAction } from "../../../actions";

type Props = { params: Promise<{ slug: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("committees.meeting.new") };
}

/** Records a meeting: its date, who of the current members came, the minutes and the decisions. */
export default async function NewMeetingPage({ params }: Props) {
  await requirePagePermission("committees.read");
  const [{ slug, id }, { t, locale }] = await Promise.all([params, getI18n()]);
  const committeeId = /^[1-9][0-9]{0,8}$/.test(id) ? Number(id) : null;
  const city = await loadCity(slug);
  if (!city || committeeId === null) notFound();
  // Only the city's officer and admins record meetings: others get 403, not an empty form.
  const actor = await requirePagePermission("committees.write", { cityId: city.id });
  const view = await loadCommittee(committeeId, actor);
  if (!view || view.committee.cityId !== city.id) notFound();
  const members = view.members.filter((m) => m.current).map((m) => ({ id: m.id, name: m.name, roleLabel: t(`committees.role.${m.role}`) }));
  const committeePath = `/cities/${city.slug}/committees/${view.committee.id}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={committeePath} className="inline-flex min-h-11 items-center text-brand-700 underline">{t("committees.backToCommittee", { committee: view.committee.name })}</Link>
      </p>
      <PageHeader title={t("committees.meeting.new")} description={t("committees.meeting.newHint", { committee: view.committee.name })} />
      <Card>
        <MeetingForm
          action={recordMeetingAction}
          hidden={{ committee: String(view.committee.id) }}
          initial={{ heldOn: view.today, place: "", minutes: "", attendees: [], decisions: [] }}
          members={members}
          maxDate={view.today}
          submitLabel={t("committees.meeting.save")}
          messages={pickMessages(t, MEETING_FORM_MESSAGES)}
          locale={locale}
        />
      </Card>
    </>
  );
}
