"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/server/authz";
import { runAction, type ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { resourceFormFields, resourceStatusSchema, resourceUpdateSchema } from "@/lib/validation/resources";
import { boundId } from "@/lib/validation/events";
import { getDb } from "@/db/client";
import { deleteResource, setResourceStatus, updateResource } from "@/db/queries/resources";

const TEXT_FIELDS = ["title", "summary", "type", "language", "city", "author", "year", "externalUrl"] as const;

/** What the person typed, sent back with an error; multi-valued fields joined by commas. */
function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of TEXT_FIELDS) {
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value;
  }
  values.components = formData.getAll("components").filter((v) => typeof v === "string").join(",");
  values.lenses = formData.getAll("lenses").filter((v) => typeof v === "string").join(",");
  return values;
}

/**
 * Saves a resource's metadata. The query checks who may edit (reviewers and admins any; the
 * uploader their own draft, officers within their city) in the same transaction as the write.
 */
export async function updateResourceAction(resourceId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requireUser();
    if (!can(actor.role, "resources.create")) throw new AppError("forbidden");
    await updateResource(await getDb(), boundId(resourceId), resourceUpdateSchema.parse(resourceFormFields(formData)), actor);
    return undefined;
  }, echo(formData));
  if (result.ok) revalidatePath("/resources", "layout");
  return result;
}

/** Publishes a draft or takes a resource back to draft (reviewers and admins). */
export async function setResourceStatusAction(resourceId: number, status: "draft" | "published"): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requireUser();
    if (!can(actor.role, "resources.publish")) throw new AppError("forbidden");
    await setResourceStatus(await getDb(), boundId(resourceId), resourceStatusSchema.parse(status), actor);
    return undefined;
  });
  if (result.ok) {
    revalidatePath("/resources", "layout");
    redirect(`/resources/${resourceId}/edit?done=${status}`);
  }
  return result;
}

/** Deletes a resource for good (admins), once the confirmation box is ticked. */
export async function deleteResourceAction(resourceId: number, _previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const actor = await requireUser();
    if (!can(actor.role, "resources.delete")) throw new AppError("forbidden");
    if (formData.get("confirm") !== "yes") throw new AppError("invalid", "resources.deleteNeedsConfirm");
    await deleteResource(await getDb(), boundId(resourceId), actor);
    return undefined;
  });
  if (result.ok) {
    revalidatePath("/resources", "layout");
    redirect("/resources");
  }
  return result;
}
