"use client";
// One endpoint's delivery log, newest first: each message's event, status, attempts, last response
// and next retry, with "Send test event" and "Replay". It refreshes itself while anything is pending.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { DELIVERY_STATUSES, type WebhookDeliveryView, type WebhookEndpointView } from "@/lib/webhooks/schemas";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { TableRows } from "@/components/ui/table-rows";
import { eventsLabel } from "./webhooks-manager";

const POLL_MS = 2_000;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en") : "—");

const STATUS_STYLE: Record<WebhookDeliveryView["status"], string> = {
  pending: "bg-amber-50 text-amber-800",
  delivered: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
};

function Response({ d }: { d: WebhookDeliveryView }) {
  if (d.attempts === 0 && !d.last_error) return <span className="text-slate-400">Not sent yet</span>;
  return (
    <span>
      {d.last_status ?? "No response"}
      {d.last_error && d.last_error !== `HTTP ${d.last_status}` ? <span className="block text-xs text-slate-500">{d.last_error}</span> : null}
    </span>
  );
}

export function DeliveryLog({ endpoint: initial }: { endpoint: WebhookEndpointView }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [status, setStatus] = useState("");
  const endpoint = useQuery({ queryKey: ["webhook", initial.id], queryFn: () => api.getWebhook(initial.id), initialData: initial });
  const log = useInfiniteQuery({
    queryKey: ["webhook-deliveries", initial.id, status],
    queryFn: ({ pageParam }) =>
      api.listWebhookDeliveries(initial.id, new URLSearchParams({ limit: "25", ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) })),
    initialPageParam: "",
    getNextPageParam: (last) => (last.has_more ? last.next_cursor : undefined),
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.data.some((d) => d.status === "pending")) ? POLL_MS : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhook-deliveries", initial.id] });

  const test = useMutation({
    mutationFn: () => api.sendWebhookTest(initial.id),
    onSuccess: () => {
      toast("Test event queued");
      void refresh();
    },
    onError: (error) => toast(error.message, "error"),
  });
  const replay = useMutation({
    mutationFn: (deliveryId: string) => api.replayWebhookDelivery(initial.id, deliveryId),
    onSuccess: () => {
      toast("Delivery queued again");
      void refresh();
    },
    onError: (error) => toast(error.message, "error"),
  });
  const toggle = useMutation({
    mutationFn: () => api.updateWebhook(initial.id, { enabled: !endpoint.data.enabled }),
    onSuccess: (e) => {
      queryClient.setQueryData(["webhook", initial.id], e);
      void queryClient.invalidateQueries({ queryKey: ["webhooks"] });
      void refresh();
      toast(e.enabled ? "Endpoint enabled" : "Endpoint disabled");
    },
    onError: (error) => toast(error.message, "error"),
  });

  const e = endpoint.data;
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="space-y-4">
      <section aria-label="Endpoint" className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">URL</dt>
          <dd className="font-mono break-all">{e.url}</dd>
          {e.description ? (
            <>
              <dt className="text-slate-500">Description</dt>
              <dd>{e.description}</dd>
            </>
          ) : null}
          <dt className="text-slate-500">Events</dt>
          <dd>{eventsLabel(e.events)}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd>{e.enabled ? "Enabled" : "Disabled"}</dd>
        </dl>
        <div className="flex gap-2">
          <Button variant="primary" disabled={test.isPending || !e.enabled} onClick={() => test.mutate()}>
            Send test event
          </Button>
          <Button disabled={toggle.isPending} onClick={() => toggle.mutate()}>
            {e.enabled ? "Disable" : "Enable"}
          </Button>
        </div>
      </section>

      <div className="flex items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">Deliveries</h2>
        <label className="flex items-center gap-2 text-sm">
          Status
          <Select value={status} onChange={(ev) => setStatus(ev.target.value)} className="w-36">
            <option value="">All</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0].toUpperCase() + s.slice(1)}
              </option>
            ))}
          </Select>
        </label>
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-busy={log.isFetching}>
          <caption className="sr-only">Deliveries</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">Event</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Attempts</th>
              <th scope="col" className="px-3 py-2">Response</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2">Next retry</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            <TableRows pending={log.isPending} error={log.error} rows={rows} columns={7} empty="No deliveries yet. Send a test event to try the endpoint.">
              {(d) => (
                <tr key={d.id} className="border-b border-slate-100 align-top last:border-0">
                  <td className="px-3 py-2">
                    <details>
                      <summary className="cursor-pointer font-mono">{d.event_type}</summary>
                      <p className="mt-1 font-mono text-xs text-slate-500">{d.id}</p>
                      <pre className="mt-1 max-w-xl overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(d.payload, null, 2)}</pre>
                    </details>
                  </td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`}>{d.status}</span>
                  </td>
                  <td className="px-3 py-2">{d.attempts}</td>
                  <td className="px-3 py-2">
                    <Response d={d} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{when(d.created_at)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{d.status === "pending" ? when(d.next_attempt_at) : "—"}</td>
                  <td className="px-3 py-2 text-right">
                    <Button variant="ghost" disabled={replay.isPending || !e.enabled} onClick={() => replay.mutate(d.id)} aria-label={`Replay ${d.event_type} ${d.id}`}>
                      Replay
                    </Button>
                  </td>
                </tr>
              )}
            </TableRows>
          </tbody>
        </table>
      </div>
      {log.hasNextPage ? (
        <Button onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load older deliveries
        </Button>
      ) : null}
    </div>
  );
}
