export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

export function FormStatus({ ok, message, testId }: { ok: boolean; message: string; testId?: string }) {
  return (
    <p role={ok ? "status" : "alert"} data-testid={testId} className={`rounded-md p-3 text-sm ${ok ? "bg-brand-50 text-brand-800" : "bg-red-50 text-red-800"}`}>
      {message}
    </p>
  );
}
