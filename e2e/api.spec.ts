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
  // API responses never pass the proxy (a page's nonce policy); next.config gives them their own.
  expect(listed.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(listed.headers()["x-content-type-options"]).toBe("nosniff");

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
  expect((await request.delete("/api/v1/contacts")).headers()["allow"]).toBe("GET, POST, PUT, HEAD, OPTIONS");
  await envelope(await request.post("/api/v1/contacts/con_x/deeper"), 404, "not_found");
  await envelope(await request.get("/api/elsewhere"), 404, "not_found");
  await envelope(await request.get(`/api/v1/contacts?search=${"a".repeat(10_000)}`), 414, "uri_too_long");
  // Over Node's 16 KB limit on the request head: answered before Next, still in the envelope.
  const huge = await fetch(`${baseURL}/api/v1/contacts?search=${"a".repeat(20_000)}`);
  expect(huge.status).toBe(431);
  expect((await huge.json()).error.code).toBe("headers_too_large");
  // A dashboard page with a malformed escape is a 404 page, not a 500.
  expect((await request.get("/contacts/%ZZ")).status()).toBe(404);
});

test("a CSV upload larger than the proxy's 10 MB body buffer streams through and imports", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const { apiKey } = await seedWorkspace();
  const rows = 150_000; // ≈ 12 MB
  const lines = ["email,first_name,last_name,company"];
  for (let i = 0; i < rows; i++) lines.push(`big.upload.${i}@example.com,First${i},Last${i},A company with a longer name ${i}`);
  const csv = lines.join("\n");
  expect(csv.length).toBeGreaterThan(11 * 1024 * 1024);
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "big.csv");
  const headers = { authorization: `Bearer ${apiKey}` };
  const res = await fetch(`${baseURL}/api/v1/contacts/import`, { method: "POST", headers, body: form });
  const job = await res.json();
  expect(res.status, JSON.stringify(job)).toBe(202);
  await expect
    .poll(async () => (await (await fetch(`${baseURL}/api/v1/contacts/import/${job.id}`, { headers })).json()).status, { timeout: 120_000 })
    .toBe("completed");
  const done = await (await fetch(`${baseURL}/api/v1/contacts/import/${job.id}`, { headers })).json();
  expect(done.created).toBe(rows);
  // The proxy still answers other requests to the import path.
  const wrong = await fetch(`${baseURL}/api/v1/contacts/import`, { method: "DELETE", headers });
  expect(wrong.status).toBe(405);
  expect((await wrong.json()).error.code).toBe("method_not_allowed");
});
