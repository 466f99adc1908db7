import { z } from "zod";
import { oneClickQuerySchema } from "@/lib/validation/newsletter";
import { AppError } from "@/lib/errors";
import { apiRoute } from "@/server/route";
import { signLink, verifyLink } from "@/server/mail/links";
import { unsubscribe } from "@/server/newsletter/manage";

// RFC 8058 allows either encoding of the one-field form; anything larger is not a mail client's.
const MAX_BODY = 4096;

async function readOneClickBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY) throw new AppError("too_large");
  if ((request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const form = await request.formData();
    return { "List-Unsubscribe": form.get("List-Unsubscribe") };
  }
  const text = await request.text();
  if (text.length > MAX_BODY) throw new AppError("too_large");
  return { "List-Unsubscribe": new URLSearchParams(text).get("List-Unsubscribe") };
}

/**
 * One-click unsubscribe (RFC 8058): the mail client POSTs `List-Unsubscribe=One-Click` to the
 * List-Unsubscribe address, without cookies and often from another site; the signature in the
 * URL is the only proof needed. Answers 200 (also when already unsubscribed).
 */
export const POST = apiRoute({
  auth: "public",
  query: oneClickQuerySchema,
  body: { read: readOneClickBody, schema: z.object({ "List-Unsubscribe": z.literal("One-Click") }) },
  run: async ({ db, query }) => {
    await unsubscribe(db, { purpose: "unsubscribe", token: query.s, digestId: query.d ?? null });
    return new Response("Unsubscribed.\n", { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  },
});

/**
 * The same address opened in a browser (or fetched by a link scanner) changes nothing: it leads
 * to the manage page, which asks before unsubscribing. A relative Location: never the Host header.
 */
export const GET = apiRoute({
  auth: "public",
  database: false,
  run: ({ request }) => {
    const url = new URL(request.url);
    const link = verifyLink("unsubscribe", url.searchParams.get("s"));
    const digest = Number(url.searchParams.get("d"));
    const target = link
      ? `/newsletter/manage?s=${encodeURIComponent(signLink("manage", link.subscriptionId, link.nonce))}&leave=1${Number.isSafeInteger(digest) && digest > 0 ? `&d=${digest}` : ""}`
      : "/newsletter/manage?s=";
    return new Response(null, { status: 303, headers: { Location: target, "Cache-Control": "no-store" } });
  },
});
