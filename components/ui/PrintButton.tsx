"use client";

/** Opens the browser's print dialog (the page's print styles hide everything but the sheet). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => window.print()} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white print:hidden">
      {label}
    </button>
  );
}
