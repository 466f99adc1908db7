export function DemoBanner({ text }: { text: string }) {
  return (
    <div role="note" data-testid="demo-banner" className="print:hidden bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
      {text}
    </div>
  );
}
