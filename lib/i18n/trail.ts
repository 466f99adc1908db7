/**
 * The audit trail in words: translated action and record names, and a value's change read from
 * the before/after views the audit log keeps (db/queries/indicator-values.ts valueAuditView).
 * Pure, so the audit page, the value history and the tests share one reading.
 */
import { VALUE_FLAGS, VALUE_STATUSES, type ValueFlag, type ValueStatus } from "@/lib/domain";
import { localizedName, type Locale } from "./config";
import { isMessageKey, type Translate } from "./messages";

/** "Validated", "Value saved"…; an action added later without a translation shows its code. */
export function auditActionName(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** "Value", "Event"…; an unknown kind shows its code. */
export function auditEntityName(t: Translate, entity: string): string {
  const key = `audit.entity.${entity}`;
  return isMessageKey(key) ? t(key) : entity;
}

/** What the audit query found to name a record (db/queries/audit.ts listAudit). */
export interface AuditRecordNames {
  entity: string;
  entityId: string;
  cityNameEn: string | null;
  cityNameBn: string | null;
  cityNameNe: string | null;
  indicatorCode: string | null;
  indicatorNameEn: string | null;
  indicatorNameBn: string | null;
  indicatorNameNe: string | null;
  period: string | null;
  title: string | null;
  eventTitle: string | null;
}

/**
 * A record as a reader names it: a value by indicator, city and quarter; a city by its name; a
 * registration by the participant and the event; anything else by its title or name. A record
 * nothing names any more is "Kind #id".
 */
export function auditRecordLabel(t: Translate, locale: Locale, row: AuditRecordNames): string {
  const city = row.cityNameEn !== null && row.cityNameBn !== null && row.cityNameNe !== null ? localizedName({ nameEn: row.cityNameEn, nameBn: row.cityNameBn, nameNe: row.cityNameNe }, locale) : null;
  const indicator = row.indicatorCode ? `${row.indicatorCode} ${row.indicatorNameEn !== null && row.indicatorNameBn !== null && row.indicatorNameNe !== null ? localizedName({ nameEn: row.indicatorNameEn, nameBn: row.indicatorNameBn, nameNe: row.indicatorNameNe }, locale) : ""}`.trim() : null;
  if (row.entity === "indicator_value" && indicator && row.period && city) return t("audit.recordValue", { indicator, city, period: row.period });
  if (row.entity === "city" && city) return city;
  if (row.entity === "indicator" && indicator) return indicator;
  if (row.entity === "registration" && row.title && row.eventTitle) return t("audit.recordIn", { name: row.title, context: row.eventTitle });
  if (row.entity === "value_import" && row.title && city) return t("audit.recordIn", { name: row.title, context: city });
  if (row.title) return row.title;
  return t("audit.recordUnknown", { entity: auditEntityName(t, row.entity), id: row.entityId });
}

/** A value as one audit row's before or after view holds it; fields a row lacks are null. */
export interface ValueAuditView {
  value: number | null;
  note: string;
  evidenceUrl: string | null;
  status: ValueStatus | null;
  validatedValue: number | null;
  reviewComment: string | null;
  explanation: string;
  /** The library resource holding an uploaded evidence file. */
  evidenceResourceId: number | null;
  /** Why the value was flagged for a second look. */
  flags: ValueFlag[];
}

const text = (record: Record<string, unknown>, key: string): string | null => {
  const v = record[key];
  return typeof v === "string" && v.trim() !== "" ? v : null;
};
const num = (record: Record<string, unknown>, key: string): number | null => {
  const v = record[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

/** Reads a before/after JSON view; null when the row has none (a value's first save has no before). */
export function readValueView(json: unknown): ValueAuditView | null {
  if (!json || typeof json !== "object" || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  const status = record.status;
  return {
    value: num(record, "value"),
    note: text(record, "note") ?? "",
    // An empty link is no link (older rows stored "" for none).
    evidenceUrl: text(record, "evidenceUrl"),
    status: typeof status === "string" && (VALUE_STATUSES as readonly string[]).includes(status) ? (status as ValueStatus) : null,
    validatedValue: num(record, "validatedValue"),
    reviewComment: text(record, "reviewComment"),
    explanation: text(record, "explanation") ?? "",
    evidenceResourceId: num(record, "evidenceResourceId"),
    flags: Array.isArray(record.flags) ? record.flags.filter((f): f is ValueFlag => (VALUE_FLAGS as readonly unknown[]).includes(f)) : [],
  };
}

/** One change of a value, as its history shows it: the state after it, and what moved. */
export interface ValueChange {
  /** The value after the change, and before it when it moved. */
  value: number | null;
  previousValue: number | null;
  valueChanged: boolean;
  status: ValueStatus | null;
  previousStatus: ValueStatus | null;
  statusChanged: boolean;
  note: string;
  noteChanged: boolean;
  evidenceUrl: string | null;
  evidenceChanged: boolean;
  explanation: string;
  evidenceResourceId: number | null;
  flags: ValueFlag[];
  /** The reviewer's comment, on the review decision (validated or returned) it was given with. */
  reviewComment: string | null;
}

export function describeValueChange(beforeJson: unknown, afterJson: unknown): ValueChange {
  const before = readValueView(beforeJson);
  const after = readValueView(afterJson) ?? before;
  const decided = after?.status === "validated" || after?.status === "returned";
  const statusChanged = (before?.status ?? null) !== (after?.status ?? null);
  return {
    value: after?.value ?? null,
    previousValue: before?.value ?? null,
    valueChanged: before === null || before.value !== (after?.value ?? null),
    status: after?.status ?? null,
    previousStatus: before?.status ?? null,
    statusChanged,
    note: after?.note ?? "",
    noteChanged: (before?.note ?? "") !== (after?.note ?? ""),
    evidenceUrl: after?.evidenceUrl ?? null,
    evidenceChanged: (before?.evidenceUrl ?? null) !== (after?.evidenceUrl ?? null),
    explanation: after?.explanation ?? "",
    evidenceResourceId: after?.evidenceResourceId ?? null,
    flags: after?.flags ?? [],
    reviewComment: decided && statusChanged ? (after?.reviewComment ?? null) : null,
  };
}

/** A status in the reader's language, or "New" for a value's first save. */
export function statusName(t: Translate, status: ValueStatus | null): string {
  return status === null ? t("history.new") : t(`status.${status}`);
}
