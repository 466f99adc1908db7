import type { ActionResult } from "@/lib/action-result";

/** A clash shown on the event form, already formatted for the reader. */
export interface OverlapView {
  eventId: number;
  title: string;
  trainerName: string;
  when: string;
}

export type EventFormState = (ActionResult<undefined> & { overlaps?: OverlapView[] }) | null;
