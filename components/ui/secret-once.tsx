"use client";
// A secret the server shows only once (an API key, a webhook signing secret): shown with Copy and Done.
import type { ReactNode } from "react";
import { Button } from "./button";
import { useToast } from "./toast";

export function SecretOnce({ label, secret, onDone, children }: { label: string; secret: string; onDone: () => void; children: ReactNode }) {
  const toast = useToast();
  return (
    <div role="status" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4">
      <p className="text-sm font-medium text-emerald-900">{children}</p>
      <div className="flex flex-wrap gap-2">
        <code aria-label={label} className="flex-1 rounded bg-white px-2 py-1.5 font-mono text-sm break-all">
          {secret}
        </code>
        <Button
          onClick={async () => {
            await navigator.clipboard?.writeText(secret).catch(() => {});
            toast("Copied to clipboard");
          }}
        >
          Copy
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
