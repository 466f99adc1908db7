/**
 * Grey placeholder shapes shown while a route's server component waits for the database. Plain
 * markup (no client JavaScript), so it appears at once on a slow phone connection. The visible
 * "Loading…" line is also the live region screen readers announce.
 *
 * Before adding a loading.tsx (or a <Suspense>) with it, know the two costs of streaming, both
 * seen in Chromium here: (1) the response's status is sent with the skeleton, so a page below it
 * that calls notFound() or forbidden() answers 200 instead of 404/403 (drafts, editor pages);
 * (2) without JavaScript the streamed content stays hidden behind the skeleton. So it suits only
 * pages that never refuse and already need JavaScript (the dashboard), not the events, resources,
 * city, review or compare pages.
 */

export type SkeletonKind = "list" | "detail" | "table" | "charts" | "form";

const bar = "rounded bg-slate-200 motion-safe:animate-pulse";

function Block({ className }: { className: string }) {
  return <div className={`${bar} ${className}`} />;
}

function Cards({ count }: { count: number }) {
  return (
    <div className="space-y-3">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-lg border border-slate-200 bg-white p-4">
          <Block className="h-4 w-2/3" />
          <Block className="mt-3 h-3 w-1/2" />
          <Block className="mt-2 h-3 w-1/3" />
        </div>
      ))}
    </div>
  );
}

function Panel({ className = "" }: { className?: string }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`}>
      <Block className="h-4 w-1/3" />
      <Block className="mt-4 h-3 w-full" />
      <Block className="mt-2 h-3 w-5/6" />
      <Block className="mt-2 h-3 w-2/3" />
    </div>
  );
}

function Body({ kind }: { kind: SkeletonKind }) {
  switch (kind) {
    case "list":
      return (
        <>
          <Block className="mb-4 h-20 w-full" />
          <Cards count={4} />
        </>
      );
    case "detail":
      return (
        <div className="grid gap-4 lg:grid-cols-3">
          <Panel className="lg:col-span-2" />
          <Panel />
        </div>
      );
    case "table":
      return (
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          {Array.from({ length: 8 }, (_, i) => (
            <Block key={i} className={`h-5 w-full ${i ? "mt-3" : ""}`} />
          ))}
        </div>
      );
    case "charts":
      return (
        <>
          <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
            {Array.from({ length: 4 }, (_, i) => (
              <Block key={i} className="h-20" />
            ))}
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Block className="h-64" />
            <Block className="h-64" />
          </div>
        </>
      );
    case "form":
      return (
        <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i}>
              <Block className="h-3 w-1/3" />
              <Block className="mt-2 h-10 w-full" />
            </div>
          ))}
        </div>
      );
  }
}

/** A page-shaped placeholder: a title bar, then the shape of the page that is on its way. */
export function PageSkeleton({ label, kind = "list" }: { label: string; kind?: SkeletonKind }) {
  return (
    <div aria-busy="true" data-testid="page-skeleton">
      <p role="status" className="mb-3 text-sm text-slate-600">{label}</p>
      <div aria-hidden="true">
        <Block className="mb-2 h-7 w-1/2 max-w-xs" />
        <Block className="mb-6 h-4 w-3/4 max-w-md" />
        <Body kind={kind} />
      </div>
    </div>
  );
}

