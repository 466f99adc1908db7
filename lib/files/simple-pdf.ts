/**
 * Writes a small, valid one-page PDF with lines of text (Helvetica, printable ASCII only). Used
 * for the demo library and for tests, so no sample documents need to be shipped.
 */
export function buildPdf(lines: readonly string[], options: { title?: string } = {}): Uint8Array {
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, "?").replace(/([\\()])/g, "\\$1");
  const stream = ["BT", "/F1 12 Tf", "14 TL", "56 780 Td", ...lines.map((line) => `(${escape(line)}) Tj T*`), "ET"].join("\n");
  const info = options.title ? `<< /Title (${escape(options.title)}) /Producer (CWIS Mentor Cities) >>` : "<< /Producer (CWIS Mentor Cities) >>";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    info,
  ];
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character is below U+0100, so latin1 keeps one byte per character and the offsets hold.
  return new Uint8Array(Buffer.from(body, "latin1"));
}
