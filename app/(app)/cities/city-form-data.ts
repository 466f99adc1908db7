import { CITY_KINDS, COUNTRIES, PROGRAMME_ROLES } from "@/lib/domain";
import { localizedName, type Locale } from "@/lib/i18n/config";
import { pickMessages, type MessageKey, type Translate } from "@/lib/i18n/messages";
import type { CityFormValues } from "./CityForm";

export const CITY_FORM_MESSAGES = [
  "cityForm.slug", "cityForm.nameEn", "cityForm.nameBn", "cityForm.nameNe", "cityForm.region", "cityForm.latitude", "cityForm.longitude", "cityForm.noMentor", "cityForm.save",
  "cities.country", "cities.kind", "cities.population", "cities.role", "cities.mentor", "cities.joined", "common.saving",
  "validation.checkFields", "validation.nameTooShort", "validation.tooLong", "validation.required", "validation.number", "validation.wholeNumber", "validation.population",
  "validation.latitude", "validation.longitude", "validation.slug", "validation.country", "validation.kind", "validation.programmeRole", "validation.date", "validation.invalid",
  "cities.onlyMenteesHaveMentor", "cities.menteeNeedsMentor", "cities.cannotMentorItself", "cities.mentorUnknown", "cities.mentorMustBeMentor", "cities.stillHasMentees", "cities.slugTaken",
  "errors.unexpected", "errors.forbidden", "errors.not_found", "errors.unauthenticated",
] as const satisfies readonly MessageKey[];

/** Choices and strings the city form needs, built on the server in the reader's language. */
export function cityFormOptions(t: Translate, locale: Locale, mentors: { slug: string; nameEn: string; nameBn: string; nameNe: string }[]) {
  return {
    messages: pickMessages(t, CITY_FORM_MESSAGES),
    options: {
      kinds: CITY_KINDS.map((value) => ({ value, label: t(`cityKinds.${value}`) })),
      countries: COUNTRIES.map((value) => ({ value, label: t(`countries.${value}`) })),
      roles: PROGRAMME_ROLES.map((value) => ({ value, label: t(`programmeRoles.${value}`) })),
      mentors: mentors.map((m) => ({ value: m.slug, label: localizedName(m, locale) })),
    },
  };
}

export const emptyCityForm: CityFormValues = { slug: "", nameEn: "", nameBn: "", nameNe: "", country: "BD", region: "", kind: "paurashava_a", population: "", latitude: "", longitude: "", programmeRole: "candidate", mentorSlug: "", joinedOn: "" };
