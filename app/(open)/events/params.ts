/** `/events/<id>`: a positive whole number, or null (then the page is not found). */
export function parseEventId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}
