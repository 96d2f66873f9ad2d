import { expect, test } from "@playwright/test";
import { seedWorkspace } from "./fixtures";

test("the production server answers the API over HTTP", async ({ request }) => {
  const { apiKey } = await seedWorkspace();
  const headers = { authorization: `Bearer ${apiKey}` };
  const created = await request.post("/api/v1/contacts", { headers, data: { email: "e2e@example.com", name: "End To End" } });
  expect(created.status()).toBe(201);
  const contact = await created.json();
  const listed = await request.get("/api/v1/contacts?search=e2e@", { headers });
  expect((await listed.json()).data.map((c: { id: string }) => c.id)).toEqual([contact.id]);
  expect(listed.headers()["x-request-id"]).toMatch(/^req_/);

  const openapi = await request.get("/api/v1/openapi.json");
  const doc = await openapi.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/contacts", "/contacts/{id}", "/contacts/batch"]));
  expect(doc.components.schemas.ContactCreate.properties.email).toBeDefined();
});

test("the production server answers bad URLs and methods in the error envelope", async ({ request, baseURL }) => {
  const envelope = async (response: Awaited<ReturnType<typeof request.get>>, status: number, code: string) => {
    expect(response.status()).toBe(status);
    const body = (await response.json()) as { error: { code: string; request_id: string } };
    expect(body.error.code).toBe(code);
    expect(response.headers()["x-request-id"]).toBe(body.error.request_id);
  };
  await envelope(await request.get("/api/v1/contacts/%ZZ"), 400, "invalid_request");
  await envelope(await request.get("/api/v1/contacts/%E0%A4%A"), 400, "invalid_request");
  await envelope(await request.get("/api/v1/nope"), 404, "not_found");
  await envelope(await request.delete("/api/v1/contacts"), 405, "method_not_allowed");
  await envelope(await request.get(`/api/v1/contacts?search=${"a".repeat(10_000)}`), 414, "uri_too_long");
  // Over Node's 16 KB limit on the request head: answered before Next, still in the envelope.
  const huge = await fetch(`${baseURL}/api/v1/contacts?search=${"a".repeat(20_000)}`);
  expect(huge.status).toBe(431);
  expect((await huge.json()).error.code).toBe("headers_too_large");
  // A dashboard page with a malformed escape is a 404 page, not a 500.
  expect((await request.get("/contacts/%ZZ")).status()).toBe(404);
});
