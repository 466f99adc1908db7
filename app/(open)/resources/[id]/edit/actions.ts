"use server";

import { z } from "zod";
import { actionWith } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { setResourceStatus } from "@/server/resources/status";
import type { ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { resourceFormFields, resourceStatusSchema, resourceUpdateSchema } from "@/lib/validation/resources";
import { boundId } from "@/lib/validation/events";
import { deleteResource, updateResource } from "@/server/resources/write";

const TEXT_FIELDS = ["title", "summary", "type", "language", "city", "author", "year", "externalUrl"] as const;


// The id is bound on the page but comes back from the browser like any input.
const readId = (_formData: FormData, resourceId: number) => ({ resourceId: boundId(resourceId) });
const idSchema = z.object({ resourceId: z.number() });

/** Saves a resource's metadata; refusals come back with what the person typed. */
export const updateResourceAction = actionWith({
  permission: "resources.create",
  schema: idSchema,
  read: readId,
  // Who may edit this resource (reviewers and admins any; the uploader their own draft, officers
  // within their city) is decided by updateResource in the transaction that writes it; here the
  // officer's scope is their own city, which that rule then holds them to.
  scope: async ({ actor }) => ({ cityId: actor.cityId }),
  run: async ({ db, actor, input, formData }) => {
    await updateResource(db, input.resourceId, resourceUpdateSchema.parse(resourceFormFields(formData)), actor);
    return undefined;
  },
  invalidate: () => invalidate.resources(),
  echo: TEXT_FIELDS,
  echoMulti: ["components", "lenses"],
});

const setStatus = actionWith({
  permission: "resources.publish",
  schema: z.object({ resourceId: z.number(), status: resourceStatusSchema }),
  read: (_formData, arg: { resourceId: number; status: unknown }) => ({ resourceId: boundId(arg.resourceId), status: arg.status }),
  run: async ({ db, actor, input }) => {
    await setResourceStatus(db, input.resourceId, input.status, actor);
    return undefined;
  },
  invalidate: () => invalidate.resources(),
  redirectTo: (_data, { input }) => `/resources/${input.resourceId}/edit?done=${input.status}`,
});

/** Publishes a draft or takes a resource back to draft (reviewers and admins). */
export async function setResourceStatusAction(resourceId: number, status: "draft" | "published", previous?: ActionResult | null, formData?: FormData): Promise<ActionResult> {
  return setStatus({ resourceId, status }, previous ?? null, formData ?? new FormData());
}

/** Deletes a resource for good (admins), once the confirmation box is ticked. */
export const deleteResourceAction = actionWith({
  permission: "resources.delete",
  schema: idSchema,
  read: (formData, resourceId: number) => {
    if (formData.get("confirm") !== "yes") throw new AppError("invalid", "resources.deleteNeedsConfirm");
    return readId(formData, resourceId);
  },
  run: async ({ db, actor, input }) => {
    await deleteResource(db, input.resourceId, actor);
    return undefined;
  },
  invalidate: () => invalidate.resources(),
  redirectTo: () => "/resources",
});
