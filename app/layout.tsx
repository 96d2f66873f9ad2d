import type { Metadata, Viewport } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Rolo", template: "%s · Rolo" }, description: "Contact management for teams" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };
// Every page renders per request so that Next can put this request's CSP nonce on its scripts
// (a page prerendered at build time would carry none and its scripts would be refused).
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
