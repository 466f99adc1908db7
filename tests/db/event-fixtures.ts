import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/permissions";

/** A seeded user as the queries' actor. */
export async function actorByEmail(db: Database, email: string): Promise<Actor> {
  const [row] = await db.select({ id: users.id, role: users.role, cityId: users.cityId }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

/**
 * The refusal's message key, whichever way it was refused: an AppError, or a field's ZodError
 * (lib/events/errors fieldRefusal). Fails when the promise resolves.
 */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error && typeof error === "object" && "messageKey" in error && typeof error.messageKey === "string") return error.messageKey;
    if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues)) return String((error.issues[0] as { message?: string } | undefined)?.message);
    throw error;
  }
  throw new Error("expected a refusal");
}
