import Link from "next/link";

export interface Tab {
  key: string;
  href: string;
  label: string;
}

/** An area's tabs: links to its pages, the current one marked for screen readers; scrolls sideways on a phone. */
export function TabNav({ label, tabs, current }: { label: string; tabs: readonly Tab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-2 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined} className={`-mb-px inline-flex min-h-11 items-center whitespace-nowrap border-b-2 px-3 text-sm ${tab.key === current ? "border-brand-600 font-semibold text-brand-800" : "border-transparent text-slate-600"}`}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
