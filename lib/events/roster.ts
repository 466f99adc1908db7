import type { Gender, ParticipantRole, RegistrationStatus } from "@/lib/domain";
import type { Locale } from "@/lib/i18n/config";
import { localizedName } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";

/** A registration as the roster needs it (db/queries/registrations listRegistrations row). */
export interface RosterRegistration {
  name: string;
  position: string;
  organisation: string;
  cityNameEn: string;
  cityNameBn: string;
  cityNameNe: string;
  participantRole: ParticipantRole;
  gender: Gender;
  email: string | null;
  phone: string | null;
  status: RegistrationStatus;
  attended: boolean | null;
  registeredAt: Date;
}

/**
 * The registrations of an event as a table, in the reader's language: the CSV and XLSX exports
 * and the printed attendance sheet share these columns. Contact details are in it: only those who
 * run the event get it.
 */
export function rosterTable(rows: readonly RosterRegistration[], t: Translate, locale: Locale): { header: string[]; rows: (string | number)[][] } {
  const header = [
    "#",
    t("events.register.name"),
    t("events.register.position"),
    t("events.register.organisation"),
    t("events.register.city"),
    t("events.register.role"),
    t("events.register.gender"),
    t("events.roster.email"),
    t("events.roster.phone"),
    t("events.registrations.status"),
    t("events.registrations.attended"),
    t("events.roster.registeredAt"),
  ];
  const body = rows.map((r, i) => [
    i + 1,
    r.name,
    r.position,
    r.organisation,
    localizedName({ nameEn: r.cityNameEn, nameBn: r.cityNameBn, nameNe: r.cityNameNe }, locale),
    t(`events.role.${r.participantRole}`),
    t(`events.gender.${r.gender}`),
    r.email ?? "",
    r.phone ?? "",
    t(`events.regStatus.${r.status}`),
    r.attended === null ? "" : r.attended ? t("common.yes") : t("common.no"),
    r.registeredAt.toISOString().slice(0, 16).replace("T", " ") + " UTC",
  ]);
  return { header, rows: body };
}
