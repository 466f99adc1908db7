import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { getOutboxMessage, listOutbox, outboxStatusCounts } from "@/db/queries/outbox";
import { deliveryChoices, listNotifications, unreadCount } from "@/db/queries/notifications";
import type { OutboxStatus } from "@/lib/domain";

/** A page of the outbox, newest first. The page checks "mail.outbox" before calling. */
export const loadOutboxPage = cache(async (status: OutboxStatus | undefined, page: { limit: number; offset: number }) => listOutbox(await getDb(), { status, ...page }));

export const loadOutboxCounts = cache(async () => outboxStatusCounts(await getDb()));

/** One message with both parts, for the preview. */
export const loadOutboxMessage = cache(async (id: number) => getOutboxMessage(await getDb(), id));

/** The signed-in user's own notifications (the caller passes the session's user id, never input). */
export const loadNotifications = cache(async (userId: number, page: { limit: number; offset: number }) => listNotifications(await getDb(), userId, page));

export const loadUnreadCount = cache(async (userId: number) => unreadCount(await getDb(), userId));

export const loadDeliveryChoices = cache(async (userId: number) => (await deliveryChoices(await getDb(), [userId])).get(userId) ?? new Map());
