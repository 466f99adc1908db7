import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
// Bangla and Devanagari served by the app itself: a phone without these scripts' fonts still shows
// them right (and PDFs printed from pages embed them). Each file is fetched only for the glyphs a
// page uses (unicode-range), and after the system's own fonts in --font-sans.
import "@fontsource/noto-sans-bengali/400.css";
import "@fontsource/noto-sans-bengali/600.css";
import "@fontsource/noto-sans-devanagari/400.css";
import "@fontsource/noto-sans-devanagari/600.css";
import "./globals.css";
import { getI18n } from "@/server/i18n";
import { loadHasDemoData } from "@/server/loaders/cities";
import { DemoBanner } from "@/components/shell/DemoBanner";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` }, description: t("app.tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#134e4a" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, demo] = await Promise.all([getI18n(), loadHasDemoData()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          {t("shell.skipToContent")}
        </a>
        {demo ? <DemoBanner text={t("shell.demoBanner")} /> : null}
        {children}
      </body>
    </html>
  );
}
