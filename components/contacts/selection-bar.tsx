"use client";
// What is selected (explicit ids, or "all N matching" the filter) and the bulk actions on it.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api } from "@/lib/api-client";
import type { BulkActionName, BulkJobView } from "@/lib/bulk/schemas";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export type Selection = { kind: "ids"; ids: string[]; count: number } | { kind: "filter"; filter: Record<string, unknown>; segment?: string; count: number };

type Pending = { action: BulkActionName; verb: string; tag?: "add" | "remove" };
const ACTIONS: Pending[] = [
  { action: "subscribe", verb: "Subscribe" },
  { action: "unsubscribe", verb: "Unsubscribe" },
  { action: "tag", verb: "Add tag", tag: "add" },
  { action: "tag", verb: "Remove tag", tag: "remove" },
  { action: "delete", verb: "Delete" },
];
const DONE: Record<BulkActionName, string> = { subscribe: "Subscribed", unsubscribe: "Unsubscribed", tag: "Updated tags of", delete: "Deleted" };
/** Deleting more than this many contacts asks the user to type DELETE. */
const TYPE_TO_DELETE = 1000;

export function SelectionBar({
  selection,
  pageSelectedAll,
  total,
  canWrite,
  onSelectAllMatching,
  onClear,
}: {
  selection: Selection | null;
  pageSelectedAll: boolean;
  total?: number;
  canWrite: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const [tag, setTag] = useState("");
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string>();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ["bulk-job", jobId],
    queryFn: () => api.getBulkJob(jobId!),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 300),
  });
  const running = job.data && ["queued", "running"].includes(job.data.status);

  // When the job is over: toast, refresh the table, drop the selection.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    const view: BulkJobView | undefined = job.data;
    if (!view || running || reported.current === view.id) return;
    reported.current = view.id;
    if (view.status === "completed") toast(`${DONE[view.action]} ${view.processed.toLocaleString("en")} contacts`);
    else toast(`The bulk action failed: ${view.error ?? view.status}`, "error");
    void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    void queryClient.invalidateQueries({ queryKey: ["contacts-total"] });
    onClear();
  }, [job.data, running, toast, queryClient, onClear]);

  if (!selection && !running) return null;
  const count = selection?.count ?? 0;
  const needsTyping = pending?.action === "delete" && count > TYPE_TO_DELETE;

  async function confirm() {
    if (!pending || !selection) return;
    setError(undefined);
    // "Select all N matching" was just confirmed in the dialog: say so, as the API requires for a filter without criteria.
    const target =
      selection.kind === "ids" ? { ids: selection.ids } : { filter: selection.filter, ...(selection.segment ? { segment: selection.segment } : {}), exclude_ids: [], all: true };
    const extra = pending.tag ? { [pending.tag]: [tag.trim()] } : {};
    try {
      const created = await api.bulk(pending.action, { ...target, ...extra });
      setPending(null);
      setTag("");
      setTyped("");
      setJobId(created.id);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div role="region" aria-label="Selection" className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm">
      {running ? (
        <span className="flex items-center gap-2" aria-live="polite">
          Working… {job.data!.processed.toLocaleString("en")} of {job.data!.matched.toLocaleString("en")}
          <progress max={1} value={job.data!.progress} aria-label="Bulk action progress" className="h-2 w-40" />
        </span>
      ) : (
        <>
          <strong>{count.toLocaleString("en")} selected</strong>
          {selection?.kind === "ids" && pageSelectedAll && total !== undefined && total > count ? (
            <Button variant="ghost" onClick={onSelectAllMatching}>
              Select all {total.toLocaleString("en")} matching
            </Button>
          ) : null}
          <Button variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
          {canWrite ? (
            <span className="ml-auto flex flex-wrap gap-1.5">
              {ACTIONS.map((a) => (
                <Button key={a.verb} variant={a.action === "delete" ? "danger" : "secondary"} onClick={() => setPending(a)}>
                  {a.verb}
                </Button>
              ))}
            </span>
          ) : null}
        </>
      )}
      <Dialog open={Boolean(pending)} onClose={() => setPending(null)} title={`${pending?.verb ?? ""} ${count.toLocaleString("en")} contact${count === 1 ? "" : "s"}?`}>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {pending?.action === "delete" ? (
            <p className="text-sm text-slate-600">This permanently deletes {count.toLocaleString("en")} contacts. It cannot be undone.</p>
          ) : (
            <p className="text-sm text-slate-600">This applies to exactly {count.toLocaleString("en")} contacts, fixed now: contacts added later are not included.</p>
          )}
          {pending?.tag ? <Field label="Tag">{(p) => <Input {...p} value={tag} onChange={(e) => setTag(e.target.value)} required maxLength={64} autoFocus />}</Field> : null}
          {needsTyping ? (
            <Field label="Type DELETE to confirm">{(p) => <Input {...p} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />}</Field>
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setPending(null)}>Cancel</Button>
            <Button type="submit" variant={pending?.action === "delete" ? "danger" : "primary"} disabled={(pending?.tag && !tag.trim()) || (needsTyping && typed !== "DELETE")}>
              {pending?.verb} {count.toLocaleString("en")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
