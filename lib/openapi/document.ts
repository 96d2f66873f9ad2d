// OpenAPI 3.1 document generated from the same zod schemas the API validates with. Each endpoint
// is one entry of OPERATIONS; lib/openapi/operation.ts adds what every route of its shape shares.
import {
  contactCreateSchema,
  contactListSchema,
  contactSchema,
  contactUpdateSchema,
  batchSchema,
  batchResultSchema,
  exportQuerySchema,
  listQuerySchema,
  MAX_BATCH,
  METADATA_KEYS_SAMPLE,
  metadataKeySchema,
} from "@/lib/contacts/schemas";
import { MAX_SEGMENTS, segmentCreateSchema, segmentSchema, segmentUpdateSchema } from "@/lib/segments/schemas";
import { apiKeyCreatedSchema, apiKeyCreateSchema, apiKeySchema } from "@/lib/api-keys/schemas";
import { importMappingRequestSchema, importMappingSchema, importOptionsSchema, importSchema, maxImportBytes } from "@/lib/imports/schemas";
import { workspaceSchema, workspaceUpdateSchema } from "@/lib/workspaces/schemas";
import { SOURCES } from "@/lib/imports/sources";
import { bulkDeleteSchema, bulkJobSchema, bulkPreviewSchema, bulkStatusSchema, bulkTagSchema } from "@/lib/bulk/schemas";
import { SESSION_COOKIES } from "@/lib/auth/session-principal";
import {
  deliveryQuerySchema,
  EVENT_TYPES,
  MAX_ENDPOINTS,
  webhookCreateSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointCreatedSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookUpdateSchema,
} from "@/lib/webhooks/schemas";
import { erasureSchema } from "@/lib/erasure/schemas";
import { activityQuerySchema, consentSchema, eventListSchema } from "@/lib/activity/schemas";
import { ERROR_SCHEMAS, errorResponse, errorResponseName, HEADERS, IDEMPOTENCY_KEY_PARAMETER } from "./components";
import { componentId, registeredComponents, schemaRef, type JsonSchema } from "./json-schema";
import { buildOperation, type OperationSpec } from "./operation";

export const TAGS = [
  { name: "Contacts", description: "People and their channels, tags and custom metadata." },
  { name: "Imports", description: "CSV uploads processed in the background, with progress and a report of rejected rows." },
  {
    name: "Bulk actions",
    description: "Subscribe, unsubscribe, tag or delete a fixed selection of contacts in a background job.",
  },
  {
    name: "Segments",
    description: "Saved contact filters with their current counts, usable as `segment=` in lists, exports and bulk actions.",
  },
  {
    name: "Webhooks",
    description:
      "Endpoints that receive signed messages (Standard Webhooks) when contacts change and when imports and bulk jobs complete, with their delivery log.",
  },
  { name: "API keys", description: "The workspace's keys, managed from a dashboard session by owners and admins." },
  { name: "Workspace", description: "The workspace and its settings, changed from a dashboard session by owners and admins." },
  { name: "Reference", description: "This document." },
] as const;
type Tag = (typeof TAGS)[number]["name"];

const contactId = { id: { prefix: "con", description: "The contact's id." } };
const importId = { id: { prefix: "imp", description: "The import's id." } };
const segmentId = { id: { prefix: "seg", description: "The segment's id." } };
const webhookId = { id: { prefix: "whk", description: "The webhook endpoint's id." } };
const WEBHOOK_MESSAGES = `Each message is POSTed as JSON \`{ "type", "timestamp", "data" }\` with the Standard Webhooks headers \`webhook-id\` (the delivery's \`msg_…\` id, the same on every retry and replay: deduplicate on it), \`webhook-timestamp\` (unix seconds) and \`webhook-signature\` (\`v1,\` + base64 HMAC-SHA256 of \`id.timestamp.body\`, keyed with the base64-decoded part of the secret after \`whsec_\`). Types: ${EVENT_TYPES.map((t) => `\`${t}\``).join(", ")}; an import or a bulk job sends one summary event, not one per row. A 2xx answer within 10 s counts as delivered; otherwise the message is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about a day), then marked \`failed\`.`;
const FILTERS =
  "Filters: `search`, `email`, `tag` (repeatable, all must match), `status`, `suppressed`, `has_email`, `has_phone`, `created_after`/`created_before`, `updated_after`/`updated_before`, metadata conditions (`metadata[plan]=pro`, `metadata[score][gte]=10`, `metadata[plan][in]=pro,team`, `metadata[vip][exists]=true`) and `segment=seg_…`; all must hold. Metadata equality is indexed; ranges and `exists` read every contact of the workspace. An unknown operator or a bad value answers 400 naming the parameter.";

const BULK_ACTIONS = [
  ["subscribe", bulkStatusSchema, "Subscribe a selection", "Sets `status` to `subscribed`."],
  [
    "unsubscribe",
    bulkStatusSchema,
    "Unsubscribe a selection",
    "Sets `status` to `unsubscribed`; `reason` is kept as the suppression reason.",
  ],
  ["tag", bulkTagSchema, "Tag a selection", "Adds the `add` tags and removes the `remove` tags."],
  ["delete", bulkDeleteSchema, "Delete a selection", "Deletes the contacts permanently."],
] as const;

export const OPERATIONS: (OperationSpec & { tag: Tag })[] = [
  {
    method: "get",
    path: "/contacts",
    operationId: "listContacts",
    tag: "Contacts",
    summary: "List contacts",
    description:
      `One page of contacts, newest first unless \`sort\` says otherwise. Pass \`next_cursor\` back as \`cursor\` for the next page (keyset pagination, fast at any depth); \`total\` is exact on the first page only. ${FILTERS} A segment of another workspace answers 404.`,
    permission: "read",
    query: listQuerySchema,
    responses: { 200: { description: "A page of contacts.", json: contactListSchema } },
    errors: ["not_found"],
  },
  {
    method: "post",
    path: "/contacts",
    operationId: "createContact",
    tag: "Contacts",
    summary: "Create a contact",
    description:
      "Creates a contact with an email or a phone (or both). An email or phone already in the workspace answers 409 with `existing_id`. An email or phone of a contact that was erased answers 409 `erased` unless the body says `allow_erased: true`.",
    permission: "write",
    body: { json: contactCreateSchema },
    responses: { 201: { description: "The new contact.", json: contactSchema } },
  },
  {
    method: "put",
    path: "/contacts",
    operationId: "upsertContact",
    tag: "Contacts",
    summary: "Create or update a contact",
    description: "Finds the contact by email (else by phone) and updates it, or creates it. 201 when created, 200 when updated. An email or phone of a contact that was erased answers 409 `erased` unless the body says `allow_erased: true`.",
    permission: "write",
    body: { json: contactCreateSchema },
    responses: {
      200: { description: "The updated contact.", json: contactSchema },
      201: { description: "The new contact.", json: contactSchema },
    },
  },
  {
    method: "get",
    path: "/contacts/{id}",
    operationId: "getContact",
    tag: "Contacts",
    summary: "Get a contact",
    description: "The contact with this id. Ids of other workspaces answer 404, exactly like ids that do not exist.",
    permission: "read",
    pathParams: contactId,
    responses: { 200: { description: "The contact.", json: contactSchema } },
  },
  {
    method: "get",
    path: "/contacts/{id}/activity",
    operationId: "listContactActivity",
    tag: "Contacts",
    summary: "List a contact's activity",
    description:
      "The contact's timeline, newest first: one event per write that changed it (`contact.created`, `contact.updated`, `contact.subscribed`, `contact.unsubscribed`, `contact.suppressed`, `contact.deleted`), from the API, the dashboard, batches, imports and bulk jobs alike, each with the changed fields (`from` → `to`), the actor and the request id. Events are recorded in the same transaction as the change; a write that changes nothing records nothing. A deleted contact keeps its timeline. Pass `next_cursor` back as `cursor`.",
    permission: "read",
    pathParams: contactId,
    query: activityQuerySchema,
    responses: { 200: { description: "A page of events.", json: eventListSchema } },
  },
  {
    method: "get",
    path: "/contacts/{id}/consent",
    operationId: "getContactConsent",
    tag: "Contacts",
    summary: "Get a contact's consent record",
    description:
      "The current subscription, suppression and channel opt-ins, each with the change that set it: when, the source (`api`, `dashboard`, `import`, `bulk`), the actor (an import names its file), the client IP and user agent when the request had them, and an imported file's own evidence (Mailchimp `OPTIN_TIME`, `OPTIN_IP`, `CONFIRM_TIME`, `CONFIRM_IP`); plus the history of consent changes, newest first.",
    permission: "read",
    pathParams: contactId,
    responses: { 200: { description: "The consent record.", json: consentSchema } },
  },
  {
    method: "patch",
    path: "/contacts/{id}",
    operationId: "updateContact",
    tag: "Contacts",
    summary: "Update a contact",
    description:
      "Partial update: only the fields sent change. `metadata` is merged key by key (`null` deletes a key); `tags` replace the tags. A new email or phone that another contact holds answers 409. An email or phone of a contact that was erased answers 409 `erased` unless the body says `allow_erased: true`.",
    permission: "write",
    pathParams: contactId,
    body: { json: contactUpdateSchema },
    responses: { 200: { description: "The updated contact.", json: contactSchema } },
  },
  {
    method: "put",
    path: "/contacts/{id}",
    operationId: "replaceContact",
    tag: "Contacts",
    summary: "Update a contact (PUT)",
    description:
      "The same partial update as `PATCH /contacts/{id}`, for clients that only send PUT: fields not sent are left as they are.",
    permission: "write",
    pathParams: contactId,
    body: { json: contactUpdateSchema },
    responses: { 200: { description: "The updated contact.", json: contactSchema } },
  },
  {
    method: "delete",
    path: "/contacts/{id}",
    operationId: "deleteContact",
    tag: "Contacts",
    summary: "Delete a contact",
    description: "Deletes the contact permanently. The response has no body.",
    permission: "write",
    pathParams: contactId,
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "post",
    path: "/contacts/{id}/erase",
    operationId: "eraseContact",
    tag: "Contacts",
    summary: "Erase a contact",
    description:
      "Erases the contact for good (the right to be forgotten): the contact, its activity and its consent records are deleted, webhook messages about it keep only its id, and only a keyed hash of its email and phone is kept (`tombstones`). A later create, upsert, batch item, import row or update with that email or phone is refused with `erased` unless the request says `allow_erased: true`. No body is read. A second erasure of the same id answers 404.",
    permission: "erase",
    pathParams: contactId,
    responses: { 200: { description: "What was erased and what is kept.", json: erasureSchema } },
  },
  {
    method: "post",
    path: "/contacts/batch",
    operationId: "batchUpsertContacts",
    tag: "Contacts",
    summary: "Upsert contacts in a batch",
    description: `Creates or updates up to ${MAX_BATCH.toLocaleString("en")} contacts by email (else phone), in order. Each item succeeds or fails on its own: a bad item is reported in \`results\` and does not sink the others; an item with the email or phone of an erased contact fails with \`erased\` unless the body (or the item) says \`allow_erased: true\`. Bodies up to 20 MB.`,
    permission: "write",
    body: { json: batchSchema },
    responses: { 200: { description: "The counts and one result per item, by index.", json: batchResultSchema } },
  },
  {
    method: "get",
    path: "/contacts/export",
    operationId: "exportContacts",
    tag: "Contacts",
    summary: "Export contacts as CSV",
    description:
      "Streams every contact the list filter (and `segment`) matches as CSV: every field, plus one `metadata.<key>` column per key. Cells starting with = + - @ (also after leading spaces, tabs or newlines, and their full-width forms ＝ ＋ － ＠), tab or carriage return are prefixed with ' against formula injection. `bom=true` adds a byte order mark for Excel. A segment of another workspace answers 404.",
    permission: "read",
    query: exportQuerySchema,
    responses: { 200: { description: "The CSV file.", csv: "id,email,phone,first_name,last_name,…" } },
    errors: ["not_found"],
  },
  {
    method: "get",
    path: "/contacts/metadata-keys",
    operationId: "listMetadataKeys",
    tag: "Contacts",
    summary: "List the most used metadata keys",
    description: `Up to 50 metadata keys, most used first, counted over the workspace's ${METADATA_KEYS_SAMPLE.toLocaleString("en")} most recently updated contacts: what a filter builder suggests.`,
    permission: "read",
    responses: { 200: { description: "The keys with their counts.", json: { listOf: metadataKeySchema } } },
  },
  {
    method: "post",
    path: "/contacts/import",
    operationId: "importContacts",
    tag: "Imports",
    summary: "Import a CSV file",
    description: `Uploads a CSV or vCard file (≤ ${maxImportBytes() / 1024 / 1024} MB; .csv, .tsv, .txt or .vcf, optionally gzipped) as multipart/form-data in the field \`file\`, and queues its import. Exports of ${SOURCES.map((s) => s.label).join(", ")} are recognised from their header row (\`detected_source\`) and mapped without help; otherwise columns are mapped from their headers, the mapping saved for the same header row, or \`mapping\`; unmapped columns go to metadata. National phone numbers are read in \`default_country\` (default: the workspace's). An import never subscribes someone who unsubscribed or was suppressed unless \`resubscribe\` is \`true\`, and refuses rows with the email or phone of an erased contact (reported as erased) unless \`allow_erased\` is \`true\`. Limits: a gzip file may inflate to 1 GiB, a record (row or vCard) may be 1 MB, a row 1,000 columns; a file over them fails with the reason. Poll \`GET /contacts/import/{id}\` for progress.`,
    permission: "write",
    body: {
      multipart: {
        allOf: [
          schemaRef(componentId(importOptionsSchema)),
          {
            type: "object",
            required: ["file"],
            properties: {
              file: {
                type: "string",
                format: "binary",
                contentMediaType: "text/csv",
                description: "The CSV or vCard file; its name must end in .csv, .tsv, .txt, .vcf or .gz.",
              },
            },
          },
        ],
      },
    },
    responses: { 202: { description: "The queued import.", json: importSchema } },
  },
  {
    method: "get",
    path: "/contacts/import",
    operationId: "listImports",
    tag: "Imports",
    summary: "List imports",
    description: "The workspace's last 50 imports, newest first.",
    permission: "read",
    responses: { 200: { description: "The imports.", json: { listOf: importSchema } } },
  },
  {
    method: "get",
    path: "/contacts/import/{id}",
    operationId: "getImport",
    tag: "Imports",
    summary: "Get an import",
    description: "The import's status (`queued`, `running`, `completed`, `failed`, `canceled`), progress and counts.",
    permission: "read",
    pathParams: importId,
    responses: { 200: { description: "The import.", json: importSchema } },
  },
  {
    method: "get",
    path: "/contacts/import/{id}/errors",
    operationId: "getImportErrors",
    tag: "Imports",
    summary: "Download an import's rejected rows",
    description: "The rows the import rejected, as CSV: the original line number, the row as it was, and the reason.",
    permission: "read",
    pathParams: importId,
    responses: { 200: { description: "The rejected rows.", csv: "line,row,reason" } },
  },
  {
    method: "post",
    path: "/contacts/import/mapping",
    operationId: "previewImportMapping",
    tag: "Imports",
    summary: "Preview an import's mapping",
    description:
      "What an import would make of a file's header row: the source recognised, one sentence about it, and the mapping it would use — the one this workspace confirmed for the same header row (an import with `mapping` saves it), else the source's or the guessed one. Nothing is stored.",
    permission: "write",
    body: { json: importMappingRequestSchema },
    responses: { 200: { description: "The proposal.", json: importMappingSchema } },
  },
  {
    method: "post",
    path: "/contacts/import/{id}/cancel",
    operationId: "cancelImport",
    tag: "Imports",
    summary: "Cancel an import",
    description: "Stops a queued or running import; rows already imported stay. An import that has already finished answers 409.",
    permission: "write",
    pathParams: importId,
    responses: { 200: { description: "The canceled import.", json: importSchema } },
    errors: ["conflict"],
  },
  ...BULK_ACTIONS.map(([action, schema, summary, effect]) => ({
    method: "post" as const,
    path: `/contacts/bulk-${action}`,
    operationId: `bulk${action[0].toUpperCase()}${action.slice(1)}`,
    tag: "Bulk actions" as const,
    summary,
    description: `${effect} Select contacts by \`ids\` (≤ ${MAX_BATCH.toLocaleString("en")}), or by \`filter\` (the list filters, metadata conditions as \`{"metadata": {"plan": "pro", "score": {"gte": 10}}}\`) and/or a saved \`segment\`, minus \`exclude_ids\`; the selection is fixed when the job is created. A filter without criteria needs \`"all": true\`. \`dry_run: true\` creates no job and answers the matched count with a sample. A segment of another workspace answers 404.`,
    permission: "write" as const,
    body: { json: schema },
    responses: {
      200: { description: "`dry_run: true`: what the selection matches.", json: bulkPreviewSchema },
      202: { description: "The queued job; poll `GET /contacts/bulk/{jobId}`.", json: bulkJobSchema },
    },
    errors: ["not_found" as const],
  })),
  {
    method: "get",
    path: "/contacts/bulk/{jobId}",
    operationId: "getBulkJob",
    tag: "Bulk actions",
    summary: "Get a bulk job",
    description: "The job's status, matched and processed counts, and progress.",
    permission: "read",
    pathParams: { jobId: { prefix: "job", description: "The bulk job's id." } },
    responses: { 200: { description: "The job.", json: bulkJobSchema } },
  },
  {
    method: "get",
    path: "/segments",
    operationId: "listSegments",
    tag: "Segments",
    summary: "List segments",
    description: "Every saved segment of the workspace by name, each with the exact number of contacts its filter matches now.",
    permission: "read",
    responses: { 200: { description: "The segments.", json: { listOf: segmentSchema } } },
  },
  {
    method: "post",
    path: "/segments",
    operationId: "createSegment",
    tag: "Segments",
    summary: "Save a segment",
    description: `Saves a named filter (the list filter grammar as JSON: \`{"metadata": {"plan": "pro", "score": {"gte": 10}, "vip": {"exists": true}}}\`); it needs at least one criterion. Names are unique in a workspace (409), which holds at most ${MAX_SEGMENTS} segments. The filter is validated once, here, and stored as validated.`,
    permission: "write",
    body: { json: segmentCreateSchema },
    responses: { 201: { description: "The new segment with its count.", json: segmentSchema } },
    errors: ["conflict"],
  },
  {
    method: "get",
    path: "/segments/{id}",
    operationId: "getSegment",
    tag: "Segments",
    summary: "Get a segment",
    description: "The segment with the exact number of contacts its filter matches now. Other workspaces' segments answer 404.",
    permission: "read",
    pathParams: segmentId,
    responses: { 200: { description: "The segment.", json: segmentSchema } },
  },
  {
    method: "patch",
    path: "/segments/{id}",
    operationId: "updateSegment",
    tag: "Segments",
    summary: "Update a segment",
    description: "Renames the segment and/or replaces its filter (the whole filter: send it complete). Bulk jobs already created from it keep their selection.",
    permission: "write",
    pathParams: segmentId,
    body: { json: segmentUpdateSchema },
    responses: { 200: { description: "The updated segment with its count.", json: segmentSchema } },
    errors: ["conflict"],
  },
  {
    method: "delete",
    path: "/segments/{id}",
    operationId: "deleteSegment",
    tag: "Segments",
    summary: "Delete a segment",
    description: "Deletes the saved filter; its contacts are untouched. The response has no body.",
    permission: "write",
    pathParams: segmentId,
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "get",
    path: "/webhooks",
    operationId: "listWebhooks",
    tag: "Webhooks",
    summary: "List webhook endpoints",
    description: `The workspace's webhook endpoints (at most ${MAX_ENDPOINTS}), oldest first, without their secrets.`,
    permission: "manage_webhooks",
    responses: { 200: { description: "The endpoints.", json: webhookEndpointListSchema } },
  },
  {
    method: "post",
    path: "/webhooks",
    operationId: "createWebhook",
    tag: "Webhooks",
    summary: "Create a webhook endpoint",
    description: `Adds an endpoint and answers its signing secret (\`whsec_…\`), the only time it is shown; replaying the request with the same \`Idempotency-Key\` answers 409. \`events\` empty or left out: every type. A URL whose host is, or resolves to, a private, loopback, link-local or otherwise non-public address is refused (400 on \`url\`) unless the server sets ROLO_WEBHOOKS_ALLOW_PRIVATE; the address is checked again on every send. A workspace holds at most ${MAX_ENDPOINTS} endpoints (409). ${WEBHOOK_MESSAGES}`,
    permission: "manage_webhooks",
    body: { json: webhookCreateSchema },
    responses: { 201: { description: "The endpoint with its secret.", json: webhookEndpointCreatedSchema } },
    errors: ["conflict"],
  },
  {
    method: "get",
    path: "/webhooks/{id}",
    operationId: "getWebhook",
    tag: "Webhooks",
    summary: "Get a webhook endpoint",
    description: "The endpoint, without its secret. Other workspaces' endpoints answer 404.",
    permission: "manage_webhooks",
    pathParams: webhookId,
    responses: { 200: { description: "The endpoint.", json: webhookEndpointSchema } },
  },
  {
    method: "patch",
    path: "/webhooks/{id}",
    operationId: "updateWebhook",
    tag: "Webhooks",
    summary: "Update a webhook endpoint",
    description:
      "Changes the fields sent: `url` (checked like on creation), `events` (replaces the list; empty: every type), `description` (`null` clears it), `enabled`. Disabling an endpoint marks its pending messages `failed` (replay them once it is enabled again).",
    permission: "manage_webhooks",
    pathParams: webhookId,
    body: { json: webhookUpdateSchema },
    responses: { 200: { description: "The updated endpoint.", json: webhookEndpointSchema } },
  },
  {
    method: "delete",
    path: "/webhooks/{id}",
    operationId: "deleteWebhook",
    tag: "Webhooks",
    summary: "Delete a webhook endpoint",
    description: "Deletes the endpoint with its delivery log; nothing more is sent to it. The response has no body.",
    permission: "manage_webhooks",
    pathParams: webhookId,
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "get",
    path: "/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Webhooks",
    summary: "List an endpoint's deliveries",
    description:
      "The endpoint's delivery log, newest first: each message with its event type, status (`pending`, `delivered`, `failed`), attempts, the last response status and error, the next retry and the body sent. Filter with `status`; pass `next_cursor` back as `cursor`.",
    permission: "manage_webhooks",
    pathParams: webhookId,
    query: deliveryQuerySchema,
    responses: { 200: { description: "A page of deliveries.", json: webhookDeliveryListSchema } },
  },
  {
    method: "post",
    path: "/webhooks/{id}/test",
    operationId: "sendWebhookTest",
    tag: "Webhooks",
    summary: "Send a test event",
    description:
      "Queues a `webhook.test` message (`data`: `message`, `endpoint_id`) to the endpoint, whatever events it takes, and has it sent at once; follow it in the delivery log. No body is read. A disabled endpoint answers 409.",
    permission: "manage_webhooks",
    pathParams: webhookId,
    responses: { 202: { description: "The queued delivery.", json: webhookDeliverySchema } },
    errors: ["conflict"],
  },
  {
    method: "post",
    path: "/webhooks/{id}/deliveries/{deliveryId}/replay",
    operationId: "replayWebhookDelivery",
    tag: "Webhooks",
    summary: "Replay a delivery",
    description:
      "Sends a delivery again, whatever its status: it is pending at once with a fresh retry schedule, under the same id (`webhook-id`), so a receiver that already processed it can recognise the duplicate. No body is read. A disabled endpoint answers 409.",
    permission: "manage_webhooks",
    pathParams: { ...webhookId, deliveryId: { prefix: "msg", description: "The delivery's id." } },
    responses: { 202: { description: "The delivery, pending again.", json: webhookDeliverySchema } },
    errors: ["conflict"],
  },
  {
    method: "get",
    path: "/api-keys",
    operationId: "listApiKeys",
    tag: "API keys",
    summary: "List API keys",
    description: "The workspace's active keys, by name and last 4 characters; secrets are never shown again.",
    permission: "manage_keys",
    responses: { 200: { description: "The keys.", json: { listOf: apiKeySchema } } },
  },
  {
    method: "post",
    path: "/api-keys",
    operationId: "createApiKey",
    tag: "API keys",
    summary: "Create an API key",
    description:
      "Creates a key and answers its secret, the only time it is shown. Scope `read_only` can only read. The secret is stored nowhere, not even for an `Idempotency-Key`: replaying this request with the same key answers 409 `conflict` (without the key), so a lost secret means revoking the key and creating a new one.",
    permission: "manage_keys",
    body: { json: apiKeyCreateSchema },
    responses: { 201: { description: "The key with its secret.", json: apiKeyCreatedSchema } },
  },
  {
    method: "delete",
    path: "/api-keys/{id}",
    operationId: "revokeApiKey",
    tag: "API keys",
    summary: "Revoke an API key",
    description: "Revokes the key at once: its next request answers 401.",
    permission: "manage_keys",
    pathParams: { id: { prefix: "key", description: "The key's id." } },
    responses: { 204: { description: "Revoked." } },
  },
  {
    method: "get",
    path: "/workspace",
    operationId: "getWorkspace",
    tag: "Workspace",
    summary: "Get the workspace",
    description: "The workspace of the API key or session, with its settings: `default_country` is the country national phone numbers are read in.",
    permission: "read",
    responses: { 200: { description: "The workspace.", json: workspaceSchema } },
  },
  {
    method: "patch",
    path: "/workspace",
    operationId: "updateWorkspace",
    tag: "Workspace",
    summary: "Change the workspace's settings",
    description: "Sets `default_country` (ISO 3166-1 alpha-2, e.g. `GB`): the country national phone numbers in the API and in imports are read in. Existing phone numbers stay as they are.",
    permission: "manage_keys",
    body: { json: workspaceUpdateSchema },
    responses: { 200: { description: "The workspace.", json: workspaceSchema } },
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Reference",
    summary: "Get this OpenAPI document",
    description: "This document, generated from the schemas the API validates with. No authentication.",
    permission: "public",
    responses: { 200: { description: "The OpenAPI 3.1 document.", json: { type: "object", additionalProperties: true } } },
  },
];

const listComponent = (id: string): JsonSchema => ({
  type: "object",
  required: ["object", "data"],
  properties: { object: { type: "string", const: "list" }, data: { type: "array", items: schemaRef(id) } },
});

export function openApiDocument() {
  const built = OPERATIONS.map((spec) => ({ spec, ...buildOperation(spec) }));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec, operation } of built) (paths[spec.path] ??= {})[spec.method] = operation;
  const lists = [...new Set(built.flatMap((b) => b.lists))].sort();
  const errorStatuses = [...new Set(built.flatMap((b) => b.errorStatuses))].sort((a, b) => a - b);

  return {
    openapi: "3.1.0",
    info: {
      title: "Rolo API",
      version: "1.0.0",
      summary: "Contact management for teams.",
      description:
        'Authenticate with `Authorization: Bearer sk_live_…` (create keys in the dashboard under Settings → API keys). JSON in snake_case; timestamps are ISO 8601 in UTC. Every response carries `X-Request-Id`; every failure answers one envelope, `{"error": {"code", "message", "details"?, "request_id"}}`. Writes accept an `Idempotency-Key`. Requests are rate limited per key, with `RateLimit-*` headers on every response and `Retry-After` on 429.',
      // Rolo is self-hosted: whoever runs the server answers for its API. MIT as the SDKs declare.
      contact: { name: "The administrators of this Rolo server" },
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [
      {
        url: "{origin}/api/v1",
        description: "Your Rolo server.",
        variables: { origin: { default: "http://localhost:3000", description: "The server's origin, as in ROLO_BASE_URL." } },
      },
    ],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: TAGS.map((t) => ({ ...t })),
    paths,
    components: {
      schemas: {
        ...registeredComponents(),
        ...Object.fromEntries(lists.map((id) => [`${id}List`, listComponent(id)])),
        ...ERROR_SCHEMAS,
      },
      responses: Object.fromEntries(errorStatuses.map((s) => [errorResponseName(s), errorResponse(s)])),
      parameters: { IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER },
      headers: HEADERS,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key: `sk_live_…`." },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIES[1],
          description: `The dashboard's session (\`${SESSION_COOKIES.join("` over https, else `")}\`). Writes must come from the dashboard's own origin.`,
        },
      },
    },
  };
}
