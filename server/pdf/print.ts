import "server-only";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { env } from "@/lib/env";

/**
 * PDFs printed by the system's Chromium (CHROMIUM_PATH, default /usr/bin/chromium): a browser
 * shapes Bangla and Devanagari and keeps the text real and selectable, which PDF libraries that
 * draw glyphs one by one do not. No tool downloads a browser of its own.
 */

// The flags every headless Chromium of this project runs with (tests/e2e/browser.ts): no network chatter.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Whether PDFs can be printed here; where not, pages offer their print view instead. */
export function pdfPrintingAvailable(): boolean {
  return existsSync(env().chromiumPath);
}

export interface PdfOptions {
  /** Chromium's header and footer templates (HTML; `pageNumber`, `totalPages` classes are filled in). */
  headerTemplate?: string;
  footerTemplate?: string;
  /** Give up after this long (a report must not hold a request for long). */
  timeoutMs?: number;
}

/**
 * Prints a whole HTML document (its styles and fonts inline or from `baseUrl`) as an A4 PDF. The
 * page can reach nothing but `baseUrl`: every other request is refused, so a document cannot make
 * the server fetch anything.
 */
export async function printPdf(html: string, options: PdfOptions & { baseUrl?: string } = {}): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: env().chromiumPath, args: FLAGS, timeout: options.timeoutMs ?? 15_000 });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      return options.baseUrl && url.startsWith(options.baseUrl) ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load", timeout: options.timeoutMs ?? 15_000 });
    const header = options.headerTemplate ?? "<span></span>";
    const footer = options.footerTemplate ?? '<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';
    const pdf = await page.pdf({ format: "A4", printBackground: true, displayHeaderFooter: true, headerTemplate: header, footerTemplate: footer, margin: { top: "18mm", bottom: "16mm", left: "14mm", right: "14mm" } });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

/**
 * Prints a page of this app (its print view) as an A4 PDF: Chromium opens `url`, which must lie
 * under `baseUrl` (the app's own internal address), with the page's own print styles, page size
 * and running header and footer (CSS @page margin boxes). Anything outside `baseUrl` is refused,
 * JavaScript is off: the print view is server-rendered HTML.
 */
export async function printPagePdf(url: string, options: { baseUrl: string; timeoutMs?: number }): Promise<Buffer> {
  if (!url.startsWith(options.baseUrl)) throw new Error("the page to print must lie under the base address");
  const timeout = options.timeoutMs ?? 15_000;
  const browser = await chromium.launch({ executablePath: env().chromiumPath, args: FLAGS, timeout });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route("**/*", (route) => (route.request().url().startsWith(options.baseUrl) ? route.continue() : route.abort()));
    const page = await context.newPage();
    const response = await page.goto(url, { waitUntil: "load", timeout });
    if (!response || !response.ok()) throw new Error(`the print view answered ${response?.status() ?? "nothing"}`);
    await page.evaluate(() => document.fonts.ready).catch(() => undefined);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
