"use client";
// Settings → Webhooks: add endpoints (the signing secret is shown once), enable or disable them,
// delete them, and open each one's delivery log.
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiClientError, api, type CreatedWebhook } from "@/lib/api-client";
import { EVENT_TYPES, type WebhookEndpointView, type WebhookEventType } from "@/lib/webhooks/schemas";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { SecretOnce } from "@/components/ui/secret-once";
import { TableRows } from "@/components/ui/table-rows";

export const eventsLabel = (events: string[]) => (events.length ? events.join(", ") : "All events");

/** The message of the API's issue on `field`, if the failure was a validation error about it. */
export const fieldError = (error: unknown, field: string) =>
  error instanceof ApiClientError ? error.details?.find((d) => d.path === field || d.path.startsWith(`${field}.`))?.message : undefined;

export function WebhooksManager() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const endpoints = useQuery({ queryKey: ["webhooks"], queryFn: () => api.listWebhooks().then((r) => r.data) });
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [deleting, setDeleting] = useState<WebhookEndpointView | null>(null);
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhooks"] });

  const create = useMutation({
    mutationFn: api.createWebhook,
    onSuccess: (endpoint) => {
      setCreated(endpoint);
      setEvents([]);
      void refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (e: WebhookEndpointView) => api.updateWebhook(e.id, { enabled: !e.enabled }),
    onSuccess: (e) => {
      toast(e.enabled ? "Endpoint enabled" : "Endpoint disabled");
      void refresh();
    },
    onError: (error) => toast(error.message, "error"),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.deleteWebhook(id),
    onSuccess: () => {
      setDeleting(null);
      toast("Endpoint deleted");
      void refresh();
    },
  });

  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const description = String(form.get("description") ?? "").trim();
    create.mutate(
      { url: String(form.get("url") ?? "").trim(), events, ...(description ? { description } : {}) },
      { onSuccess: () => (e.target as HTMLFormElement).reset() },
    );
  }

  const urlError = fieldError(create.error, "url");
  const otherError = create.isError && !urlError ? create.error.message : undefined;

  return (
    <div className="space-y-6">
      <form onSubmit={onCreate} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-endpoint">
        <h2 id="add-endpoint" className="text-lg font-semibold">Add an endpoint</h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Endpoint URL" error={urlError} hint="Where Rolo POSTs each message (http or https).">
            {(p) => <Input {...p} name="url" type="url" required maxLength={2048} placeholder="https://example.com/webhooks/rolo" />}
          </Field>
          <Field label="Description">{(p) => <Input {...p} name="description" maxLength={200} placeholder="e.g. CRM sync" />}</Field>
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <p className="text-xs text-slate-500">None checked: every event, including ones added later.</p>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={events.includes(type)}
                  onChange={(e) => setEvents((list) => (e.target.checked ? [...list, type] : list.filter((t) => t !== type)))}
                />
                <code>{type}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={create.isPending}>
            Add endpoint
          </Button>
          {otherError ? (
            <p role="alert" className="text-sm text-red-600">
              {otherError}
            </p>
          ) : null}
        </div>
      </form>

      {created ? (
        <SecretOnce label="Signing secret" secret={created.secret} onDone={() => setCreated(null)}>
          Copy the signing secret of {created.url} now. It will not be shown again; use it to verify the <code>webhook-signature</code> header.
        </SecretOnce>
      ) : null}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Webhook endpoints</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">Endpoint</th>
              <th scope="col" className="px-3 py-2">Events</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            <TableRows pending={endpoints.isPending} error={endpoints.error} rows={endpoints.data} columns={4} empty="No webhook endpoints yet.">
              {(e) => (
                <tr key={e.id} className="border-b border-slate-100 last:border-0">
                  <td className="max-w-md px-3 py-2">
                    <Link href={`/settings/webhooks/${e.id}`} className="font-medium break-all text-indigo-700 hover:underline">
                      {e.url}
                    </Link>
                    {e.description ? <p className="text-xs text-slate-500">{e.description}</p> : null}
                  </td>
                  <td className="px-3 py-2 text-xs">{eventsLabel(e.events)}</td>
                  <td className="px-3 py-2">{e.enabled ? "Enabled" : <span className="text-slate-500">Disabled</span>}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <Link href={`/settings/webhooks/${e.id}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
                      Deliveries
                    </Link>
                    <Button variant="ghost" disabled={toggle.isPending} onClick={() => toggle.mutate(e)} aria-label={`${e.enabled ? "Disable" : "Enable"} ${e.url}`}>
                      {e.enabled ? "Disable" : "Enable"}
                    </Button>
                    <Button variant="ghost" className="text-red-700" onClick={() => setDeleting(e)} aria-label={`Delete ${e.url}`}>
                      Delete
                    </Button>
                  </td>
                </tr>
              )}
            </TableRows>
          </tbody>
        </table>
      </div>

      <Dialog open={Boolean(deleting)} onClose={() => setDeleting(null)} title="Delete this endpoint?">
        <p className="text-sm text-slate-600">
          Nothing more is sent to <strong className="break-all">{deleting?.url}</strong>, and its delivery log is deleted.
        </p>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setDeleting(null)} autoFocus>Cancel</Button>
          <Button variant="danger" disabled={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id)}>Delete endpoint</Button>
        </div>
      </Dialog>
    </div>
  );
}
