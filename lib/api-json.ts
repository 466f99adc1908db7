/**
 * One shape for missing data in the JSON API (docs/api.md#missing-data): a link, a reviewer's
 * comment, a date or a number that is absent is `null`, never `""`. Free text the form always
 * carries (a value's note and explanation, a resource's summary and author, an event's
 * description and venue) is a string, `""` when left blank.
 */
export function nullIfBlank(text: string | null | undefined): string | null {
  return typeof text === "string" && text.trim() !== "" ? text : null;
}
