"use client";

import type { ReactNode } from "react";

/** The preview's form: the fields need one (show-when reads it), but nothing is ever sent. */
export function PreviewForm({ children, lang }: { children: ReactNode; lang: string }) {
  return (
    <form lang={lang} onSubmit={(event) => event.preventDefault()} data-testid="preview-form" noValidate>
      {children}
    </form>
  );
}
