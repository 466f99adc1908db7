import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import { EventForm } from "@/components/events/EventForm";
import { EVENT_FORM_MESSAGES, emptyEventForm, eventFormChoices } from "@/components/events/form-data";
import { requirePagePermission } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { pickMessages } from "@/lib/i18n/messages";
import { loadEventFormOptions } from "@/server/loaders/events";
import { saveEventAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("events.new") };
}

export default async function NewEventPage() {
  const user = await requirePagePermission("events.manage");
  const [{ locale, t, format }, options] = await Promise.all([getI18n(), loadEventFormOptions()]);
  return (
    <>
      <PageHeader title={t("events.new")} description={t("events.newHint")} />
      <Card>
        <EventForm
          action={saveEventAction.bind(null, null)}
          initial={emptyEventForm(user.role === "trainer" ? user.id : null, format.timeZone)}
          options={eventFormChoices(t, locale, options)}
          messages={pickMessages(t, EVENT_FORM_MESSAGES)}
          submitLabel={t("events.form.create")}
        />
      </Card>
    </>
  );
}
