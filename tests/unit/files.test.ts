import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { detectFileType } from "@/lib/files/detect";
import { attachmentDisposition, sanitizeFileName } from "@/lib/files/names";
import { ByteLimitError, MAX_UPLOAD_BYTES, MULTIPART_OVERHEAD_BYTES, byteLimit } from "@/lib/files/limit";
import { UploadTooLargeError, assertSameOrigin, checkFile, readMultipart } from "@/lib/files/upload";
import { extractPdfText, withTimeout } from "@/lib/files/pdf-text";
import { buildPdf } from "@/lib/files/simple-pdf";
import { AppError } from "@/lib/errors";
import en from "@/messages/en.json";
import bn from "@/messages/bn.json";
import ne from "@/messages/ne.json";
import { sampleDocx, sampleElf, sampleHtml, sampleJpeg, sampleOds, sampleOdt, samplePdf, samplePe, samplePng, samplePptx, sampleSvg, sampleXlsx, sampleZip } from "../fixtures/files";

describe("file type by content", () => {
  it.each([
    ["pdf", samplePdf(), "application/pdf"],
    ["docx", sampleDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["xlsx", sampleXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["pptx", samplePptx(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    ["odt", sampleOdt(), "application/vnd.oasis.opendocument.text"],
    ["png", samplePng(), "image/png"],
    ["jpeg", sampleJpeg(), "image/jpeg"],
  ] as const)("accepts %s", (kind, bytes, mimeType) => {
    expect(detectFileType(bytes)).toMatchObject({ ok: true, kind, mimeType });
  });

  it("recognises programs whatever they are called", () => {
    expect(detectFileType(sampleElf())).toEqual({ ok: false, reason: "executable" });
    expect(detectFileType(samplePe())).toEqual({ ok: false, reason: "executable" });
    expect(detectFileType(new TextEncoder().encode("#!/bin/sh\nrm -rf /\n"))).toEqual({ ok: false, reason: "executable" });
  });

  it("refuses HTML, SVG, text, other ZIPs and empty files", () => {
    expect(detectFileType(sampleHtml())).toEqual({ ok: false, reason: "unknown" });
    expect(detectFileType(sampleSvg())).toEqual({ ok: false, reason: "unknown" });
    expect(detectFileType(new TextEncoder().encode("just text"))).toEqual({ ok: false, reason: "unknown" });
    expect(detectFileType(sampleZip())).toEqual({ ok: false, reason: "unknown" });
    expect(detectFileType(sampleOds())).toEqual({ ok: false, reason: "unknown" });
    expect(detectFileType(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    // A truncated archive: the central directory is gone.
    expect(detectFileType(sampleDocx().slice(0, 60))).toEqual({ ok: false, reason: "unknown" });
  });

  it("checks the content, not the name: a renamed program and an HTML page called .pdf are refused with a clear message in every language", async () => {
    await expect(checkFile(samplePe(), "annual-report.pdf")).rejects.toMatchObject({ code: "invalid", messageKey: "resources.file.executable" });
    await expect(checkFile(sampleElf(), "plan.docx")).rejects.toMatchObject({ messageKey: "resources.file.executable" });
    await expect(checkFile(sampleHtml(), "report.pdf")).rejects.toMatchObject({ code: "invalid", messageKey: "resources.file.typeNotAllowed" });
    await expect(checkFile(sampleSvg(), "logo.png")).rejects.toMatchObject({ messageKey: "resources.file.typeNotAllowed" });
    for (const key of ["resources.file.executable", "resources.file.typeNotAllowed", "resources.file.tooLarge", "resources.file.empty"] as const) {
      expect(en[key]).toMatch(/\w/);
      expect(bn[key]).not.toBe(en[key]);
      expect(ne[key]).not.toBe(en[key]);
    }
  });

  it("names a PNG sent as .pdf by what it is, and hashes the bytes", async () => {
    const bytes = samplePng();
    const checked = await checkFile(bytes, "C:\\Users\\me\\photo.pdf");
    expect(checked).toMatchObject({ kind: "png", mimeType: "image/png", fileName: "photo.png", size: bytes.length, extractedText: "" });
    expect(checked.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("refuses a file over the cap", async () => {
    await expect(checkFile(samplePdf(), "a.pdf", 100)).rejects.toMatchObject({ code: "too_large", messageKey: "resources.file.tooLarge" });
  });
});

describe("PDF text", () => {
  it("reads the words of a PDF written in code", async () => {
    const text = await extractPdfText(buildPdf(["Faecal sludge zubbleworth", "second line"]));
    expect(text).toContain("zubbleworth");
    expect(text).toContain("second line");
  });

  it("gives no text, not an error, for a broken PDF", async () => {
    expect(await extractPdfText(new TextEncoder().encode("%PDF-1.4\nthis is not really a pdf"))).toBe("");
  });

  it("stops waiting at the time cap", async () => {
    const started = Date.now();
    expect(await withTimeout(new Promise<string>(() => {}), 50)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await withTimeout(Promise.resolve("done"), 1000)).toBe("done");
  });
});

describe("file names", () => {
  it("drops directories, control and reserved characters and fixes the extension", () => {
    expect(sanitizeFileName("../../etc/passwd", "pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName('a\u0000b\u202e"c<d>.PDF', "pdf")).toBe("ab_c_d_.pdf");
    expect(sanitizeFileName("...hidden.pdf", "pdf")).toBe("hidden.pdf");
    expect(sanitizeFileName("report.exe", "pdf")).toBe("report.pdf");
    expect(sanitizeFileName("", "png")).toBe("resource.png");
    expect(sanitizeFileName("version 1.2 final", "docx")).toBe("version 1.2 final.docx");
  });

  it("keeps Bangla and Nepali letters and cuts long names by character", () => {
    expect(sanitizeFileName("নির্দেশিকা ২০২৫.pdf", "pdf")).toBe("নির্দেশিকা ২০২৫.pdf");
    const long = sanitizeFileName("ক".repeat(300) + ".pdf", "pdf");
    expect([...long].length).toBe(120);
    expect(long.endsWith(".pdf")).toBe(true);
  });

  it("sends an attachment with an ASCII fallback and an RFC 5987 UTF-8 name", () => {
    expect(attachmentDisposition("plan.pdf")).toBe(`attachment; filename="plan.pdf"; filename*=UTF-8''plan.pdf`);
    const header = attachmentDisposition("নির্দেশিকা (v2).pdf");
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(header).toContain("filename*=UTF-8''%E0%A6%A8");
    expect(header).toContain("%28v2%29.pdf");
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? "")).toBe("নির্দেশিকা (v2).pdf");
  });
});

/** A body that would be 100 MB, produced lazily: it counts how much anyone actually read. */
function lazyBody(totalBytes: number, chunkBytes = 64 * 1024) {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - produced);
      produced += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
  return { stream, produced: () => produced };
}

describe("upload size limit", () => {
  it("fails the stream just past the limit instead of reading everything", async () => {
    const body = lazyBody(100 * 1024 * 1024);
    const reader = body.stream.pipeThrough(byteLimit(1024 * 1024)).getReader();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) break;
      })(),
    ).rejects.toBeInstanceOf(ByteLimitError);
    expect(body.produced()).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over 25 MB before reading the body", async () => {
    const body = lazyBody(MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES + 1);
    const request = new Request("http://localhost/api/v1/resources", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES + 1) },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    await expect(readMultipart(request)).rejects.toBeInstanceOf(UploadTooLargeError);
    // At most the stream's first chunk, pulled when the request was built.
    expect(body.produced()).toBeLessThanOrEqual(64 * 1024);
  });

  it("cuts off a chunked multipart body over 25 MB while it streams", async () => {
    const total = 100 * 1024 * 1024;
    const head = new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n');
    let produced = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced === 0) {
          produced += head.length;
          return controller.enqueue(head);
        }
        if (produced >= total) return controller.close();
        produced += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024).fill(0x20));
      },
    });
    const request = new Request("http://localhost/api/v1/resources", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: stream, duplex: "half" } as RequestInit);
    await expect(readMultipart(request)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(produced).toBeLessThan(MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES + 2 * 1024 * 1024);
  });

  it("reads a small multipart body", async () => {
    const form = new FormData();
    form.set("title", "A guide");
    form.set("file", new Blob([Buffer.from(samplePdf())]), "guide.pdf");
    const request = new Request("http://localhost/api/v1/resources", { method: "POST", body: form });
    const parsed = await readMultipart(request);
    expect(parsed.get("title")).toBe("A guide");
    expect(parsed.get("file")).toBeInstanceOf(File);
  });

  it("refuses a body that is not multipart", async () => {
    const request = new Request("http://localhost/api/v1/resources", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await expect(readMultipart(request)).rejects.toMatchObject({ code: "bad_request" });
  });
});

describe("cross-site form posts", () => {
  const post = (headers: Record<string, string>) => new Request("http://cwis.example/api/v1/resources", { method: "POST", headers });
  it("accepts the same site and bearer tokens", () => {
    expect(() => assertSameOrigin(post({ host: "cwis.example", origin: "http://cwis.example", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "cwis.example", origin: "http://cwis.example" }))).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "cwis.example", origin: "https://evil.example", authorization: "Bearer cwis_x" }))).not.toThrow();
  });
  it("refuses another site's form", () => {
    expect(() => assertSameOrigin(post({ host: "cwis.example", origin: "https://evil.example" }))).toThrow(AppError);
    expect(() => assertSameOrigin(post({ host: "cwis.example", "sec-fetch-site": "cross-site" }))).toThrow(AppError);
    // A cookie write with no Origin at all: a replayed cookie, not a page of this site.
    expect(() => assertSameOrigin(post({ host: "cwis.example" }))).toThrow(AppError);
  });
});
