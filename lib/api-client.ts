// The dashboard's typed client for /api/v1 (same endpoints as integrations, session cookie auth).
import type { Contact, ContactCreateInput, ContactUpdateInput, MetadataKeyView } from "@/lib/contacts/schemas";
import type { SegmentView } from "@/lib/segments/schemas";
import type { ApiKeyView } from "@/lib/api-keys/schemas";
import type { ImportMappingView, ImportView } from "@/lib/imports/schemas";
import type { WorkspaceView } from "@/lib/workspaces/schemas";
import type { BulkActionName, BulkJobView } from "@/lib/bulk/schemas";
import type { FieldIssue } from "@/lib/api/errors";
import type { WebhookCreateInput, WebhookDeliveryView, WebhookEndpointView, WebhookUpdateInput } from "@/lib/webhooks/schemas";
import type { ErasureView } from "@/lib/erasure/schemas";
import type { ConsentView, EventView } from "@/lib/activity/schemas";

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldIssue[],
    readonly existingId?: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    signal,
    credentials: "same-origin",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const e = json?.error ?? {};
    throw new ApiClientError(res.status, e.code ?? "internal_error", e.message ?? `Request failed (${res.status})`, Array.isArray(e.details) ? e.details : undefined, e.existing_id);
  }
  return json as T;
}

export interface ContactList {
  object: "list";
  data: Contact[];
  has_more: boolean;
  next_cursor: string | null;
  total?: number;
  /** Instead of `total` when counting would hold up the page: the database's estimate. */
  total_estimate?: number;
}

/** A cursor-paginated list, as every list endpoint answers it. */
export interface Page<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

export type CreatedApiKey = ApiKeyView & { secret: string };
export type CreatedWebhook = WebhookEndpointView & { secret: string };
const webhookPath = (id: string) => `/webhooks/${encodeURIComponent(id)}`;

export const api = {
  listContacts: (query: URLSearchParams, signal?: AbortSignal) => request<ContactList>("GET", `/contacts?${query}`, undefined, signal),
  countContacts: (filter: URLSearchParams, signal?: AbortSignal) => request<{ object: "count"; total: number }>("GET", `/contacts/count?${filter}`, undefined, signal),
  getContact: (id: string) => request<Contact>("GET", `/contacts/${encodeURIComponent(id)}`),
  createContact: (input: Partial<ContactCreateInput>) => request<Contact>("POST", "/contacts", input),
  updateContact: (id: string, input: Partial<ContactUpdateInput>) => request<Contact>("PATCH", `/contacts/${encodeURIComponent(id)}`, input),
  deleteContact: (id: string) => request<void>("DELETE", `/contacts/${encodeURIComponent(id)}`),
  eraseContact: (id: string) => request<ErasureView>("POST", `/contacts/${encodeURIComponent(id)}/erase`),
  listContactActivity: (id: string, cursor?: string, signal?: AbortSignal) =>
    request<Page<EventView>>("GET", `/contacts/${encodeURIComponent(id)}/activity${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`, undefined, signal),
  getContactConsent: (id: string, signal?: AbortSignal) => request<ConsentView>("GET", `/contacts/${encodeURIComponent(id)}/consent`, undefined, signal),
  getImport: (id: string) => request<ImportView>("GET", `/contacts/import/${encodeURIComponent(id)}`),
  listImports: () => request<{ data: ImportView[] }>("GET", "/contacts/import"),
  cancelImport: (id: string) => request<ImportView>("POST", `/contacts/import/${encodeURIComponent(id)}/cancel`),
  previewImportMapping: (headers: string[]) => request<ImportMappingView>("POST", "/contacts/import/mapping", { headers }),
  getWorkspace: () => request<WorkspaceView>("GET", "/workspace"),
  updateWorkspace: (input: { default_country: string }) => request<WorkspaceView>("PATCH", "/workspace", input),
  bulk: (action: BulkActionName, body: object) => request<BulkJobView>("POST", `/contacts/bulk-${action}`, body),
  getBulkJob: (id: string) => request<BulkJobView>("GET", `/contacts/bulk/${encodeURIComponent(id)}`),
  listSegments: () => request<{ data: SegmentView[] }>("GET", "/segments"),
  createSegment: (input: { name: string; filter: object }) => request<SegmentView>("POST", "/segments", input),
  deleteSegment: (id: string) => request<void>("DELETE", `/segments/${encodeURIComponent(id)}`),
  listMetadataKeys: () => request<{ data: MetadataKeyView[] }>("GET", "/contacts/metadata-keys"),
  listApiKeys: () => request<{ data: ApiKeyView[] }>("GET", "/api-keys"),
  createApiKey: (input: { name: string; scope: "full" | "read_only" }) => request<CreatedApiKey>("POST", "/api-keys", input),
  revokeApiKey: (id: string) => request<void>("DELETE", `/api-keys/${encodeURIComponent(id)}`),
  listWebhooks: () => request<{ data: WebhookEndpointView[] }>("GET", "/webhooks"),
  getWebhook: (id: string) => request<WebhookEndpointView>("GET", webhookPath(id)),
  createWebhook: (input: Partial<WebhookCreateInput>) => request<CreatedWebhook>("POST", "/webhooks", input),
  updateWebhook: (id: string, input: Partial<WebhookUpdateInput>) => request<WebhookEndpointView>("PATCH", webhookPath(id), input),
  deleteWebhook: (id: string) => request<void>("DELETE", webhookPath(id)),
  listWebhookDeliveries: (id: string, query: URLSearchParams) =>
    request<{ data: WebhookDeliveryView[]; has_more: boolean; next_cursor: string | null }>("GET", `${webhookPath(id)}/deliveries?${query}`),
  sendWebhookTest: (id: string) => request<WebhookDeliveryView>("POST", `${webhookPath(id)}/test`),
  replayWebhookDelivery: (id: string, deliveryId: string) =>
    request<WebhookDeliveryView>("POST", `${webhookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`),
};
