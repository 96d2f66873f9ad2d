"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, type CreatedApiKey } from "@/lib/api-client";
import type { ApiKeyView } from "@/lib/api-keys/schemas";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { SecretOnce } from "@/components/ui/secret-once";
import { TableRows } from "@/components/ui/table-rows";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en") : "Never");

export function ApiKeysManager() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => api.listApiKeys().then((r) => r.data) });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-keys"] });

  const create = useMutation({
    mutationFn: api.createApiKey,
    onSuccess: (key) => {
      setCreated(key);
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeApiKey(id),
    onSuccess: () => {
      setRevoking(null);
      toast("API key revoked");
      void refresh();
    },
  });

  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate({ name: String(form.get("name") || "API key"), scope: form.get("scope") === "read_only" ? "read_only" : "full" });
    e.currentTarget.reset();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <div className="min-w-48 flex-1">
          <Field label="Key name">{(p) => <Input {...p} name="name" placeholder="e.g. CRM sync" maxLength={100} />}</Field>
        </div>
        <Field label="Scope">
          {(p) => (
            <Select {...p} name="scope" defaultValue="full">
              <option value="full">Full access</option>
              <option value="read_only">Read only</option>
            </Select>
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create key
        </Button>
        {create.isError ? (
          <p role="alert" className="w-full text-sm text-red-600">
            {create.error.message}
          </p>
        ) : null}
      </form>

      {created ? (
        <SecretOnce label="New API key" secret={created.secret} onDone={() => setCreated(null)}>
          Copy your new key now. It will not be shown again.
        </SecretOnce>
      ) : null}

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">API keys</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Key</th>
              <th scope="col" className="px-3 py-2">Scope</th>
              <th scope="col" className="px-3 py-2">Created</th>
              <th scope="col" className="px-3 py-2">Last used</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            <TableRows pending={keys.isPending} error={keys.error} rows={keys.data} columns={6} empty="No API keys yet.">
              {(k) => (
                <tr key={k.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-2 font-medium">{k.name}</td>
                  <td className="px-3 py-2 font-mono">sk_live_…{k.last4}</td>
                  <td className="px-3 py-2">{k.scope === "full" ? "Full access" : "Read only"}</td>
                  <td className="px-3 py-2">{when(k.created_at)}</td>
                  <td className="px-3 py-2">{when(k.last_used_at)}</td>
                  <td className="px-3 py-2 text-right">
                    <Button variant="ghost" className="text-red-700" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </Button>
                  </td>
                </tr>
              )}
            </TableRows>
          </tbody>
        </table>
      </div>

      <Dialog open={Boolean(revoking)} onClose={() => setRevoking(null)} title="Revoke this API key?">
        <p className="text-sm text-slate-600">
          Integrations using <strong>{revoking?.name}</strong> (…{revoking?.last4}) stop working immediately.
        </p>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setRevoking(null)} autoFocus>Cancel</Button>
          <Button variant="danger" disabled={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>Revoke key</Button>
        </div>
      </Dialog>
    </div>
  );
}
