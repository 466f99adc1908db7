export function EmptyState({ title, body }: { title: string; body?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
      <p className="font-medium text-slate-800">{title}</p>
      {body ? <p className="mt-1 text-sm text-slate-600">{body}</p> : null}
    </div>
  );
}
