import { describe, expect, it } from "vitest";
import { call } from "@/lib/testing/api";

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document generated from the zod schemas, served without a key", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.ContactCreate.additionalProperties).toBe(false);
    expect(doc.components.schemas.ContactCreate.properties.tags.maxItems).toBe(100);
    expect(doc.components.schemas.Contact.required).toEqual(expect.arrayContaining(["id", "email", "created_at"]));
    expect(doc.paths["/contacts"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "search", "tag", "sort"]),
    );
    // Every reference resolves inside the document.
    for (const [, name] of JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });
});
