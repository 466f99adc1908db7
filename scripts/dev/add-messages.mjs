#!/usr/bin/env node
// Merges new UI strings into messages/{en,bn,ne}.json.
// Usage: node scripts/dev/add-messages.mjs new-keys.json
// where new-keys.json is { "some.key": { "en": "...", "bn": "...", "ne": "..." }, ... }.
// Existing keys are replaced. A lock directory keeps two people (or helpers) from racing.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const lock = path.join(root, "messages", ".lock");
for (let i = 0; ; i++) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (i > 200) throw new Error("messages/.lock is held; remove it if no one is writing");
    await new Promise((r) => setTimeout(r, 50));
  }
}
try {
  for (const locale of ["en", "bn", "ne"]) {
    const file = path.join(root, "messages", `${locale}.json`);
    const messages = JSON.parse(readFileSync(file, "utf8"));
    for (const [key, texts] of Object.entries(input)) {
      if (typeof texts[locale] !== "string" || !texts[locale]) throw new Error(`${key} has no ${locale} text`);
      messages[key] = texts[locale];
    }
    writeFileSync(file, JSON.stringify(messages, null, 2) + "\n");
  }
  console.log(`added ${Object.keys(input).length} keys`);
} finally {
  rmdirSync(lock);
}
