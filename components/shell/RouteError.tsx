"use client";

import { useEffect } from "react";

/**
 * Client error boundaries cannot read the server's message catalogue; the text is kept short and
 * given in all three languages so every reader finds theirs. Each route group's error.tsx re-exports it.
 */
export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <p className="font-medium text-red-900">Something went wrong. · কিছু একটা ভুল হয়েছে। · केही गडबड भयो।</p>
      {error.digest ? <p className="mt-1 text-sm text-red-800">Ref: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-3 rounded-md bg-red-700 px-4 py-2 text-sm text-white">
        Try again · আবার চেষ্টা করুন · फेरि प्रयास गर्नुहोस्
      </button>
    </div>
  );
}
