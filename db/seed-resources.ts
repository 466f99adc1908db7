import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { cities, components, lenses, resourceComponents, resourceLenses, resources, users, type ResourceLanguage, type ResourceType } from "./schema";
import { storeFile } from "./queries/files";
import { buildPdf } from "@/lib/files/simple-pdf";

interface DemoResource {
  title: string;
  summary: string;
  type: ResourceType;
  language: ResourceLanguage;
  city: string | null;
  author: string;
  year: number;
  components: string[];
  lenses: string[];
  uploader: string;
  // A PDF written with these lines, or a link.
  pdfLines?: string[];
  fileName?: string;
  url?: string;
  downloads: number;
}

// Illustrative documents; the links use the reserved example.org domain.
const DEMO_RESOURCES: DemoResource[] = [
  {
    title: "Kushtia faecal sludge management by-law",
    summary: "The by-law the Kushtia municipal council adopted for licensing emptying operators, fees and safe disposal of faecal sludge.",
    type: "policy",
    language: "en",
    city: "kushtia",
    author: "Kushtia Paurashava",
    year: 2024,
    components: ["governance", "service_delivery"],
    lenses: ["responsibility", "accountability"],
    uploader: "officer.kushtia@demo.cwis",
    pdfLines: ["Kushtia Paurashava", "Faecal sludge management by-law (illustrative demo document)", "Section 1. Every emptying operator holds a licence from the Paurashava.", "Section 2. Sludge is delivered only to the treatment plant at Jugia.", "Section 3. Fees are published each year."],
    fileName: "kushtia-fsm-by-law.pdf",
    downloads: 42,
  },
  {
    title: "মল-কাদা ব্যবস্থাপনা নির্দেশিকা: নিরাপদ খালিকরণ",
    summary: "পৌরসভার জন্য নিরাপদ যান্ত্রিক খালিকরণ, পরিবহন ও শোধনাগারে পৌঁছে দেওয়ার ধাপে ধাপে নির্দেশিকা।",
    type: "guideline",
    language: "bn",
    city: "kushtia",
    author: "Kushtia Paurashava",
    year: 2025,
    components: ["service_delivery"],
    lenses: ["safety"],
    uploader: "reviewer@demo.cwis",
    pdfLines: ["Faecal sludge management guideline: safe emptying (Bangla edition)", "Illustrative demo document.", "Step 1. Book a mechanical emptying truck.", "Step 2. Workers wear full protective equipment."],
    fileName: "fsm-guideline-bn.pdf",
    downloads: 17,
  },
  {
    title: "Safe desludging: training deck for sanitation workers",
    summary: "Slides used in the mentor-city training on protective equipment, safe emptying and first aid for sanitation workers.",
    type: "training_material",
    language: "en",
    city: null,
    author: "CWIS programme training team",
    year: 2025,
    components: ["service_delivery", "gesi"],
    lenses: ["safety", "equity"],
    uploader: "trainer@demo.cwis",
    pdfLines: ["Safe desludging - training for sanitation workers (illustrative demo document)", "Module 1: personal protective equipment", "Module 2: safe emptying with a vacuum truck", "Module 3: first aid and occupational health"],
    fileName: "safe-desludging-training.pdf",
    downloads: 8,
  },
  {
    title: "Women-led emptying enterprise in Jhenaidah (video)",
    summary: "A short film on the women's cooperative that runs a desludging service in Jhenaidah.",
    type: "video",
    language: "en",
    city: "jhenaidah",
    author: "Jhenaidah Paurashava",
    year: 2024,
    components: ["womens_entrepreneurship"],
    lenses: ["equity", "sustainability"],
    uploader: "admin@demo.cwis",
    url: "https://example.org/cwis-demo/jhenaidah-women-enterprise",
    downloads: 5,
  },
  {
    title: "স্যানিটেশন সেবায় ডিজিটাল পেমেন্ট: অভিজ্ঞতা ও শিক্ষা",
    summary: "মোবাইল ব্যাংকিংয়ের মাধ্যমে খালিকরণ ফি আদায়ের অভিজ্ঞতা নিয়ে প্রতিবেদন।",
    type: "report",
    language: "bn",
    city: "faridpur",
    author: "Faridpur Paurashava",
    year: 2025,
    components: ["digital_finance"],
    lenses: ["resource_planning"],
    uploader: "admin@demo.cwis",
    url: "https://example.org/cwis-demo/faridpur-digital-payments",
    downloads: 3,
  },
  {
    title: "महालक्ष्मी नगरपालिका सरसफाइ योजना",
    summary: "नगरपालिकाको शहरव्यापी समावेशी सरसफाइ योजना (प्रदर्शनका लागि नमूना)।",
    type: "plan",
    language: "ne",
    city: "mahalaxmi",
    author: "Mahalaxmi Municipality",
    year: 2024,
    components: ["governance", "engagement_bcc"],
    lenses: ["resource_planning"],
    uploader: "officer.mahalaxmi@demo.cwis",
    pdfLines: ["Mahalaxmi Municipality citywide inclusive sanitation plan (illustrative demo document)", "Goal: safely managed sanitation for every household by 2030."],
    fileName: "mahalaxmi-sanitation-plan.pdf",
    downloads: 11,
  },
];

/**
 * A few published demo resources in English, Bangla and Nepali: PDFs written in code and links.
 * Idempotent: a demo resource whose title exists already is left as it is.
 */
export async function seedDemoResources(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await tx.select({ title: resources.title }).from(resources).where(and(eq(resources.isDemo, true), inArray(resources.title, DEMO_RESOURCES.map((r) => r.title))));
    const have = new Set(existing.map((r) => r.title));
    const missing = DEMO_RESOURCES.filter((r) => !have.has(r.title));
    if (missing.length === 0) return;
    const [cityRows, userRows, componentRows, lensRows] = await Promise.all([
      tx.select({ id: cities.id, slug: cities.slug }).from(cities),
      tx.select({ id: users.id, email: users.email }).from(users),
      tx.select({ id: components.id, code: components.code }).from(components),
      tx.select({ code: lenses.code }).from(lenses),
    ]);
    const cityId = new Map(cityRows.map((c) => [c.slug, c.id]));
    const userId = new Map(userRows.map((u) => [u.email, u.id]));
    const componentId = new Map(componentRows.map((c) => [c.code, c.id]));
    const lensCodes = new Set(lensRows.map((l) => l.code));
    const reviewer = userId.get("reviewer@demo.cwis") ?? null;
    const now = Date.now();
    for (const [index, demo] of missing.entries()) {
      let fileId: number | null = null;
      if (demo.pdfLines) {
        const bytes = Buffer.from(buildPdf(demo.pdfLines, { title: demo.title.normalize("NFKD").replace(/[^\x20-\x7e]/g, "") || "CWIS resource" }));
        fileId = (await storeFile(tx, { bytes, sha256: createHash("sha256").update(bytes).digest("hex"), mimeType: "application/pdf", size: bytes.length })).id;
      }
      // Spread over past weeks so "newest first" has an order.
      const publishedAt = new Date(now - (index + 1) * 9 * 86_400_000);
      const [row] = await tx
        .insert(resources)
        .values({
          title: demo.title,
          summary: demo.summary,
          type: demo.type,
          language: demo.language,
          cityId: demo.city ? (cityId.get(demo.city) ?? null) : null,
          author: demo.author,
          year: demo.year,
          status: "published",
          fileId,
          fileName: fileId !== null ? (demo.fileName ?? "resource.pdf") : null,
          externalUrl: fileId === null ? (demo.url ?? null) : null,
          extractedText: demo.pdfLines?.join("\n") ?? "",
          downloadCount: demo.downloads,
          createdBy: userId.get(demo.uploader) ?? null,
          publishedBy: reviewer,
          publishedAt,
          isDemo: true,
          createdAt: new Date(publishedAt.getTime() - 86_400_000),
        })
        .returning({ id: resources.id });
      if (!row) continue;
      const componentIds = demo.components.map((code) => componentId.get(code)).filter((id): id is number => id !== undefined);
      if (componentIds.length) await tx.insert(resourceComponents).values(componentIds.map((id) => ({ resourceId: row.id, componentId: id }))).onConflictDoNothing();
      const lensList = demo.lenses.filter((code) => lensCodes.has(code));
      if (lensList.length) await tx.insert(resourceLenses).values(lensList.map((code) => ({ resourceId: row.id, lensCode: code }))).onConflictDoNothing();
    }
  });
}
