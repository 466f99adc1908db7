/**
 * A worksheet name Excel accepts: none of []:*?/\, at most 31 characters, and unique in its
 * workbook when `taken` (lower-cased names already used) is given.
 */
export function sheetName(title: string, fallback: string, taken?: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, taken ? 28 : 31) || fallback;
  if (!taken) return base;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27 - String(n).length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}
