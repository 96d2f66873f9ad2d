// The set-based upsert shared by PUT /contacts, the batch endpoint and imports, on the real database:
// consent kept for files, explicit requests honoured, metadata capped after merging, phones read
// in the workspace's country.
import { beforeEach, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { updateWorkspace } from "@/lib/workspaces/settings";
import { upsertContacts } from "./upsert-contacts";
import { db } from "@/lib/db/client";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
});
const contact = async (email: string) => (await api.get(`/api/v1/contacts?email=${encodeURIComponent(email)}`)).body.data[0];
const asImport = { source: "import", keepConsent: true, dropInvalidPhones: true, minimal: true } as const;

describe("consent in an import (keepConsent)", () => {
  beforeEach(async () => {
    await api.post("/api/v1/contacts", { email: "opted.out@x.example", status: "unsubscribed" });
    await api.post("/api/v1/contacts", { email: "bounced@x.example", suppressed: true, suppressed_reason: "bounced" });
    await api.post("/api/v1/contacts", { email: "complained@x.example", status: "unsubscribed", suppressed: true, suppressed_reason: "complained" });
    await api.post("/api/v1/contacts", { email: "happy@x.example", status: "unsubscribed" });
  });

  it("never subscribes or unsuppresses someone who opted out, and says so per item; everything else still applies", async () => {
    const result = await upsertContacts({
      workspaceId: ws.workspace.id,
      ...asImport,
      items: [
        { email: "opted.out@x.example", status: "subscribed", first_name: "Still", tags: ["from-file"] },
        { email: "bounced@x.example", status: "subscribed", suppressed: false },
        { email: "complained@x.example", status: "subscribed" },
        { email: "new@x.example", status: "subscribed" },
        { email: "happy@x.example", status: "unsubscribed" },
      ],
    });
    expect(result).toMatchObject({ created: 1, updated: 4, failed: 0 });
    expect(result.results.map((r) => r.kept ?? null)).toEqual(["unsubscribed", "suppressed (bounced)", "suppressed (complained)", null, null]);
    expect(await contact("opted.out@x.example")).toMatchObject({ status: "unsubscribed", first_name: "Still", tags: ["from-file"] });
    expect(await contact("bounced@x.example")).toMatchObject({ status: "subscribed", suppressed: true, suppressed_reason: "bounced" });
    expect(await contact("complained@x.example")).toMatchObject({ status: "unsubscribed", suppressed: true });
    expect(await contact("new@x.example")).toMatchObject({ status: "subscribed", suppressed: false });
  });

  it("withdrawing consent always applies: unsubscribe and suppress are written", async () => {
    await api.post("/api/v1/contacts", { email: "leaving@x.example" });
    const result = await upsertContacts({
      workspaceId: ws.workspace.id,
      ...asImport,
      items: [
        { email: "leaving@x.example", status: "unsubscribed" },
        { email: "opted.out@x.example", suppressed: true, suppressed_reason: "bounced" },
      ],
    });
    expect(result.results.map((r) => r.kept ?? null)).toEqual([null, null]);
    expect(await contact("leaving@x.example")).toMatchObject({ status: "unsubscribed" });
    expect(await contact("opted.out@x.example")).toMatchObject({ status: "unsubscribed", suppressed: true, suppressed_reason: "bounced" });
  });

  it("a duplicate later in the same file cannot subscribe whom an earlier row unsubscribed", async () => {
    const result = await upsertContacts({
      workspaceId: ws.workspace.id,
      ...asImport,
      items: [
        { email: "twice@x.example", status: "unsubscribed" },
        { email: "twice@x.example", status: "subscribed" },
      ],
    });
    expect(result.results.map((r) => [r.status, r.kept ?? null])).toEqual([
      ["created", null],
      ["updated", "unsubscribed"],
    ]);
    expect(await contact("twice@x.example")).toMatchObject({ status: "unsubscribed" });
  });

  it("the batch endpoint is an explicit request: a sent status applies (SPEC: consent changes need an explicit request)", async () => {
    const res = await api.post("/api/v1/contacts/batch", {
      contacts: [
        { email: "opted.out@x.example", status: "subscribed" },
        { email: "bounced@x.example", suppressed: false },
        { email: "complained@x.example", first_name: "No status sent" },
      ],
    });
    expect(res.body).toMatchObject({ created: 0, updated: 3, failed: 0 });
    expect(res.body.results[0]).not.toHaveProperty("kept");
    expect(await contact("opted.out@x.example")).toMatchObject({ status: "subscribed" });
    expect(await contact("bounced@x.example")).toMatchObject({ suppressed: false });
    expect(await contact("complained@x.example")).toMatchObject({ status: "unsubscribed", suppressed: true, first_name: "No status sent" });
  });
});

describe("metadata is capped after merging", () => {
  it("an item whose merge would pass 16 KB fails alone, in a batch and in an import; the stored contact is unchanged", async () => {
    await api.post("/api/v1/contacts", { email: "full@x.example", metadata: { big: "m".repeat(15 * 1024) } });
    const items = [
      { email: "full@x.example", first_name: "Grown", metadata: { more: "n".repeat(2 * 1024) } },
      { email: "fine@x.example", metadata: { more: "n".repeat(2 * 1024) } },
    ];
    const batch = await api.post("/api/v1/contacts/batch", { contacts: items });
    expect(batch.body).toMatchObject({ created: 1, updated: 0, failed: 1 });
    expect(batch.body.results[0].error).toEqual({
      code: "validation_error",
      message: "The contact is invalid",
      details: [{ path: "metadata", message: "Metadata after merging must be at most 16 KB" }],
    });
    const imported = await upsertContacts({ workspaceId: ws.workspace.id, ...asImport, items });
    expect(imported).toMatchObject({ updated: 1, failed: 1 });
    const full = await contact("full@x.example");
    expect(full.first_name).toBeNull();
    expect(Object.keys(full.metadata)).toEqual(["big"]);
    // Deleting a key (null) makes room.
    const trimmed = await upsertContacts({ workspaceId: ws.workspace.id, source: "api", items: [{ email: "full@x.example", metadata: { big: null, more: "n" } }] });
    expect(trimmed.updated).toBe(1);
    expect((await contact("full@x.example")).metadata).toEqual({ more: "n" });
  });
});

describe("phones", () => {
  it("are read in the workspace's default country, and an invalid one fails the item in the API", async () => {
    await updateWorkspace({ workspaceId: ws.workspace.id, input: { default_country: "GB" } });
    const res = await api.post("/api/v1/contacts/batch", { contacts: [{ email: "uk@x.example", phone: "020 7946 0018" }, { email: "bad@x.example", phone: "020 7946" }] });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["created", "failed"]);
    expect(res.body.results[1].error.details).toEqual([{ path: "phone", message: 'Must be a valid phone number: "020 7946" is not a valid GB number' }]);
    expect((await contact("uk@x.example")).phone).toBe("+442079460018");
  });

  it("in an import, an invalid phone is left out and noted when the row has an email; a phone-only row fails", async () => {
    const result = await upsertContacts({
      workspaceId: ws.workspace.id,
      ...asImport,
      defaultCountry: "US",
      items: [
        { email: "kept@x.example", phone: "12", first_name: "Kept" },
        { phone: "12" },
        { email: "ok@x.example", phone: "(415) 555-0101" },
      ],
    });
    expect(result).toMatchObject({ created: 2, failed: 1 });
    expect(result.results[0].notes).toEqual(['phone: Must be a valid phone number: "12" is too short for a US number (the phone was not stored)']);
    expect((result.results[1] as { error?: { details: unknown } }).error?.details).toEqual([{ path: "phone", message: 'Must be a valid phone number: "12" is too short for a US number' }]);
    expect(await contact("kept@x.example")).toMatchObject({ first_name: "Kept", phone: null });
    expect((await contact("ok@x.example")).phone).toBe("+14155550101");
  });
});

describe("phones another contact holds", () => {
  it("a new contact whose phone is taken fails alone, with the reason; the rest of the round is created", async () => {
    await api.post("/api/v1/contacts", { email: "owner@x.example", phone: "+14155550199" });
    const result = await upsertContacts({
      workspaceId: ws.workspace.id,
      ...asImport,
      items: [
        { email: "new.one@x.example", phone: "+14155550199" },
        { email: "new.two@x.example", phone: "+14155550198" },
      ],
    });
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(result.results[0]).toMatchObject({ status: "failed", error: { code: "conflict", message: "The phone number belongs to another contact" } });
    expect(await contact("new.two@x.example")).toMatchObject({ phone: "+14155550198" });
  });

  it("two new contacts sharing a new phone in one round: the plain insert clashes with itself, the round reruns and the second fails", async () => {
    const result = await upsertContacts({
      workspaceId: ws.workspace.id,
      ...asImport,
      items: [
        { email: "first@x.example", phone: "+14155550177" },
        { email: "second@x.example", phone: "+14155550177" },
        { email: "third@x.example" },
      ],
    });
    expect(result).toMatchObject({ created: 2, failed: 1 });
    expect(result.results.map((r) => r.status)).toEqual(["created", "failed", "created"]);
    expect(await contact("second@x.example")).toBeUndefined();
  });
});

describe("concurrent writers", () => {
  it("an item whose contact another transaction created meanwhile is updated, not failed (lost-update race between imports)", async () => {
    const { db } = await import("@/lib/db/client");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedNow = new Promise<void>((r) => (inserted = r));
    // Another writer inserts the same new email and holds its transaction open.
    const other = db.$transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO contacts (workspace_id, id, email, first_name) VALUES (${ws.workspace.id}, 'con_racer0000000001', 'race@x.example', 'Other')`;
        inserted();
        await held;
      },
      { timeout: 30_000 },
    );
    await insertedNow;
    // Our upsert matched nothing (the row is not committed), so it inserts, and waits on the index.
    const ours = upsertContacts({ workspaceId: ws.workspace.id, source: "api", items: [{ email: "race@x.example", last_name: "Ours" }] });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await other;
    const result = await ours;
    expect(result).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect(await contact("race@x.example")).toMatchObject({ id: "con_racer0000000001", first_name: "Other", last_name: "Ours" });
  });
});

describe("writes that change nothing", () => {
  const pause = () => new Promise((r) => setTimeout(r, 20));
  const events = async (id: string) => (await api.get(`/api/v1/contacts/${id}/activity`)).body.data.length;

  it("leave the contact and its updated_at as they are, report it updated, and record no activity", async () => {
    const first = (await api.post("/api/v1/contacts", { email: "same@x.example", first_name: "Ann", tags: ["a"], metadata: { plan: "pro", seats: 3 } })).body;
    const before = await events(first.id);
    await pause();
    const batch = await api.post("/api/v1/contacts/batch", {
      contacts: [
        // The same values, a metadata key merged to what it already is, and a key deleted that is not there.
        { email: "same@x.example", first_name: "Ann", tags: ["a"], metadata: { seats: 3, gone: null } },
      ],
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0]).toMatchObject({ status: "updated", id: first.id });
    expect(await contact("same@x.example")).toEqual(first);
    expect(await events(first.id)).toBe(before);

    // A re-import of the same row is the same no-op; under on_conflict=skip it is skipped, as before.
    const again = await upsertContacts({ workspaceId: ws.workspace.id, ...asImport, items: [{ email: "same@x.example", first_name: "Ann" }] });
    expect(again).toMatchObject({ updated: 1, failed: 0 });
    const skipped = await upsertContacts({ workspaceId: ws.workspace.id, ...asImport, onConflict: "skip", items: [{ email: "same@x.example", first_name: "Ann" }] });
    expect(skipped).toMatchObject({ updated: 0, skipped: 1 });
    expect((await contact("same@x.example")).updated_at).toBe(first.updated_at);
  });

  it("change the contact and its updated_at when any one field changes", async () => {
    const first = (await api.post("/api/v1/contacts", { email: "moved@x.example", first_name: "Ann", metadata: { plan: "pro" } })).body;
    await pause();
    const changes = [{ first_name: "Anne" }, { metadata: { plan: "team" } }, { tags: ["new"] }, { sms_ok: false }, { email: "Moved@x.example" }];
    let last = first.updated_at;
    for (const change of changes) {
      const res = await api.put("/api/v1/contacts", { email: "moved@x.example", ...change });
      expect(res.status).toBe(200);
      expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(last));
      last = res.body.updated_at;
      await pause();
    }
  });

  it("an upsert that another write made a no-op while it waited is reported updated, not failed", async () => {
    const first = (await api.post("/api/v1/contacts", { email: "race@x.example", first_name: "Ann" })).body;
    let answer: Promise<{ status: number; body: { first_name: string } }> | undefined;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE contacts SET first_name = 'Bob', updated_at = now() WHERE id = ${first.id}`;
      answer = api.put("/api/v1/contacts", { email: "race@x.example", first_name: "Bob" });
      await new Promise((r) => setTimeout(r, 300));
    });
    const res = await answer!;
    expect(res.status).toBe(200);
    expect(res.body.first_name).toBe("Bob");
  });

  it("keep an opted-out contact as it is when the file only says subscribed, and say so", async () => {
    const first = (await api.post("/api/v1/contacts", { email: "quiet@x.example", status: "unsubscribed" })).body;
    await pause();
    const result = await upsertContacts({ workspaceId: ws.workspace.id, ...asImport, items: [{ email: "quiet@x.example", status: "subscribed" }] });
    expect(result.results[0]).toMatchObject({ status: "updated", kept: "unsubscribed" });
    expect(await contact("quiet@x.example")).toEqual(first);
  });
});
