/** Longest text kept per file: the search column indexes the first 200,000 characters too. */
export const MAX_EXTRACTED_CHARS = 200_000;
const MAX_PAGES = 300;
const TIMEOUT_MS = 15_000;

/**
 * The text of a PDF for search, or "" when it cannot be read in time (scans, encrypted or broken
 * files, very large documents). Failing here never refuses an upload: the file just is not
 * searchable by its content.
 */
export async function extractPdfText(bytes: Uint8Array, options: { timeoutMs?: number; maxPages?: number } = {}): Promise<string> {
  try {
    return (await withTimeout(readText(bytes, options.maxPages ?? MAX_PAGES), options.timeoutMs ?? TIMEOUT_MS)) ?? "";
  } catch {
    return "";
  }
}

/** The promise's value, or null once `ms` have passed (the work itself is left to finish). */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function readText(bytes: Uint8Array, maxPages: number): Promise<string> {
  const { getDocumentProxy } = await import("unpdf");
  // pdf.js may take ownership of the buffer it is given; hand it a copy.
  // Text needs no font programs compiled to functions: with eval off, a crafted font cannot run
  // code here (the class of CVE-2024-4367), whatever pdf.js version is installed.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false });
  try {
    const parts: string[] = [];
    let length = 0;
    const pages = Math.min(pdf.numPages, maxPages);
    for (let number = 1; number <= pages && length < MAX_EXTRACTED_CHARS; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join("");
      parts.push(text);
      length += text.length;
      page.cleanup();
    }
    return parts.join("\n").replace(/\u0000/g, "").replace(/[ \t]+/g, " ").trim().slice(0, MAX_EXTRACTED_CHARS);
  } finally {
    await pdf.destroy();
  }
}
