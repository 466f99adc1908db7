import type { ActionResult } from "@/lib/action-result";

/** A clash shown on the event form, already formatted for the reader. */
export interface OverlapView {
  eventId: number;
  title: string;
  trainerName: string;
  when: string;
}

/** The saved event's id on success (the action then opens its page); clashes with a refusal. */
export type EventFormState = (ActionResult<number> & { overlaps?: OverlapView[] }) | null;
