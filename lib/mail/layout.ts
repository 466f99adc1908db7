import type { Locale } from "@/lib/i18n/config";

/**
 * A mail's body as blocks, so the HTML and the plain-text part say the same thing and every piece
 * of text is escaped in one place. No images: many readers' clients block them, and Bangla and
 * Devanagari render from the client's own fonts (the font stack names the common ones).
 */
export type MailBlock =
  | { kind: "p"; text: string }
  /** Somebody's words (a reviewer's comment), set apart and never read as markup. */
  | { kind: "quote"; text: string }
  | { kind: "button"; label: string; url: string }
  | { kind: "list"; items: { text: string; url?: string }[] }
  | { kind: "facts"; rows: [label: string, value: string][] }
  | { kind: "small"; text: string };

export interface MailContent {
  subject: string;
  /** The first line in the inbox list (hidden in the HTML body). */
  preheader?: string;
  blocks: MailBlock[];
  /** Why the reader gets this and how to stop it; always last. */
  footer: MailBlock[];
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Only links the app made: http(s) and absolute. Anything else renders as text without a link. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

const FONT = `font-family:'Noto Sans Bengali','Noto Sans Devanagari','Nirmala UI',Vrinda,Mangal,Kohinoor Bangla,Kohinoor Devanagari,Arial,sans-serif`;

function paragraphs(text: string): string {
  return escapeHtml(text).replace(/\n/g, "<br>");
}

function htmlBlock(block: MailBlock): string {
  switch (block.kind) {
    case "p":
      return `<p style="margin:0 0 16px;line-height:1.6">${paragraphs(block.text)}</p>`;
    case "small":
      return `<p style="margin:0 0 12px;line-height:1.5;font-size:13px;color:#4b5563">${paragraphs(block.text)}</p>`;
    case "quote":
      return `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #0f766e;background:#f0fdfa;line-height:1.6">${paragraphs(block.text)}</blockquote>`;
    case "button": {
      const href = safeHref(block.url);
      if (!href) return `<p style="margin:0 0 16px">${escapeHtml(block.label)}</p>`;
      return `<p style="margin:0 0 20px"><a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:#0f766e;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold">${escapeHtml(block.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#4b5563;word-break:break-all">${escapeHtml(href)}</p>`;
    }
    case "list":
      return `<ul style="margin:0 0 16px;padding-left:20px;line-height:1.6">${block.items
        .map((item) => {
          const href = item.url ? safeHref(item.url) : null;
          return `<li>${href ? `<a href="${escapeHtml(href)}" style="color:#0f766e">${escapeHtml(item.text)}</a>` : escapeHtml(item.text)}</li>`;
        })
        .join("")}</ul>`;
    case "facts":
      return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${block.rows
        .map(([label, value]) => `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top;color:#4b5563;font-weight:normal">${escapeHtml(label)}</th><td style="padding:4px 0">${paragraphs(value)}</td></tr>`)
        .join("")}</table>`;
  }
}

function textBlock(block: MailBlock): string {
  switch (block.kind) {
    case "p":
    case "small":
      return block.text;
    case "quote":
      return block.text
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
    case "button":
      return `${block.label}:\n${safeHref(block.url) ?? ""}`;
    case "list":
      return block.items.map((item) => `- ${item.text}${item.url && safeHref(item.url) ? `\n  ${safeHref(item.url)}` : ""}`).join("\n");
    case "facts":
      return block.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
  }
}

/** The HTML and text parts of one message; `programme` is the sender's name shown at the top. */
export function renderMail(locale: Locale, content: MailContent, programme: string): RenderedMail {
  const body = content.blocks.map(htmlBlock).join("\n");
  const footer = content.footer.map(htmlBlock).join("\n");
  const preheader = content.preheader ? `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>` : "";
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6">
${preheader}
<div style="max-width:600px;margin:0 auto;padding:24px 16px;${FONT};font-size:16px;color:#111827">
<p style="margin:0 0 20px;font-weight:bold;color:#0f766e">${escapeHtml(programme)}</p>
<div style="background:#ffffff;border-radius:8px;padding:24px">
${body}
</div>
<div style="padding:16px 4px 0">
${footer}
</div>
</div>
</body>
</html>
`;
  const text = [programme, "", ...content.blocks.map(textBlock).flatMap((part) => [part, ""]), "--", ...content.footer.map(textBlock)].join("\n").trimEnd() + "\n";
  return { subject: content.subject, html, text };
}
