import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { printPdf } from "@/server/pdf/print";

const CHROMIUM = "/usr/bin/chromium";
const canPrint = existsSync(CHROMIUM) && existsSync("/usr/bin/pdftotext");

const font = readFileSync(path.resolve(__dirname, "../../node_modules/@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-400-normal.woff2")).toString("base64");

describe.skipIf(!canPrint)("PDFs printed by Chromium", () => {
  it("keeps Bangla as real, shaped text (conjuncts included) that pdftotext reads back, in well under 5 s", async () => {
    const html = `<!doctype html><html lang="bn"><head><meta charset="utf-8"><style>
      @font-face { font-family: "Noto Sans Bengali"; src: url(data:font/woff2;base64,${font}) format("woff2"); }
      body { font-family: "Noto Sans Bengali", sans-serif; }
    </style></head><body><h1>কুষ্টিয়া পৌরসভা</h1><p>CWIS index 62</p><p>স্যানিটেশন ও মানববর্জ্য ব্যবস্থাপনা</p></body></html>`;
    const started = performance.now();
    const pdf = await printPdf(html);
    const ms = performance.now() - started;
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");
    // pdftotext puts a space between the glyph clusters of large text (the heading: "কু ষ্টি য়া"),
    // so the heading is compared without spaces; body text comes back exactly as written.
    expect(text.replace(/\s+/g, "")).toContain("কুষ্টিয়াপৌরসভা");
    expect(text).toContain("CWIS index 62");
    expect(text).toContain("মানববর্জ্য");
    expect(ms).toBeLessThan(5000);
  });

  it("lets the document reach nothing outside its base address", async () => {
    // A server the document names, standing in for anything on the network (an internal address).
    let hits = 0;
    const server = createServer((_request, response) => {
      hits++;
      response.end("x");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = `<!doctype html><html><body><img src="${url}/meta-data"><link rel="stylesheet" href="${url}/a.css"><p>offline</p></body></html>`;
      const text = execFileSync("pdftotext", ["-", "-"], { input: await printPdf(html) }).toString("utf8");
      expect(text).toContain("offline");
      expect(hits).toBe(0);
      // The same address as the base is reached.
      await printPdf(html, { baseUrl: url });
      expect(hits).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});
