"use server";

import { revalidatePath } from "next/cache";
import { requirePermission } from "@/lib/authz";
import { echoValues, runAction, type ActionResult } from "@/lib/action-result";
import { changeRoleSchema, createUserSchema, setDisabledSchema } from "@/lib/validation/users";
import { getDb } from "@/db/client";
import { changeUserRole, createUser, setUserDisabled } from "@/db/queries/users";

export async function createUserAction(_previous: ActionResult<{ email: string }> | null, formData: FormData): Promise<ActionResult<{ email: string }>> {
  const result = await runAction(async () => {
    const actor = await requirePermission("users.manage");
    const input = createUserSchema.parse(Object.fromEntries(formData));
    const user = await createUser(await getDb(), input, actor.id);
    return { email: user.email };
  }, echoValues(formData, ["email", "name", "role", "cityId", "locale"]));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function changeRoleAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requirePermission("users.manage");
    await changeUserRole(await getDb(), changeRoleSchema.parse(Object.fromEntries(formData)), actor.id);
    return undefined;
  }, echoValues(formData, ["role", "cityId"]));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setDisabledAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requirePermission("users.manage");
    await setUserDisabled(await getDb(), setDisabledSchema.parse(Object.fromEntries(formData)), actor.id);
    return undefined;
  });
  if (result.ok) revalidatePath("/admin/users");
  return result;
}
