import "server-only";
import { revalidatePath } from "next/cache";

/**
 * What each kind of change makes stale, one helper per area, so a new page that shows values or
 * events is added here once instead of to every action that writes them.
 */
export const invalidate = {
  /** A city's profile, pairs or the list of cities. */
  cities(): void {
    revalidatePath("/cities", "layout");
  },
  /** Values of a city (and, when known, one quarter): entry, city page, review queue, dashboard. */
  cityValues(slug: string, period?: string): void {
    revalidatePath(`/cities/${slug}`, "layout");
    if (period) revalidatePath(`/review/${slug}/${period}`);
    revalidatePath("/review");
    revalidatePath("/dashboard");
  },
  /** One event's page, or (without an id) every event page and the calendar. */
  events(eventId?: number): void {
    if (eventId === undefined) revalidatePath("/events", "layout");
    else revalidatePath(`/events/${eventId}`);
  },
  /** The framework's indicators (their plausible ranges): the framework pages. */
  framework(): void {
    revalidatePath("/framework", "layout");
  },
  /** The CSV import page's history of imports and checks. */
  imports(): void {
    revalidatePath("/import");
  },
  /** Questionnaires, rounds and responses: the area's pages, and the dashboard's "due soon". */
  questionnaires(): void {
    revalidatePath("/questionnaires", "layout");
    revalidatePath("/dashboard");
  },
  /** Reports: their pages, the public report pages and city pages, and the library (final reports enter it). */
  reports(): void {
    revalidatePath("/reports", "layout");
    revalidatePath("/explore", "layout");
    revalidatePath("/resources", "layout");
  },
  /** A city's committees, members and meetings (and the problems that name a committee). */
  committees(slug: string): void {
    revalidatePath(`/cities/${slug}/committees`, "layout");
    revalidatePath(`/cities/${slug}/problems`, "layout");
  },
  /** A city's problems: the log, the problem pages, and the public city page's counts. */
  problems(slug: string): void {
    revalidatePath(`/cities/${slug}/problems`, "layout");
    revalidatePath(`/explore/${slug}`);
  },
  /** A city's plans (their pages, and the programme's list of plans). */
  plans(slug: string): void {
    revalidatePath(`/cities/${slug}/plans`, "layout");
    revalidatePath("/plans");
  },
  resources(): void {
    revalidatePath("/resources", "layout");
  },
  users(): void {
    revalidatePath("/admin/users");
  },
  /** The admin's outbox list and message pages. */
  outbox(): void {
    revalidatePath("/admin/outbox", "layout");
  },
  /** The bell (in every page's header) and the notifications list. */
  notifications(): void {
    revalidatePath("/", "layout");
  },
  profile(): void {
    revalidatePath("/profile");
  },
  /** The language or anything else every page's layout shows. */
  everything(): void {
    revalidatePath("/", "layout");
  },
} as const;
