"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/server/authz";
import { echoValues, runAction, type ActionResult } from "@/lib/action-result";
import { changeRoleSchema, createUserSchema, setDisabledSchema } from "@/lib/validation/users";
import { getDb } from "@/db/client";
import { changeUserRole, createUser, setUserDisabled } from "@/db/queries/users";

export async function createUserAction(_previous: ActionResult<{ email: string }> | null, formData: FormData): Promise<ActionResult<{ email: string }>> {
  return manageUsers(async (actorId) => {
    const user = await createUser(await getDb(), createUserSchema.parse(Object.fromEntries(formData)), actorId);
    return { email: user.email };
  }, echoValues(formData, ["email", "name", "role", "cityId", "locale"]));
}

/** Runs one user-management change for an administrator and refreshes the list when it worked. */
async function manageUsers<T>(change: (actorId: number) => Promise<T>, values?: Record<string, string>): Promise<ActionResult<T>> {
  const result = await runAction(async () => {
    const actor = await requirePermission("users.manage");
    return change(actor.id);
  }, values);
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function changeRoleAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return manageUsers(async (actorId) => {
    await changeUserRole(await getDb(), changeRoleSchema.parse(Object.fromEntries(formData)), actorId);
    return undefined;
  }, echoValues(formData, ["role", "cityId"]));
}

export async function setDisabledAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return manageUsers(async (actorId) => {
    await setUserDisabled(await getDb(), setDisabledSchema.parse(Object.fromEntries(formData)), actorId);
    return undefined;
  });
}
