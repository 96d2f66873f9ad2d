// One example per operation, as data: the request (curl is rendered from it and the document), and
// the SDK call it maps to (rendered in TypeScript, Python and Go by snippets.ts). The test sends
// every request to the real route handlers, so an example that stops working fails the build.

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface ExampleRequest {
  /** Path parameters (ids are samples; the test swaps in real ones by prefix). */
  path?: Record<string, string>;
  query?: Record<string, Value>;
  body?: Record<string, Value>;
  /** multipart/form-data: a CSV file and other form fields. */
  upload?: { filename: string; fields?: Record<string, string> };
}

export interface SdkCall {
  /** The method's path in snake_case, e.g. `contacts.batch_upsert` (TS: batchUpsert, Go: BatchUpsert). */
  method: string;
  /** The variable the result goes in; none when the call returns nothing. */
  result?: string;
  /** Also show iterating every item of every page, naming the item. */
  paginate?: string;
  go?: {
    /** The params struct, e.g. `CreateContactParams`. */
    params?: string;
    /** Which scalar fields are pointers (`rolo.String("…")`): all of them, or the booleans. */
    pointers?: "scalars" | "bools";
    /** Go types of fields the value alone cannot tell, e.g. `{ contacts: "[]rolo.ContactInput", tag: "[]string" }`. */
    types?: Record<string, string>;
    /** Fields that go in an embedded struct, e.g. `{ ContactFilter: ["tag"] }`. */
    embed?: Record<string, string[]>;
  };
}

export interface Example {
  request: ExampleRequest;
  /** The SDK call, or why there is none. */
  sdk: SdkCall | { none: string };
}

export const SAMPLE_IDS = {
  con: "con_7mKpLvRw9nQx8a2B",
  imp: "imp_4fTzQ8sLmN2vXc7R",
  job: "job_9hGk3WqZ5tYb1PdE",
  key: "key_2sVn6JxR8cLq0MwA",
  seg: "seg_5pRm8TkW2xNc4LhQ",
  whk: "whk_3nVb7KxQ2mRt9LcW",
  msg: "msg_8dFs2JpL6qWz4XnT",
} as const;

const NOT_FOR_KEYS =
  "API keys cannot manage keys: these calls need a dashboard session of an owner or admin, so the SDKs leave them out.";

export const EXAMPLES: Record<string, Example> = {
  listContacts: {
    request: { query: { tag: "vip", limit: 50 } },
    sdk: {
      method: "contacts.list",
      result: "page",
      paginate: "contact",
      go: { params: "ListContactsParams", types: { tag: "[]string" } },
    },
  },
  countContacts: {
    request: { query: { search: "fatima" } },
    sdk: { method: "contacts.count", result: "count", go: { params: "CountContactsParams" } },
  },
  createContact: {
    request: { body: { email: "jane@example.com", first_name: "Jane", tags: ["vip"], metadata: { plan: "pro" } } },
    sdk: { method: "contacts.create", result: "contact", go: { params: "CreateContactParams", pointers: "bools" } },
  },
  upsertContact: {
    request: { body: { email: "jane@example.com", last_name: "Doe" } },
    sdk: { method: "contacts.upsert", result: "contact", go: { params: "CreateContactParams", pointers: "bools" } },
  },
  getContact: {
    request: { path: { id: SAMPLE_IDS.con } },
    sdk: { method: "contacts.get", result: "contact" },
  },
  listContactActivity: {
    request: { path: { id: SAMPLE_IDS.con }, query: { limit: 25 } },
    sdk: { method: "contacts.activity", result: "events", paginate: "event", go: { params: "ListActivityParams" } },
  },
  getContactConsent: {
    request: { path: { id: SAMPLE_IDS.con } },
    sdk: { method: "contacts.consent", result: "consent" },
  },
  updateContact: {
    request: { path: { id: SAMPLE_IDS.con }, body: { first_name: "Janet", metadata: { plan: "enterprise" } } },
    sdk: { method: "contacts.update", result: "contact", go: { params: "UpdateContactParams", pointers: "scalars" } },
  },
  replaceContact: {
    request: { path: { id: SAMPLE_IDS.con }, body: { first_name: "Janet" } },
    // The SDKs send the same partial update with PATCH.
    sdk: { method: "contacts.update", result: "contact", go: { params: "UpdateContactParams", pointers: "scalars" } },
  },
  deleteContact: {
    request: { path: { id: SAMPLE_IDS.con } },
    sdk: { method: "contacts.delete" },
  },
  eraseContact: {
    request: { path: { id: SAMPLE_IDS.con } },
    sdk: { method: "contacts.erase", result: "erasure" },
  },
  batchUpsertContacts: {
    request: {
      body: {
        contacts: [
          { email: "ada@example.com", first_name: "Ada" },
          { phone: "+14155551234", tags: ["sms"] },
        ],
      },
    },
    sdk: {
      method: "contacts.batch_upsert",
      result: "result",
      go: { params: "BatchUpsertParams", types: { contacts: "[]rolo.ContactInput" } },
    },
  },
  exportContacts: {
    request: { query: { tag: "vip", bom: true } },
    sdk: {
      method: "contacts.export",
      result: "csv",
      go: { params: "ExportContactsParams", types: { tag: "[]string" }, embed: { ContactFilter: ["tag"] } },
    },
  },
  importContacts: {
    request: { upload: { filename: "contacts.csv", fields: { on_conflict: "skip" } } },
    sdk: { method: "contacts.imports.create", result: "upload", go: { params: "CreateImportParams" } },
  },
  listImports: {
    request: {},
    sdk: { method: "contacts.imports.list", result: "imports" },
  },
  getImport: {
    request: { path: { id: SAMPLE_IDS.imp } },
    sdk: { method: "contacts.imports.get", result: "upload" },
  },
  getImportErrors: {
    request: { path: { id: SAMPLE_IDS.imp } },
    sdk: { method: "contacts.imports.errors", result: "csv" },
  },
  cancelImport: {
    request: { path: { id: SAMPLE_IDS.imp } },
    sdk: { method: "contacts.imports.cancel", result: "upload" },
  },
  bulkSubscribe: {
    request: { body: { ids: [SAMPLE_IDS.con] } },
    sdk: { method: "contacts.bulk.subscribe", result: "job", go: { params: "BulkParams" } },
  },
  bulkUnsubscribe: {
    request: { body: { filter: { tag: ["churned"] }, exclude_ids: [SAMPLE_IDS.con], reason: "manual" } },
    sdk: {
      method: "contacts.bulk.unsubscribe",
      result: "job",
      go: { params: "BulkParams", types: { filter: "&rolo.ContactFilter" } },
    },
  },
  bulkTag: {
    request: { body: { ids: [SAMPLE_IDS.con], add: ["vip"], remove: ["trial"] } },
    sdk: { method: "contacts.bulk.tag", result: "job", go: { params: "BulkParams" } },
  },
  bulkDelete: {
    request: { body: { filter: { tag: ["spam"] }, dry_run: true } },
    sdk: {
      method: "contacts.bulk.delete",
      result: "preview",
      go: { params: "BulkParams", types: { filter: "&rolo.ContactFilter" } },
    },
  },
  getBulkJob: {
    request: { path: { jobId: SAMPLE_IDS.job } },
    sdk: { method: "contacts.bulk.get", result: "job" },
  },
  listMetadataKeys: {
    request: {},
    sdk: { method: "contacts.metadata_keys", result: "keys" },
  },
  listSegments: {
    request: {},
    sdk: { method: "segments.list", result: "segments" },
  },
  createSegment: {
    request: { body: { name: "Pro customers", filter: { metadata: { plan: "pro", score: { gte: 10 } } } } },
    sdk: { method: "segments.create", result: "segment", go: { params: "CreateSegmentParams", types: { filter: "rolo.ContactFilter" } } },
  },
  getSegment: {
    request: { path: { id: SAMPLE_IDS.seg } },
    sdk: { method: "segments.get", result: "segment" },
  },
  updateSegment: {
    request: { path: { id: SAMPLE_IDS.seg }, body: { name: "Pro customers (renamed)" } },
    sdk: { method: "segments.update", result: "segment", go: { params: "UpdateSegmentParams", pointers: "scalars" } },
  },
  deleteSegment: {
    request: { path: { id: SAMPLE_IDS.seg } },
    sdk: { method: "segments.delete" },
  },
  listWebhooks: {
    request: {},
    sdk: { method: "webhooks.list", result: "endpoints" },
  },
  createWebhook: {
    // A public-looking host: the conformance test sets ROLO_WEBHOOKS_ALLOW_PRIVATE, as test machines resolve no public names.
    request: { body: { url: "https://hooks.example.com/rolo", events: ["contact.created", "contact.updated"], description: "CRM sync" } },
    sdk: { method: "webhooks.create", result: "endpoint", go: { params: "CreateWebhookParams", types: { events: "[]string" } } },
  },
  getWebhook: {
    request: { path: { id: SAMPLE_IDS.whk } },
    sdk: { method: "webhooks.get", result: "endpoint" },
  },
  updateWebhook: {
    request: { path: { id: SAMPLE_IDS.whk }, body: { enabled: false } },
    sdk: { method: "webhooks.update", result: "endpoint", go: { params: "UpdateWebhookParams", pointers: "scalars" } },
  },
  deleteWebhook: {
    request: { path: { id: SAMPLE_IDS.whk } },
    sdk: { method: "webhooks.delete" },
  },
  listWebhookDeliveries: {
    request: { path: { id: SAMPLE_IDS.whk }, query: { status: "failed", limit: 25 } },
    sdk: { method: "webhooks.deliveries", result: "page", paginate: "delivery", go: { params: "ListWebhookDeliveriesParams" } },
  },
  sendWebhookTest: {
    request: { path: { id: SAMPLE_IDS.whk } },
    sdk: { method: "webhooks.test", result: "delivery" },
  },
  replayWebhookDelivery: {
    request: { path: { id: SAMPLE_IDS.whk, deliveryId: SAMPLE_IDS.msg } },
    sdk: { method: "webhooks.replay", result: "delivery" },
  },
  listApiKeys: { request: {}, sdk: { none: NOT_FOR_KEYS } },
  createApiKey: { request: { body: { name: "Zapier", scope: "read_only" } }, sdk: { none: NOT_FOR_KEYS } },
  revokeApiKey: { request: { path: { id: SAMPLE_IDS.key } }, sdk: { none: NOT_FOR_KEYS } },
  previewImportMapping: {
    request: { body: { headers: ["Email Address", "First Name", "MEMBER_RATING", "OPTIN_TIME", "LEID", "EUID", "UNSUB_TIME", "TAGS"] } },
    sdk: { none: "A helper for the dashboard's import wizard; integrations send `mapping` with the import itself." },
  },
  getWorkspace: {
    request: {},
    sdk: { none: "Workspace settings belong to the dashboard; the SDKs cover contacts, imports and bulk actions." },
  },
  updateWorkspace: {
    request: { body: { default_country: "GB" } },
    sdk: { none: "Workspace settings are changed from a dashboard session of an owner or admin; no API key may change them." },
  },
  getOpenApiDocument: {
    request: {},
    sdk: { none: "The SDKs do not fetch the document; generators and tools read it from this URL." },
  },
};

/** The Go module path the examples import (checked against sdks/go/go.mod by the test). */
export const GO_MODULE = "github.com/rolo-dev/rolo-go";

/** How to construct each client, shown once above the examples; they use `rolo`, `client` and `ctx`. */
export const SETUP = {
  curl: 'export ROLO_BASE_URL="http://localhost:3000"\nexport ROLO_API_KEY="sk_live_…"',
  typescript:
    '// npm install @rolo/sdk\nimport Rolo from "@rolo/sdk";\n\nconst rolo = new Rolo({ apiKey: process.env.ROLO_API_KEY, baseURL: process.env.ROLO_BASE_URL });',
  python:
    'import os\nfrom rolo import Rolo\n\nclient = Rolo(api_key=os.environ["ROLO_API_KEY"], base_url=os.environ["ROLO_BASE_URL"])',
  go: `// go get ${GO_MODULE}\nimport rolo "${GO_MODULE}"\n\nclient := rolo.NewClient(os.Getenv("ROLO_API_KEY"), rolo.WithBaseURL(os.Getenv("ROLO_BASE_URL")))\nctx := context.Background()`,
} as const;
