"use server";

import { redirect } from "next/navigation";
import { action } from "@/server/action";
import { invalidate } from "@/server/invalidate";
import { findOwnNotification, markNotificationsRead } from "@/db/queries/notifications";
import { AppError } from "@/lib/errors";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { notificationIdSchema } from "@/lib/validation/mail";

/** Marks one of the user's notifications (or, without an id, all of them) read. */
export const markReadAction = action({
  permission: "notifications.read",
  schema: notificationIdSchema,
  run: async ({ db, actor, input }) => markNotificationsRead(db, actor.id, input.id),
  invalidate: () => invalidate.notifications(),
});

/** Opens a notification: marks it read and goes to what it is about. Another user's id is "not found". */
export const openNotificationAction = action({
  permission: "notifications.read",
  schema: notificationIdSchema,
  run: async ({ db, actor, input }) => {
    const notification = input.id === undefined ? null : await findOwnNotification(db, actor.id, input.id);
    if (!notification) throw new AppError("not_found");
    await markNotificationsRead(db, actor.id, notification.id);
    return notification.link;
  },
  invalidate: () => invalidate.notifications(),
  // The link was made by the app, but only a local path may follow.
  redirectTo: (link) => safeCallbackPath(link, "/notifications"),
});

export async function openNotificationForm(formData: FormData): Promise<void> {
  const result = await openNotificationAction(null, formData);
  if (!result.ok) redirect("/notifications");
}
