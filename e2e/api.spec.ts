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
