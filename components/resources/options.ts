import { localizedName } from "@/lib/i18n/config";
import type { Locale } from "@/lib/i18n/config";
import type { Translate } from "@/lib/i18n/messages";
import { RESOURCE_LANGUAGES, RESOURCE_TYPES } from "@/lib/validation/resources";
import type { ResourceFormOptionRows } from "@/server/loaders/resources";
import type { ResourceFormOptions } from "./ResourceFields";

type Rows = ResourceFormOptionRows;

/** Pickers of the resource forms and filters, labelled in the reader's language. */
export function buildFormOptions(rows: Rows, t: Translate, locale: Locale, lockedCityId: number | null = null): ResourceFormOptions {
  const locked = lockedCityId === null ? undefined : rows.cities.find((c) => c.id === lockedCityId);
  return {
    types: RESOURCE_TYPES.map((type) => ({ value: type, label: t(`resources.types.${type}`) })),
    languages: RESOURCE_LANGUAGES.map((language) => ({ value: language, label: t(`resources.languages.${language}`) })),
    components: rows.components.map((c) => ({ value: c.code, label: localizedName(c, locale) })),
    lenses: rows.lenses.map((l) => ({ value: l.code, label: localizedName(l, locale) })),
    cities: rows.cities.map((c) => ({ value: c.slug, label: localizedName(c, locale) })),
    lockedCity: locked ? { value: locked.slug, label: localizedName(locked, locale) } : null,
  };
}

/** Every message key the resource forms use, to hand them to the client. */
export const FORM_MESSAGE_KEYS = [
  "resources.form.title",
  "resources.form.summary",
  "resources.type",
  "resources.language",
  "resources.form.city",
  "resources.form.noCity",
  "resources.form.cityOwn",
  "resources.year",
  "resources.author",
  "resources.components",
  "resources.lenses",
  "resources.form.source",
  "resources.form.sourceFile",
  "resources.form.sourceLink",
  "resources.form.file",
  "resources.form.fileHint",
  "resources.form.externalUrl",
  "resources.form.publish",
  "resources.form.publishHint",
  "resources.form.draftNote",
  "resources.form.submit",
  "resources.form.uploading",
  "resources.form.save",
  "resources.form.saved",
  "resources.form.networkError",
  "resources.replaceSubmit",
  "resources.replaceHint",
  "resources.file.tooLarge",
  "resources.file.empty",
  "resources.file.executable",
  "resources.file.typeNotAllowed",
  "resources.file.missing",
  "resources.file.same",
  "resources.file.linkHasNoFile",
  "resources.upload.notMultipart",
  "resources.upload.crossSite",
  "resources.validation.title",
  "resources.validation.type",
  "resources.validation.language",
  "resources.validation.source",
  "resources.validation.city",
  "resources.validation.component",
  "resources.validation.lens",
  "resources.validation.year",
  "resources.validation.controlChars",
  "resources.officerOwnCity",
  "validation.checkFields",
  "validation.invalid",
  "validation.required",
  "validation.tooLong",
  "validation.tooMany",
  "validation.url",
  "validation.number",
  "errors.unexpected",
  "errors.forbidden",
  "errors.unauthenticated",
  "errors.not_found",
  "errors.too_large",
  "errors.bad_request",
  "common.saving",
] as const;
