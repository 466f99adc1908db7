import { CITY_ROLES, ROLES, type Role } from "@/lib/domain";

export { ROLES };

const everyone = ["officer", "reviewer", "trainer", "partner", "admin", "approver"] as const;

/**
 * Which roles hold each permission. This table is the one place that answers "who may do what";
 * lib/authz.ts enforces it on the server and adds the officer's city scope.
 */
export const PERMISSIONS = {
  "app.view": everyone,
  "cities.read": everyone,
  "framework.read": everyone,
  "cities.edit": ["officer", "admin"],
  "cities.create": ["admin"],
  "cities.pairs": ["admin"],
  "values.write": ["officer", "admin"],
  "values.submit": ["officer", "admin"],
  "values.review": ["reviewer", "admin"],
  "data.export": ["partner", "reviewer", "admin"],
  "events.manage": ["trainer", "admin"],
  "events.register": ["officer", "trainer", "admin"],
  "resources.create": ["officer", "reviewer", "trainer", "admin"],
  "resources.publish": ["reviewer", "admin"],
  "resources.delete": ["admin"],
  // Files a resource carried before they were replaced.
  "resources.versions": ["admin"],
  "users.manage": ["admin"],
  "audit.read": ["admin"],
  // Every message the app queued, with its parts: mail to anyone, so admins only.
  "mail.outbox": ["admin"],
  // The public newsletter: subscriber counts, composing and sending digests to everyone.
  "newsletter.manage": ["admin"],
  // The bell and the profile's mail choices.
  "notifications.read": everyone,
  "framework.edit": ["admin"],
  // Questionnaires: designing templates, opening rounds, answering for a city, reviewing answers.
  "questionnaires.design": ["reviewer", "admin"],
  "rounds.manage": ["admin"],
  "responses.answer": ["officer", "admin"],
  "responses.review": ["reviewer", "admin"],
  // Reading a round's answers (officers: their own city's).
  "responses.read": ["officer", "reviewer", "partner", "admin", "approver"],
  // City reports: who may read one is a row rule too (lib/policies/reports.ts: drafts stay with
  // their writers, final is public); writing is the city's officer's or a reviewer's.
  "reports.read": everyone,
  "reports.write": ["officer", "reviewer", "admin"],
  // Consultation comments: reviewers, partners, the city's approver, its and its mentor's officers.
  "reports.comment": ["officer", "reviewer", "partner", "admin", "approver"],
  // The city's local government validates (or returns) its reports; admins stand in.
  "reports.validate": ["approver", "admin"],
  "reports.finalize": ["reviewer", "admin"],
  // The needs cities raised that no final report reflects yet.
  "reports.needs": ["reviewer", "partner", "admin"],
  // Local problems and committees (issue 16): logged by the city's officer, or a reviewer on a
  // field visit; residents' reports wait for the city's officer to accept or reject them.
  "problems.read": everyone,
  "problems.write": ["officer", "reviewer", "admin"],
  "problems.moderate": ["officer", "admin"],
  "committees.read": everyone,
  "committees.write": ["officer", "admin"],
  // Action plans: the city's officer writes, its local government validates; everyone reads and
  // the consulted comment (lib/policies/plans.ts: the mentor city's officers too).
  "plans.read": everyone,
  "plans.write": ["officer", "admin"],
  "plans.validate": ["approver", "admin"],
  "plans.comment": ["officer", "reviewer", "partner", "admin", "approver"],
  "tokens.manage": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Permissions that officers and approvers (the city roles, lib/domain CITY_ROLES) hold only for
 * their own city. Every other role that holds them holds them for every city.
 */
export const CITY_SCOPED: ReadonlySet<Permission> = new Set<Permission>(["cities.edit", "values.write", "values.submit", "events.register", "resources.create", "responses.answer", "responses.read", "reports.write", "reports.validate", "problems.write", "problems.moderate", "committees.write", "plans.write", "plans.validate"]);

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export interface Actor {
  id: number;
  role: Role;
  cityId: number | null;
}

/** Whether `actor` may use `permission` on `cityId` (or, without a city, at all). */
export function canForCity(actor: Actor, permission: Permission, cityId?: number | null): boolean {
  if (!can(actor.role, permission)) return false;
  if (!CITY_ROLES.includes(actor.role) || !CITY_SCOPED.has(permission)) return true;
  // An officer or approver without a city, or acting on a city that is not theirs, is refused.
  return actor.cityId !== null && cityId !== undefined && cityId !== null && actor.cityId === cityId;
}
