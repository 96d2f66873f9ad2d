// `properties` (one original API's name) is accepted as a synonym of `metadata` on every input.
import { beforeAll, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";

let api: ReturnType<typeof client>;

beforeAll(async () => {
  api = client((await createTestWorkspace()).key);
});

const bothIssue = {
  code: "validation_error",
  details: [{ path: "properties", message: "Send metadata or properties (its synonym), not both" }],
};

describe("properties as a synonym of metadata", () => {
  it("POST /contacts stores properties as metadata and answers metadata only", async () => {
    const res = await api.post("/api/v1/contacts", { email: "props-create@example.com", properties: { plan: "pro", seats: 3 } });
    expect(res.status).toBe(201);
    expect(res.body.metadata).toEqual({ plan: "pro", seats: 3 });
    expect(res.body).not.toHaveProperty("properties");
  });

  it.each(["PATCH", "PUT"] as const)("%s /contacts/:id merges properties key by key like metadata", async (method) => {
    const created = await api.post("/api/v1/contacts", {
      email: `props-${method.toLowerCase()}@example.com`,
      metadata: { plan: "pro", old: 1 },
    });
    const send = method === "PATCH" ? api.patch : api.put;
    const res = await send(`/api/v1/contacts/${created.body.id}`, { properties: { plan: "enterprise", old: null } });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ plan: "enterprise" });
  });

  it("PUT /contacts (upsert) takes properties on create and on update", async () => {
    const created = await api.put("/api/v1/contacts", { email: "props-upsert@example.com", properties: { plan: "pro" } });
    expect(created.status).toBe(201);
    expect(created.body.metadata).toEqual({ plan: "pro" });
    const updated = await api.put("/api/v1/contacts", { email: "props-upsert@example.com", properties: { plan: "team" } });
    expect(updated.status).toBe(200);
    expect(updated.body.metadata).toMatchObject({ plan: "team" });
  });

  it("POST /contacts/batch takes properties per item; an item with both fails alone", async () => {
    const res = await api.post("/api/v1/contacts/batch", {
      contacts: [
        { email: "props-batch-1@example.com", properties: { source_list: "webinar" } },
        { email: "props-batch-2@example.com", metadata: { a: 1 }, properties: { b: 2 } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, failed: 1 });
    expect(res.body.results[1]).toMatchObject({ index: 1, status: "failed", error: bothIssue });
    const stored = await api.get(`/api/v1/contacts/${res.body.results[0].id}`);
    expect(stored.body.metadata).toEqual({ source_list: "webinar" });
  });

  it.each([
    ["POST", "/api/v1/contacts"],
    ["PUT", "/api/v1/contacts"],
  ])("%s %s with both metadata and properties is a validation_error", async (method, path) => {
    const body = { email: "props-both@example.com", metadata: { a: 1 }, properties: { a: 2 } };
    const res = method === "POST" ? await api.post(path, body) : await api.put(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(bothIssue);
  });

  it("PATCH /contacts/:id with both metadata and properties is a validation_error and changes nothing", async () => {
    const created = await api.post("/api/v1/contacts", { email: "props-patch-both@example.com", metadata: { keep: true } });
    const res = await api.patch(`/api/v1/contacts/${created.body.id}`, { metadata: { a: 1 }, properties: { a: 2 } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject(bothIssue);
    expect((await api.get(`/api/v1/contacts/${created.body.id}`)).body.metadata).toEqual({ keep: true });
  });
});
