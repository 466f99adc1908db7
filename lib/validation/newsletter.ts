import { z } from "zod";
import { COUNTRIES, NEWSLETTER_TOPICS } from "@/lib/domain";
import { LOCALES } from "@/lib/i18n/config";
import { hasLineBreak, isMailbox } from "@/lib/mail/address";
import { isCalendarDate } from "@/lib/time";

/**
 * An address the newsletter will write to. A line break anywhere (even at the end, where a trim
 * would hide it) is refused, not stripped; so is anything but one plain ASCII mailbox.
 */
export const newsletterEmail = z
  .string({ error: "newsletter.result.badAddress" })
  .max(254, { error: "newsletter.result.badAddress" })
  .refine((value) => !hasLineBreak(value), { error: "newsletter.result.badAddress" })
  .transform((value) => value.trim().toLowerCase())
  .refine(isMailbox, { error: "newsletter.result.badAddress" });

/** A signed link's `s` (server/mail/links.ts checks it); a malformed one is simply not found. */
export const signedToken = z.string().max(200);

const choices = {
  locale: z.enum(LOCALES, { error: "validation.invalid" }),
  countries: z.array(z.enum(COUNTRIES, { error: "validation.invalid" })).max(COUNTRIES.length).transform((v) => [...new Set(v)]),
  cityIds: z
    .array(z.coerce.number({ error: "validation.city" }).int({ error: "validation.city" }).positive({ error: "validation.city" }))
    .max(100, { error: "validation.tooMany" })
    .transform((v) => [...new Set(v)].sort((a, b) => a - b)),
  topics: z.array(z.enum(NEWSLETTER_TOPICS, { error: "validation.invalid" })).max(NEWSLETTER_TOPICS.length).transform((v) => [...new Set(v)]),
};

/** What a subscriber chooses: the language of the mail, and what they care about (empty: everything). */
export const newsletterChoicesSchema = z.object(choices);
export type NewsletterChoices = z.infer<typeof newsletterChoicesSchema>;

/**
 * The public form. `website` is the honeypot: hidden from people, so whatever fills it is a
 * program; the answer is the same and nothing is stored or sent.
 */
export const subscribeSchema = z.object({ email: newsletterEmail, ...choices, website: z.string().max(1000).optional() });
export type SubscribeInput = z.infer<typeof subscribeSchema>;

/** The manage page: the same choices, for the subscription the signed link names. */
export const manageSchema = z.object({ s: signedToken, ...choices });
export type ManageInput = z.infer<typeof manageSchema>;

export const manageUnsubscribeSchema = z.object({ s: signedToken, d: z.coerce.number().int().positive().optional().catch(undefined) });

/** Checkbox groups arrive as repeated fields; everything else as one value. */
export function readChoiceForm(formData: FormData): Record<string, unknown> {
  const strings = (name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string");
  return {
    ...Object.fromEntries([...formData.entries()].filter(([name, value]) => typeof value === "string" && !name.startsWith("$"))),
    countries: strings("countries"),
    cityIds: strings("cityIds"),
    topics: strings("topics"),
  };
}

/** The one-click unsubscribe (RFC 8058): the link's signature, and the digest it came in. */
export const oneClickQuerySchema = z.object({ s: signedToken, d: z.coerce.number().int().positive().optional().catch(undefined) });

export const MAX_RATE_PER_MINUTE = 600;
const DAY_MS = 86_400_000;

const calendarDate = z.string().refine(isCalendarDate, { error: "validation.date" }).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: "validation.date" });

/** "New digest": the period it reports on (calendar days, both included, at most a year). */
export const digestPeriodSchema = z
  .object({ from: calendarDate, to: calendarDate })
  .superRefine((value, ctx) => {
    const span = Date.parse(`${value.to}T00:00:00Z`) - Date.parse(`${value.from}T00:00:00Z`);
    if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "validation.newsletter.dateOrder" });
    else if (span > 366 * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: "validation.newsletter.periodLong" });
  });
export type DigestPeriodInput = z.infer<typeof digestPeriodSchema>;

const subject = z
  .string()
  .refine((v) => !hasLineBreak(v), { error: "validation.newsletter.subjectOneLine" })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, { error: "validation.newsletter.subject" }).max(200, { error: "validation.newsletter.subject" }));
const body = z
  .string()
  .transform((v) => v.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(1, { error: "validation.newsletter.body" }).max(20_000, { error: "validation.newsletter.body" }));

export const digestIdSchema = z.object({ id: z.coerce.number().int().positive("validation.invalid") });

/** The editor: a subject and a text in each language, and the pace of sending. */
export const digestContentSchema = z.object({
  id: z.coerce.number().int().positive("validation.invalid"),
  subject_en: subject,
  subject_bn: subject,
  subject_ne: subject,
  body_en: body,
  body_bn: body,
  body_ne: body,
  ratePerMinute: z.coerce.number({ error: "validation.newsletter.rate" }).int({ error: "validation.newsletter.rate" }).min(1, { error: "validation.newsletter.rate" }).max(MAX_RATE_PER_MINUTE, { error: "validation.newsletter.rate" }),
});
export type DigestContentInput = z.infer<typeof digestContentSchema>;
