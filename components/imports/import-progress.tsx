"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "@/lib/api-client";
import type { ImportView } from "@/lib/imports/schemas";
import { Button } from "@/components/ui/button";

const active = (status?: string) => status === "queued" || status === "running";

/** One import's view; the progress card polls it, and Past imports reads the same entry. */
export const importQuery = (id: string) => ({ queryKey: ["import", id], queryFn: () => api.getImport(id) });

/** Live progress of one import (polled), then its summary. */
export function ImportProgress({ id, onDone }: { id: string; onDone?: (view: ImportView) => void }) {
  const job = useQuery({ ...importQuery(id), refetchInterval: (q) => (active(q.state.data?.status) || !q.state.data ? 500 : false) });
  const notified = useRef(false);
  const view = job.data;

  useEffect(() => {
    if (!view) return;
    if (!active(view.status) && !notified.current) {
      notified.current = true;
      onDone?.(view);
    }
  }, [view, onDone]);

  if (!view) return <p className="text-sm text-slate-500">Starting the import…</p>;
  // Rows per second since the job started, as of the last poll.
  const elapsed = view.started_at ? job.dataUpdatedAt - Date.parse(view.started_at) : 0;
  const rate = elapsed > 0 ? (view.processed_rows * 1000) / elapsed : 0;
  const remaining = view.total_rows !== null ? view.total_rows - view.processed_rows : null;
  const eta = rate > 0 && remaining !== null ? Math.ceil(remaining / rate) : null;

  return (
    <section aria-labelledby={`import-${id}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`import-${id}`} className="text-lg font-semibold">
        {view.file_name}: {view.status}
      </h2>
      {active(view.status) ? (
        <>
          <progress
            className="h-3 w-full"
            aria-label="Import progress"
            max={view.total_rows ?? 1}
            value={view.total_rows ? view.processed_rows : undefined}
          />
          <p className="text-sm text-slate-600" aria-live="polite">
            {view.processed_rows.toLocaleString("en")} of {view.total_rows?.toLocaleString("en") ?? "…"} rows
            {rate > 0 ? ` · ${Math.round(rate).toLocaleString("en")} rows/s` : ""}
            {eta !== null ? ` · about ${eta} s left` : ""}
          </p>
          <Button onClick={() => void api.cancelImport(id).then(() => job.refetch())}>Cancel import</Button>
        </>
      ) : (
        <div className="space-y-2 text-sm" role="status">
          {view.error ? <p className="text-red-700">{view.error}</p> : null}
          <dl className="grid grid-cols-2 gap-2 sm:grid-cols-6">
            {(
              [
                ["Rows", view.processed_rows],
                ["Created", view.created],
                ["Updated", view.updated],
                ["Skipped", view.skipped],
                ["Failed", view.failed_rows],
                ["Kept unsubscribed", view.kept_unsubscribed],
              ] as const
            ).map(([label, n]) => (
              <div key={label} className="rounded bg-slate-50 p-2">
                <dt className="text-slate-500">{label}</dt>
                <dd className="text-lg font-semibold">{n.toLocaleString("en")}</dd>
              </div>
            ))}
          </dl>
          <p className="flex gap-4">
            <Link href="/contacts?sort=-updated_at" className="text-indigo-700 underline">See the imported contacts</Link>
            {view.failed_rows > 0 || view.kept_unsubscribed > 0 ? (
              <a href={view.errors_url} className="text-indigo-700 underline">
                {view.failed_rows > 0 ? "Download the rejected rows (CSV)" : "Download the row report (CSV)"}
              </a>
            ) : null}
          </p>
        </div>
      )}
    </section>
  );
}
