import type { LocalizedText } from "@/lib/domain";
import type { MailBlock, MailContent } from "../layout";
import { link, type MailContext } from "./context";

// The public newsletter's mail. Tokens travel only in links; the pages they open check them.
// Nothing here is markup: the layout escapes every piece of text, the admin's digest text included.

export const CONFIRM_PATH = "/newsletter/confirm";
export const MANAGE_PATH = "/newsletter/manage";
export const UNSUBSCRIBE_PATH = "/newsletter/unsubscribe";

export const confirmUrl = (ctx: MailContext, token: string) => link(ctx, `${CONFIRM_PATH}?s=${encodeURIComponent(token)}`);
export const manageUrl = (ctx: MailContext, token: string) => link(ctx, `${MANAGE_PATH}?s=${encodeURIComponent(token)}`);
/** The one-click address (RFC 8058) of List-Unsubscribe, also the footer's link; `digestId` says which digest it came in. */
export const unsubscribeUrl = (ctx: MailContext, token: string, digestId?: number) => link(ctx, `${UNSUBSCRIBE_PATH}?s=${encodeURIComponent(token)}${digestId ? `&d=${digestId}` : ""}`);

function subscriberFooter(ctx: MailContext, links: { manage: string; unsubscribe?: string }, confirmed: boolean): MailBlock[] {
  return [
    { kind: "small", text: ctx.t(confirmed ? "mail.newsletter.footer" : "mail.newsletter.footerPending") },
    {
      kind: "list",
      items: [{ text: ctx.t("mail.newsletter.manage"), url: links.manage }, ...(links.unsubscribe ? [{ text: ctx.t("mail.newsletter.unsubscribe"), url: links.unsubscribe }] : [])],
    },
  ];
}

/** Double opt-in: the link that confirms, and the one that manages (or withdraws) the request. */
export function confirmationMail(ctx: MailContext, params: { confirmToken: string; manageToken: string; days: number }): MailContent {
  const { t } = ctx;
  return {
    subject: t("mail.newsletter.confirm.subject"),
    preheader: t("mail.newsletter.confirm.intro"),
    blocks: [
      { kind: "p", text: t("mail.newsletter.confirm.intro") },
      { kind: "button", label: t("mail.newsletter.confirm.button"), url: confirmUrl(ctx, params.confirmToken) },
      { kind: "small", text: t("mail.newsletter.confirm.validity", { days: params.days }) },
    ],
    footer: subscriberFooter(ctx, { manage: manageUrl(ctx, params.manageToken) }, false),
  };
}

/** A sign-up for an address already confirmed: nothing changes, and this says where to manage it. */
export function alreadySubscribedMail(ctx: MailContext, params: { manageToken: string; unsubscribeToken: string }): MailContent {
  const { t } = ctx;
  return {
    subject: t("mail.newsletter.already.subject"),
    preheader: t("mail.newsletter.already.intro"),
    blocks: [
      { kind: "p", text: t("mail.newsletter.already.intro") },
      { kind: "button", label: t("mail.newsletter.manage"), url: manageUrl(ctx, params.manageToken) },
    ],
    footer: subscriberFooter(ctx, { manage: manageUrl(ctx, params.manageToken), unsubscribe: unsubscribeUrl(ctx, params.unsubscribeToken) }, true),
  };
}

const LIST_ITEM = /^- (.*)$/;
const TRAILING_URL = /^(.*?)\s+(https?:\/\/\S+)$/;

/**
 * The admin's digest text as blocks: blank lines separate paragraphs; lines that start with "- "
 * are list items, and a web address ending such a line is the item's link. The text is never
 * markup: the layout escapes it, and a link that is not http(s) shows as plain text.
 */
export function digestBodyBlocks(body: string): MailBlock[] {
  const blocks: MailBlock[] = [];
  let paragraph: string[] = [];
  let items: { text: string; url?: string }[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "p", text: paragraph.join("\n") });
    if (items.length > 0) blocks.push({ kind: "list", items });
    paragraph = [];
    items = [];
  };
  for (const raw of body.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    const item = LIST_ITEM.exec(line.trimStart());
    if (line.trim() === "") {
      flush();
    } else if (item) {
      if (paragraph.length > 0) flush();
      const text = (item[1] ?? "").trim();
      const withUrl = TRAILING_URL.exec(text);
      items.push(withUrl ? { text: withUrl[1] ?? text, url: withUrl[2] } : { text });
    } else {
      if (items.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** One digest for one subscriber: the admin's subject and text, and the subscriber's own links. */
export function digestMail(ctx: MailContext, params: { subject: string; body: string; manageToken: string; unsubscribeToken: string; digestId?: number }): MailContent {
  const blocks = digestBodyBlocks(params.body);
  const first = blocks.find((b) => b.kind === "p");
  return {
    subject: params.subject,
    ...(first && first.kind === "p" ? { preheader: first.text.slice(0, 140) } : {}),
    blocks,
    footer: subscriberFooter(ctx, { manage: manageUrl(ctx, params.manageToken), unsubscribe: unsubscribeUrl(ctx, params.unsubscribeToken, params.digestId) }, true),
  };
}

/** What a digest is drafted from (db/queries/newsletter.ts reads it for the period). */
export interface DigestFacts {
  /** Calendar days, both included. */
  from: string;
  to: string;
  progress: { slug: string; name: LocalizedText; count: number }[];
  events: { id: number; title: string; startsAt: Date; city: LocalizedText }[];
  resources: { id: number; title: string }[];
}

/** The automatic draft in the reader's language: subject and the plain text the admin then edits. */
export function draftDigest(ctx: MailContext, facts: DigestFacts): { subject: string; body: string } {
  const { t, format, locale } = ctx;
  const from = format.date(facts.from);
  const to = format.date(facts.to);
  const section = (heading: string, lines: string[], none: string) => [heading, ...(lines.length > 0 ? lines : [none])].join("\n");
  const body = [
    t("newsletter.draft.intro", { from, to }),
    section(
      t("newsletter.draft.progress"),
      facts.progress.map((p) => `- ${t("newsletter.draft.progressItem", { city: p.name[locale] || p.name.en, count: p.count })} ${link(ctx, `/explore/${p.slug}`)}`),
      t("newsletter.draft.noProgress"),
    ),
    section(
      t("newsletter.draft.events"),
      facts.events.map((e) => `- ${t("newsletter.draft.eventItem", { date: format.date(e.startsAt), title: oneLine(e.title), city: e.city[locale] || e.city.en })} ${link(ctx, `/events/${e.id}`)}`),
      t("newsletter.draft.noEvents"),
    ),
    section(t("newsletter.draft.resources"), facts.resources.map((r) => `- ${oneLine(r.title)} ${link(ctx, `/resources/${r.id}`)}`), t("newsletter.draft.noResources")),
    t("newsletter.draft.outro", { url: link(ctx, "/explore") }),
  ].join("\n\n");
  return { subject: t("newsletter.draft.subject", { from, to }), body };
}

// A title is one line of the draft: a line break in it would start a paragraph of its own.
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
