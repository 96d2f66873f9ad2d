import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { client } from "@/lib/testing/api";
import type { ContactRecord } from "@/lib/contacts/sql";
import { keysTouched } from "./chunk-keys";

const record = (input: { email?: string; phone?: string }): ContactRecord => ({ ...input, idx: 0, id: null, fields: Object.keys(input) });

describe("keysTouched", () => {
  it("names the rows' emails and phones, and every contact holding one of them with its other keys", async () => {
    const ws = await createTestWorkspace();
    const held = (await client(ws.key).post("/api/v1/contacts", { email: "Held@Keys.test", phone: "+12125550100" })).body;
    // A phone-only row reaches the contact found by email in another chunk: the sets must meet.
    const byPhone = await keysTouched(ws.workspace.id, [record({ phone: "+12125550100" })]);
    const byEmail = await keysTouched(ws.workspace.id, [record({ email: "held@keys.test" })]);
    expect([...byPhone].sort()).toEqual([`c:${held.id}`, "e:held@keys.test", "p:+12125550100"]);
    expect(byEmail.has(`c:${held.id}`) && byEmail.has("p:+12125550100")).toBe(true);
    // A row taking a phone the contact holds reaches it too.
    expect((await keysTouched(ws.workspace.id, [record({ email: "new@keys.test", phone: "+12125550100" })])).has(`c:${held.id}`)).toBe(true);
    // Another workspace's contact with the same email is not this workspace's.
    const other = await createTestWorkspace();
    expect([...(await keysTouched(other.workspace.id, [record({ email: "held@keys.test" })]))]).toEqual(["e:held@keys.test"]);
  });
});
