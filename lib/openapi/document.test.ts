import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { call } from "@/lib/testing/api";
import { API_ROUTES } from "@/lib/api/routes";
import { openApiDocument } from "./document";
import { listOperations, OPERATION_IDS } from "./operations";
import { EXAMPLES, GO_MODULE } from "./examples";
import { LANGUAGES, snippets } from "./snippets";

const doc = openApiDocument() as any;
const METHODS = ["get", "post", "put", "patch", "delete"];
const operations = Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
  METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
);
const responseOf = (path: string, method: string, status: number) => doc.paths[path][method].responses[String(status)];
const schemaOf = (path: string, method: string, status: number, media = "application/json") =>
  responseOf(path, method, status).content[media].schema;

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document generated from the zod schemas, served without a key", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const served = res.body;
    expect(served.openapi).toBe("3.1.0");
    expect(served.components.schemas.ContactCreate.additionalProperties).toBe(false);
    expect(served.components.schemas.ContactCreate.properties.tags.maxItems).toBe(100);
    expect(served.components.schemas.Contact.required).toEqual(expect.arrayContaining(["id", "email", "created_at"]));
    expect(served.paths["/contacts"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "search", "tag", "sort"]),
    );
  });
});

describe("the OpenAPI document", () => {
  it("documents exactly the routes and methods the API serves", () => {
    const served = Object.entries(API_ROUTES).flatMap(([route, methods]) =>
      methods.map((m) => `${m.toLowerCase()} ${route.replace(/^\/api\/v1/, "").replace(/\[(\w+)\]/g, "{$1}")}`),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(served.sort());
  });

  it("gives every operation a unique operationId, a declared tag, a summary and a description", () => {
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.tags.length, op.operationId).toBe(1);
      expect(tags.has(op.tags[0]), op.operationId).toBe(true);
      expect(op.summary, op.operationId).toBeTruthy();
      expect(op.description, op.operationId).toBeTruthy();
    }
  });

  it("resolves every $ref inside the document and uses 3.1 nullability (no `nullable`)", () => {
    const text = JSON.stringify(doc);
    for (const [, kind, name] of text.matchAll(/"#\/components\/(\w+)\/([^"]+)"/g)) {
      expect(doc.components[kind]?.[name], `${kind}/${name}`).toBeDefined();
    }
    expect(text).not.toContain('"nullable"');
    expect(doc.components.schemas.Contact.properties.email.type).toEqual(["string", "null"]);
  });

  it("names a license, a contact and a server", () => {
    expect(doc.info.license.identifier).toBeTruthy();
    expect(doc.info.contact.name).toBeTruthy();
    expect(doc.servers[0].url).toMatch(/\/api\/v1$/);
  });

  it("declares 401, 403 and 429 on authenticated operations; 404 on ids; 413/415/422 where a body or Idempotency-Key is read", () => {
    for (const { path, method, op } of operations) {
      const declared = Object.keys(op.responses);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!isPublic) expect(declared, op.operationId).toEqual(expect.arrayContaining(["401", "429"]));
      if (!isPublic && method !== "get")
        expect(declared, op.operationId).toEqual(expect.arrayContaining(["400", "403", "409", "422"]));
      if (path.includes("{")) expect(declared, op.operationId).toContain("404");
      if (op.requestBody) expect(declared, op.operationId).toEqual(expect.arrayContaining(["413", "415"]));
      if (method !== "get" && !isPublic)
        expect(op.parameters.map((p: { $ref?: string }) => p.$ref)).toContain("#/components/parameters/IdempotencyKey");
      // Reads are open to every key scope and role (except keys and webhooks, for owners and admins): no 403 to declare.
      if (method === "get" && !["API keys", "Webhooks"].includes(op.tags[0])) expect(declared, op.operationId).not.toContain("403");
    }
    expect(doc.components.responses.TooManyRequests.headers["Retry-After"]).toBeDefined();
  });

  it("declares the response headers: X-Request-Id everywhere, RateLimit-* when authenticated, Idempotent-Replayed on writes", () => {
    for (const { method, op } of operations) {
      for (const [status, response] of Object.entries(op.responses) as [string, any][]) {
        const r = response.$ref ? doc.components.responses[response.$ref.split("/").pop()] : response;
        expect(Object.keys(r.headers), `${op.operationId} ${status}`).toContain("X-Request-Id");
        if (status.startsWith("2") && method !== "get" && op.security === undefined)
          expect(Object.keys(r.headers)).toContain("Idempotent-Replayed");
        if (status.startsWith("2") && op.security?.length !== 0)
          expect(Object.keys(r.headers)).toEqual(
            expect.arrayContaining(["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]),
          );
      }
    }
  });

  it("types what a generator could not guess: lists, CSV downloads, the dry-run preview, batch items, the key's secret", () => {
    expect(schemaOf("/contacts/import", "get", 200).$ref).toBe("#/components/schemas/ImportList");
    expect(doc.components.schemas.ImportList.properties.data.items.$ref).toBe("#/components/schemas/Import");
    expect(schemaOf("/api-keys", "get", 200).$ref).toBe("#/components/schemas/ApiKeyList");
    expect(Object.keys(responseOf("/contacts/export", "get", 200).content)).toEqual(["text/csv"]);
    expect(Object.keys(responseOf("/contacts/import/{id}/errors", "get", 200).content)).toEqual(["text/csv"]);
    for (const action of ["subscribe", "unsubscribe", "tag", "delete"]) {
      expect(schemaOf(`/contacts/bulk-${action}`, "post", 200).$ref).toBe("#/components/schemas/BulkPreview");
      expect(schemaOf(`/contacts/bulk-${action}`, "post", 202).$ref).toBe("#/components/schemas/BulkJob");
    }
    expect(doc.components.schemas.BulkTagRequest.properties.filter.$ref).toBe("#/components/schemas/ContactFilter");
    expect(doc.components.schemas.ContactBatch.properties.contacts.items.$ref).toBe("#/components/schemas/ContactCreate");
    expect(schemaOf("/api-keys", "post", 201).$ref).toBe("#/components/schemas/ApiKeyCreated");
    expect(doc.components.schemas.ApiKeyCreated.required).toContain("secret");
    expect(doc.paths["/contacts/{id}"].put.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/ContactUpdate",
    );
    expect(doc.paths["/contacts/import"].post.requestBody.content["multipart/form-data"].schema.allOf[0].$ref).toBe(
      "#/components/schemas/ImportOptions",
    );
    expect(doc.paths["/api-keys"].get.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/openapi.json"].get.security).toEqual([]);
  });

  it("documents `properties` as input synonym of `metadata`, and request defaults in words (optional for generators)", () => {
    for (const name of ["ContactCreate", "ContactUpdate"]) {
      expect(doc.components.schemas[name].properties.properties.description).toMatch(/Synonym of `metadata`/);
    }
    const scope = doc.components.schemas.ApiKeyCreate.properties.scope;
    expect(scope.default).toBeUndefined();
    expect(scope.description).toContain('Default: `"full"`');
  });

  it("lists its operationIds in OPERATION_IDS, read from the document", () => {
    expect(OPERATION_IDS).toEqual(operations.map((o) => o.op.operationId));
  });
});

describe("the examples of the API reference", () => {
  it("has exactly one example per operation, rendered in curl, TypeScript, Python and Go", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...OPERATION_IDS].sort());
    for (const op of listOperations()) {
      const rendered = snippets(op);
      for (const language of LANGUAGES) expect(rendered[language], `${op.operationId} ${language}`).toBeTruthy();
      const [before] = op.path.split("{");
      expect(rendered.curl).toContain(`"$ROLO_BASE_URL/api/v1${before}`);
    }
  });

  it("renders each SDK's naming: camelCase in TypeScript, snake_case in Python, Go structs with pointer helpers", () => {
    const byId = Object.fromEntries(listOperations().map((o) => [o.operationId, snippets(o)]));
    expect(byId.createContact.typescript).toContain('await rolo.contacts.create({ email: "jane@example.com", first_name: "Jane"');
    expect(byId.createContact.python).toContain('client.contacts.create(email="jane@example.com", first_name="Jane"');
    expect(byId.createContact.go).toContain("client.Contacts.Create(ctx, &rolo.CreateContactParams{");
    expect(byId.createContact.go).toContain('Metadata:  map[string]any{"plan": "pro"}');
    expect(byId.batchUpsertContacts.typescript).toContain("rolo.contacts.batchUpsert({ contacts: [");
    expect(byId.batchUpsertContacts.python).toContain("client.contacts.batch_upsert(contacts=[");
    expect(byId.batchUpsertContacts.go).toContain('Contacts: []rolo.ContactInput{{Email: "ada@example.com", FirstName: "Ada"}');
    expect(byId.updateContact.go).toContain('FirstName: rolo.String("Janet")');
    expect(byId.listContacts.go).toContain('&rolo.ListContactsParams{Tag: []string{"vip"}, Limit: 50}');
    expect(byId.listContacts.typescript).toContain("for await (const contact of rolo.contacts.list(");
    expect(byId.listContactActivity.go).toContain('client.Contacts.ActivityAutoPaging(ctx, "con_');
    expect(byId.createWebhook.go).toContain('Events:      []string{"contact.created", "contact.updated"}');
    expect(byId.bulkTag.go).toContain('IDs:    []string{"con_');
    expect(byId.importContacts.curl).toContain('-F "file=@contacts.csv"');
    expect(byId.importContacts.python).toContain('with open("contacts.csv", "rb") as f:');
    expect(byId.exportContacts.go).toContain('ContactFilter: rolo.ContactFilter{Tag: []string{"vip"}}');
    expect(byId.createApiKey.curl).toContain('-H "Origin: $ROLO_BASE_URL"');
    expect(byId.getOpenApiDocument.curl).not.toContain("Authorization");
  });

  it("imports the Go SDK by the module path sdks/go/go.mod declares", () => {
    expect(readFileSync("sdks/go/go.mod", "utf8")).toMatch(new RegExp(`^module ${GO_MODULE.replace(/\./g, "\\.")}$`, "m"));
  });
});

describe("a second copy of a schema module in the process", () => {
  it("does not break the document (a production server loads client components' imports in another bundle layer)", async () => {
    const { z } = await import("zod");
    const before = openApiDocument();
    // What a second evaluation of lib/contacts/schemas.ts does: the same ids, different schema objects.
    z.object({ copy: z.string() }).meta({ id: "ContactFilter" });
    z.object({ copy: z.string() }).meta({ id: "Contact" });
    const after = openApiDocument();
    expect(after.components.schemas).toEqual(before.components.schemas);
    expect(JSON.stringify(after)).not.toContain('"copy"');
  });
});
