import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { authTokens, cities, userSessions, users, type User } from "../schema";
import { writeAudit } from "./audit";
import { clearLoginFailures } from "./login-attempts";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { ChangeRoleInput, CreateUserInput, SetDisabledInput } from "@/lib/validation/users";

const BCRYPT_COST = 10;

/** The stored form of a password a person chose. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** What the rest of the app may know about a user: never the password hash. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  cityId: users.cityId,
  locale: users.locale,
  disabled: users.disabled,
  createdAt: users.createdAt,
};
export type PublicUser = Pick<User, keyof typeof publicUserColumns>;
const publicColumns = publicUserColumns;

export async function findUserForLogin(db: Database, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

export async function getUserById(db: Database, id: number): Promise<PublicUser | null> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function hasAnyUser(db: Database): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

export async function hasDemoUsers(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.isDemo, true));
  return (row?.n ?? 0) > 0;
}

/**
 * An invitation not accepted yet: the user has an unused invitation link (accepting it, or setting
 * a password through a reset link, voids them all). The newest link's end, or null.
 */
const pendingInvitationUntil = sql<Date | null>`(select max(${authTokens.expiresAt}) from ${authTokens} where ${authTokens.userId} = ${users.id} and ${authTokens.purpose} = 'invitation' and ${authTokens.usedAt} is null)`.mapWith(authTokens.expiresAt);

export async function listUsers(db: Database, params: { limit: number; offset: number }) {
  const rows = await db
    .select({ ...publicColumns, cityNameEn: cities.nameEn, cityNameBn: cities.nameBn, cityNameNe: cities.nameNe, invitationUntil: pendingInvitationUntil, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .orderBy(asc(users.disabled), asc(users.role), asc(users.name), asc(users.id))
    .limit(params.limit)
    .offset(params.offset);
  return { rows, total: rows[0]?.total ?? 0 };
}

async function assertCityExists(tx: Database, cityId: number | null): Promise<void> {
  if (cityId === null) return;
  const [row] = await tx.select({ id: cities.id }).from(cities).where(eq(cities.id, cityId));
  if (!row) throw new AppError("invalid", "validation.city");
}

function auditView(user: PublicUser) {
  return { email: user.email, name: user.name, role: user.role, cityId: user.cityId, disabled: user.disabled };
}

/**
 * Creates a user. Without a password (an administrator's invitation, server/account/invite.ts)
 * the stored hash is of random bytes nobody knows, so nobody can sign in until the user sets one
 * from the mailed link; the first admin from the command line passes the password they typed.
 */
export async function createUser(db: Database, input: CreateUserInput & { password?: string }, actorId: number | null): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString("base64url"));
  try {
    return await db.transaction(async (tx) => {
      await assertCityExists(tx, input.cityId);
      const [created] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, role: input.role, cityId: input.cityId, locale: input.locale, passwordHash })
        .returning(publicColumns);
      if (!created) throw new AppError("unexpected");
      await writeAudit(tx, { actorId, action: "user.create", entity: "user", entityId: created.id, after: auditView(created) });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "users.emailTaken");
    throw error;
  }
}

async function updateUser(db: Database, userId: number, actorId: number, action: string, change: Partial<Pick<User, "role" | "cityId" | "disabled">>, options: { endSessions?: boolean } = {}): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(publicColumns).from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new AppError("not_found");
    const [after] = await tx
      .update(users)
      .set({ ...change, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning(publicColumns);
    if (!after) throw new AppError("not_found");
    // Ended, not just refused while disabled: enabling the account again must not revive old cookies.
    if (options.endSessions) {
      await tx
        .update(userSessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
    }
    await writeAudit(tx, { actorId, action, entity: "user", entityId: userId, before: auditView(before), after: auditView(after) });
    return after;
  });
}

export async function changeUserRole(db: Database, input: ChangeRoleInput, actorId: number): Promise<PublicUser> {
  // Admins cannot demote themselves: the programme would be left without a way back in.
  if (input.userId === actorId && input.role !== "admin") throw new AppError("invalid", "users.cannotDemoteSelf");
  await assertCityExists(db, input.cityId);
  return updateUser(db, input.userId, actorId, "user.role", { role: input.role, cityId: input.cityId });
}

export async function setUserDisabled(db: Database, input: SetDisabledInput, actorId: number): Promise<PublicUser> {
  if (input.userId === actorId && input.disabled) throw new AppError("invalid", "users.cannotDisableSelf");
  return updateUser(db, input.userId, actorId, input.disabled ? "user.disable" : "user.enable", { disabled: input.disabled }, { endSessions: input.disabled });
}

/** An administrator lifts a sign-in lock: the address's failed attempts are forgotten, with an audit row. */
export async function unlockUser(db: Database, userId: number, actorId: number): Promise<{ email: string; cleared: number }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!user) throw new AppError("not_found");
    const cleared = await clearLoginFailures(tx, user.email);
    await writeAudit(tx, { actorId, action: "user.unlock", entity: "user", entityId: userId, after: { email: user.email, failuresCleared: cleared } });
    return { email: user.email, cleared };
  });
}

/** The account a "forgot password" request names, or null. */
export async function findUserForReset(db: Database, email: string) {
  const [row] = await db.select({ id: users.id, email: users.email, name: users.name, locale: users.locale, disabled: users.disabled }).from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}

/** What an invitation mail says about the user: their role, their city's names, their language. */
export async function findUserForInvitation(db: Database, userId: number) {
  const [row] = await db
    .select({ ...publicColumns, cityNameEn: cities.nameEn, cityNameBn: cities.nameBn, cityNameNe: cities.nameNe, invitationUntil: pendingInvitationUntil })
    .from(users)
    .leftJoin(cities, eq(cities.id, users.cityId))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  return row ?? null;
}

/** Sets a user's password hash; a disabled account is left alone (null). */
export async function setUserPasswordHash(db: Database, userId: number, passwordHash: string): Promise<{ id: number; email: string } | null> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(users.disabled, false)))
    .returning({ id: users.id, email: users.email });
  return row ?? null;
}

export async function updateUserLocale(db: Database, userId: number, locale: string): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

/** What the reader's time zone is decided from: their own choice, and their city's country. */
export async function timeZoneContext(db: Database, userId: number): Promise<{ timeZone: string | null; country: string | null } | null> {
  const [row] = await db.select({ timeZone: users.timeZone, country: cities.country }).from(users).leftJoin(cities, eq(cities.id, users.cityId)).where(eq(users.id, userId));
  return row ?? null;
}

/** The user's chosen time zone; null goes back to their city's (lib/time.ts resolveTimeZone). */
export async function updateUserTimeZone(db: Database, userId: number, timeZone: string | null): Promise<void> {
  await db.update(users).set({ timeZone, updatedAt: sql`now()` }).where(eq(users.id, userId));
}
