import { beforeEach, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { sessionCookie } from "@/lib/testing/session";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;
const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000" };

beforeEach(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
});

async function setCountry(country: unknown, role: "owner" | "admin" | "member" = "admin") {
  const { cookie } = await sessionCookie(ws.workspace.id, role);
  return call("PATCH", "/api/v1/workspace", { body: { default_country: country }, headers: { cookie, ...sameOrigin } });
}

describe("/workspace: the default country for phone numbers", () => {
  it("is US by default; an admin changes it; members and API keys cannot", async () => {
    expect((await api.get("/api/v1/workspace")).body).toMatchObject({ object: "workspace", id: ws.workspace.id, default_country: "US" });
    const changed = await setCountry("gb");
    expect(changed.status).toBe(200);
    expect(changed.body.default_country).toBe("GB");
    expect((await api.get("/api/v1/workspace")).body.default_country).toBe("GB");
    expect((await setCountry("DE", "member")).status).toBe(403);
    expect((await api.patch("/api/v1/workspace", { default_country: "DE" })).status).toBe(403);
  });

  it.each([["XX"], ["United Kingdom"], [42], [null]])("refuses %j with a validation_error", async (country) => {
    const res = await setCountry(country);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
    expect(res.body.error.details[0].path).toBe("default_country");
  });
});

describe("phones in the API", () => {
  it("national numbers become E.164 in the workspace's country, on create, upsert and update", async () => {
    await setCountry("GB");
    const created = await api.post("/api/v1/contacts", { email: "london@x.example", phone: "020 7946 0018" });
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe("+442079460018");
    const upserted = await api.put("/api/v1/contacts", { email: "leeds@x.example", phone: "0113 496 0000" });
    expect(upserted.body.phone).toBe("+441134960000");
    const updated = await api.patch(`/api/v1/contacts/${created.body.id}`, { phone: "+44 (0)20 7946 0019" });
    expect(updated.body.phone).toBe("+442079460019");
    // An international number is the same anywhere.
    expect((await api.post("/api/v1/contacts", { phone: "+1 (415) 555-0101" })).body.phone).toBe("+14155550101");
  });

  it("an invalid number is a validation_error naming the phone and why", async () => {
    const res = await api.post("/api/v1/contacts", { email: "x@x.example", phone: "(415) 555-01" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "validation_error", details: [{ path: "phone", message: 'Must be a valid phone number: "(415) 555-01" is too short for a US number' }] });
    const created = (await api.post("/api/v1/contacts", { email: "y@x.example" })).body;
    expect((await api.patch(`/api/v1/contacts/${created.id}`, { phone: "+1 555 555 5555" })).status).toBe(400);
  });
});
