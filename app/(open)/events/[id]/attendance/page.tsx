import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/PrintButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { getCurrentUser } from "@/server/authz";
import { getI18n } from "@/server/i18n";
import { loadEvent, loadRegistrations } from "@/server/loaders/events";
import { canEditEvent } from "@/lib/policies/events";
import { eventTimeFormat } from "@/lib/events/time";
import { INTL_LOCALE, localizedName } from "@/lib/i18n/config";
import { parseEventId } from "../../params";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("events.roster.title") };
}

/**
 * The sheet participants sign on the day: everyone holding a seat, with a signature column. For
 * those who run the event; others get "not found" (the list names people).
 */
export default async function AttendanceSheetPage({ params }: Params) {
  const id = parseEventId((await params).id);
  if (id === null) notFound();
  const [user, detail, { locale, t }] = await Promise.all([getCurrentUser(), loadEvent(id), getI18n()]);
  if (!detail || !canEditEvent(user, detail.trainers.map((tr) => tr.id))) notFound();
  const { event } = detail;
  const seated = (await loadRegistrations(event.id, { kind: "all" })).filter((r) => r.status === "registered");
  const time = eventTimeFormat(INTL_LOCALE[locale], event.timeZone);
  const cell = "border border-slate-400 px-2 py-2 align-top";

  return (
    <article className="bg-white text-sm" data-testid="attendance-sheet">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t("events.roster.title")}: {event.title}</h1>
          <p className="text-slate-700">
            {time.date(event.startsAt)}, {time.time(event.startsAt)}–{time.time(event.endsAt)} · {[event.venue, localizedName(detail.host, locale)].filter(Boolean).join(", ")}
          </p>
        </div>
        <PrintButton label={t("events.roster.print")} />
      </div>
      {seated.length === 0 ? (
        <EmptyState title={t("events.roster.empty")} />
      ) : (
        <table className="w-full border-collapse">
          <thead>
            <tr>
              {["#", t("events.register.name"), t("events.register.position"), t("events.register.city"), t("events.register.role"), t("events.register.gender"), t("events.roster.signature")].map((label) => (
                <th key={label} scope="col" className={`${cell} bg-slate-100 text-left`}>{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {seated.map((r, i) => (
              <tr key={r.id} className="break-inside-avoid">
                <td className={cell}>{i + 1}</td>
                <td className={`${cell} font-medium`}>{r.name}</td>
                <td className={cell}>{[r.position, r.organisation].filter(Boolean).join(", ")}</td>
                <td className={cell}>{localizedName({ nameEn: r.cityNameEn, nameBn: r.cityNameBn, nameNe: r.cityNameNe }, locale)}</td>
                <td className={cell}>{t(`events.role.${r.participantRole}`)}</td>
                <td className={cell}>{t(`events.gender.${r.gender}`)}</td>
                <td className={`${cell} w-40`} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
