import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EventForm } from "@/components/events/EventForm";
import { EVENT_FORM_MESSAGES, eventFormChoices, eventFormValues } from "@/components/events/form-data";
import { requirePagePermission } from "@/server/authz";
import { canEditEvent } from "@/lib/policies/events";
import { getI18n } from "@/server/i18n";
import { pickMessages } from "@/lib/i18n/messages";
import { loadEvent, loadEventFormOptions } from "@/server/loaders/events";
import { saveEventAction } from "../../actions";
import { parseEventId } from "../../params";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("events.edit") };
}

export default async function EditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePagePermission("events.manage");
  const id = parseEventId((await params).id);
  if (id === null) notFound();
  const [{ locale, t }, detail] = await Promise.all([getI18n(), loadEvent(id)]);
  if (!detail) notFound();
  const trainerIds = detail.trainers.map((tr) => tr.id);
  if (!canEditEvent(user, trainerIds)) forbidden();
  const options = await loadEventFormOptions();
  return (
    <>
      <PageHeader title={t("events.edit")} description={detail.event.title} actions={<Link href={`/events/${id}`} className="inline-flex min-h-10 items-center text-sm text-brand-700 underline">{t("events.backToEvent")}</Link>} />
      <Card>
        <EventForm
          action={saveEventAction.bind(null, id)}
          initial={eventFormValues(detail.event, detail.host.slug, detail.pair?.mentee.slug ?? null, detail.components.map((c) => c.code), trainerIds)}
          options={eventFormChoices(t, locale, options)}
          messages={pickMessages(t, EVENT_FORM_MESSAGES)}
          submitLabel={t("events.form.save")}
        />
      </Card>
    </>
  );
}
