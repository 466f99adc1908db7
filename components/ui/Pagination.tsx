import Link from "next/link";
import type { Translate } from "@/lib/i18n/messages";

/** Previous/next links that keep the other query parameters. Renders nothing for a single page. */
export function Pagination({ page, pageSize, total, basePath, params, t }: { page: number; pageSize: number; total: number; basePath: string; params: Record<string, string | undefined>; t: Translate }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const href = (target: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    query.set("page", String(target));
    return `${basePath}?${query.toString()}`;
  };
  const linkClass = "inline-flex min-h-10 items-center rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50";
  return (
    <nav className="mt-4 flex items-center justify-between gap-2 text-sm" aria-label={t("pagination.label")}>
      {page > 1 ? <Link className={linkClass} href={href(page - 1)} rel="prev">{t("pagination.previous")}</Link> : <span />}
      <span className="text-slate-600">{t("pagination.pageOf", { page, pages })}</span>
      {page < pages ? <Link className={linkClass} href={href(page + 1)} rel="next">{t("pagination.next")}</Link> : <span />}
    </nav>
  );
}

/** Parses `?page=` into a 1-based page number and the matching offset. */
export function pageParams(raw: string | string[] | undefined, pageSize: number): { page: number; offset: number; limit: number } {
  const parsed = Number(Array.isArray(raw) ? raw[0] : raw);
  const page = Number.isInteger(parsed) && parsed > 0 && parsed < 100000 ? parsed : 1;
  return { page, offset: (page - 1) * pageSize, limit: pageSize };
}
