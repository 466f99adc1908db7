import MarkdownIt from "markdown-it";
import DOMPurify from "isomorphic-dompurify";

/**
 * Markdown as people write it in a report's sections, rendered to HTML that is safe to show on the
 * programme's pages, in print and in PDFs. Two layers: markdown-it with raw HTML off (a `<script>`
 * typed into a section is shown as text) and only http(s), mailto and in-site links; then
 * DOMPurify with a short allowlist of tags and attributes, so nothing the renderer might let
 * through — an event handler, a `javascript:` or `data:` link, a style — survives.
 */

// Longest section a report may hold (characters of markdown); kept beside the templates so the
// editor reads it without loading the renderer into the browser.
import { MARKDOWN_MAX } from "@/lib/reports/templates";
export { MARKDOWN_MAX };

const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#)/i;

const renderer = new MarkdownIt({ html: false, linkify: true, typographer: false });
renderer.validateLink = (url: string) => SAFE_URL.test(url.trim());

const ALLOWED_TAGS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"];

export function renderMarkdown(source: string): string {
  const html = renderer.render(source);
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR: ["href", "title"], ALLOWED_URI_REGEXP: SAFE_URL, ALLOW_DATA_ATTR: false });
}

// Raw HTML of any kind (a tag, an event handler inside one) and script links are refused when a
// section is saved, so the writer learns at once; rendering sanitizes again whatever is stored.
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?\/?>/i;
const SCRIPT_URL = /(?:javascript|vbscript|livescript)\s*:|\]\(\s*<?\s*data\s*:/i;

/** Why a section's markdown is refused (a message key), or null when it may be saved. */
export function markdownProblem(source: string): "validation.markdown.tooLong" | "validation.markdown.html" | "validation.markdown.scriptLink" | null {
  if (source.length > MARKDOWN_MAX) return "validation.markdown.tooLong";
  if (HTML_TAG.test(source)) return "validation.markdown.html";
  if (SCRIPT_URL.test(source)) return "validation.markdown.scriptLink";
  return null;
}
