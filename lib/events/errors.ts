import { z } from "zod";
import { AppError } from "@/lib/errors";

/** A refusal that belongs to one form field (an unknown city, a capacity below the registrations). */
export function fieldRefusal(field: string, messageKey: string): z.ZodError {
  return new z.ZodError([{ code: "custom", path: [field], message: messageKey, input: undefined }]);
}

export interface TrainerOverlap {
  eventId: number;
  title: string;
  trainerName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

/**
 * A trainer of the event is already booked at that time. Nothing was saved; the form shows the
 * clashes and saving again with `confirmOverlap` goes ahead.
 */
export class OverlapWarning extends AppError {
  constructor(readonly overlaps: TrainerOverlap[]) {
    super("conflict", "events.overlapWarning");
    this.name = "OverlapWarning";
  }
}
