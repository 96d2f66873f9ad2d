// OpenAPI 3.1 document generated from the same zod schemas the API validates with.
import { z } from "zod";
// Imported for their registrations in z.globalRegistry.
import "@/lib/contacts/schemas";
import "@/lib/api-keys/schemas";
import "@/lib/imports/schemas";
import "@/lib/bulk/schemas";
import { ERROR_STATUS } from "@/lib/api/errors";

type JsonSchema = Record<string, unknown>;

// Every schema registered with `.meta({ id })` becomes a component; references between them
// point into components.
const registered = z.toJSONSchema(z.globalRegistry, {
  io: "input",
  unrepresentable: "any",
  uri: (id) => `#/components/schemas/${id}`,
}).schemas as Record<string, JsonSchema>;

const components: Record<string, JsonSchema> = {
  ...Object.fromEntries(Object.entries(registered).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema])),
  Error: {
    type: "object",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        required: ["code", "message", "request_id"],
        properties: {
          code: { type: "string", enum: Object.keys(ERROR_STATUS) },
          message: { type: "string" },
          details: {},
          request_id: { type: "string" },
          existing_id: { type: "string", description: "On a 409 conflict: the contact that holds the email or phone." },
        },
      },
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });
const errors = (...codes: (keyof typeof ERROR_STATUS)[]) =>
  Object.fromEntries(codes.map((c) => [String(ERROR_STATUS[c]), { description: c, ...json("Error") }]));
const common = errors("unauthorized", "rate_limited", "internal_error");

const listParams = Object.entries((components.ListContactsQuery.properties ?? {}) as Record<string, JsonSchema>).map(
  ([name, schema]) => ({ name, in: "query", required: false, schema }),
);
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^con_" } };
const idempotencyParam = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", maxLength: 255 },
  description: "Replays the stored response of the first request with this key for 24 hours.",
};

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Rolo API",
      version: "1.0.0",
      description:
        "Contact management for teams. Authenticate with `Authorization: Bearer sk_live_…`. Errors use one envelope; every response carries `X-Request-Id`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    components: { schemas: components, securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
    paths: {
      "/contacts": {
        get: {
          operationId: "listContacts",
          summary: "List contacts",
          description: "Keyset pagination with `cursor`; `total` is exact on the first page only.",
          parameters: listParams,
          responses: { "200": { description: "A page of contacts", ...json("ContactList") }, ...errors("validation_error", "invalid_request"), ...common },
        },
        post: {
          operationId: "createContact",
          summary: "Create a contact",
          parameters: [idempotencyParam],
          requestBody: { required: true, ...json("ContactCreate") },
          responses: { "201": { description: "Created", ...json("Contact") }, ...errors("validation_error", "conflict", "payload_too_large", "unsupported_media_type", "idempotency_mismatch"), ...common },
        },
        put: {
          operationId: "upsertContact",
          summary: "Create or update a contact by email (else phone)",
          parameters: [idempotencyParam],
          requestBody: { required: true, ...json("ContactCreate") },
          responses: { "200": { description: "Updated", ...json("Contact") }, "201": { description: "Created", ...json("Contact") }, ...errors("validation_error", "conflict"), ...common },
        },
      },
      "/contacts/{id}": {
        parameters: [idParam],
        get: { operationId: "getContact", summary: "Get a contact", responses: { "200": { description: "The contact", ...json("Contact") }, ...errors("not_found"), ...common } },
        patch: {
          operationId: "updateContact",
          summary: "Update a contact (partial)",
          description: "`metadata` is merged key by key (`null` deletes a key); `tags` are replaced.",
          parameters: [idempotencyParam],
          requestBody: { required: true, ...json("ContactUpdate") },
          responses: { "200": { description: "Updated", ...json("Contact") }, ...errors("validation_error", "not_found", "conflict"), ...common },
        },
        delete: { operationId: "deleteContact", summary: "Delete a contact permanently", responses: { "204": { description: "Deleted" }, ...errors("not_found"), ...common } },
      },
      "/contacts/import": {
        post: {
          operationId: "importContacts",
          summary: "Import a CSV file (asynchronous)",
          description:
            "multipart/form-data with the CSV (≤ 100 MB, optionally gzip) in `file`, optional `mapping` (JSON: header → field, `metadata.<key>` or `ignore`) and `on_conflict` (`update` or `skip`). Unmapped columns go to metadata.",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: { file: { type: "string", format: "binary" }, mapping: { type: "string" }, on_conflict: { type: "string", enum: ["update", "skip"] } },
                },
              },
            },
          },
          responses: { "202": { description: "Queued", ...json("Import") }, ...errors("validation_error", "payload_too_large", "unsupported_media_type"), ...common },
        },
        get: { operationId: "listImports", summary: "List past imports", responses: { "200": { description: "The last 50 imports" }, ...common } },
      },
      "/contacts/import/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^imp_" } }],
        get: { operationId: "getImport", summary: "Import status, progress and counts", responses: { "200": { description: "The import", ...json("Import") }, ...errors("not_found"), ...common } },
      },
      "/contacts/import/{id}/errors": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { operationId: "getImportErrors", summary: "Rejected rows as CSV (line, row, reason)", responses: { "200": { description: "text/csv" }, ...errors("not_found"), ...common } },
      },
      "/contacts/import/{id}/cancel": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        post: { operationId: "cancelImport", summary: "Cancel a queued or running import", responses: { "200": { description: "The import", ...json("Import") }, ...errors("not_found", "conflict"), ...common } },
      },
      ...Object.fromEntries(
        (
          [
            ["subscribe", "BulkStatusRequest", "Subscribe a selection"],
            ["unsubscribe", "BulkStatusRequest", "Unsubscribe a selection (optional reason)"],
            ["tag", "BulkTagRequest", "Add and remove tags on a selection"],
            ["delete", "BulkDeleteRequest", "Delete a selection permanently"],
          ] as const
        ).map(([action, schema, summary]) => [
          `/contacts/bulk-${action}`,
          {
            post: {
              operationId: `bulk${action[0].toUpperCase()}${action.slice(1)}`,
              summary,
              description: "`ids` (≤ 1,000) or `filter` (the list filters) with `exclude_ids`. The selection is fixed when the job is created. `dry_run: true` answers the count and a sample.",
              parameters: [idempotencyParam],
              requestBody: { required: true, ...json(schema) },
              responses: { "202": { description: "The job", ...json("BulkJob") }, "200": { description: "dry_run: matched count and sample" }, ...errors("validation_error"), ...common },
            },
          },
        ]),
      ),
      "/contacts/bulk/{jobId}": {
        parameters: [{ name: "jobId", in: "path", required: true, schema: { type: "string", pattern: "^job_" } }],
        get: { operationId: "getBulkJob", summary: "Bulk job status and progress", responses: { "200": { description: "The job", ...json("BulkJob") }, ...errors("not_found"), ...common } },
      },
      "/contacts/export": {
        get: {
          operationId: "exportContacts",
          summary: "Export the list filter as CSV (streamed)",
          description: "Every field plus one `metadata.<key>` column per key. Cells starting with = + - @ tab or CR are prefixed with ' against formula injection. `bom=true` for Excel.",
          parameters: [...listParams.filter((p) => !["limit", "cursor", "offset", "sort"].includes(p.name)), { name: "bom", in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } }],
          responses: { "200": { description: "text/csv" }, ...errors("validation_error"), ...common },
        },
      },
      "/contacts/batch": {
        post: {
          operationId: "batchUpsertContacts",
          summary: "Upsert up to 1,000 contacts",
          parameters: [idempotencyParam],
          requestBody: { required: true, ...json("ContactBatch") },
          responses: { "200": { description: "Per-item results", ...json("ContactBatchResult") }, ...errors("validation_error", "payload_too_large"), ...common },
        },
      },
    },
  };
}
