import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { client } from "@/lib/testing/api";
import type { ContactRecord } from "@/lib/contacts/sql";
import { CHUNKS_IN_FLIGHT, ChunkWrites, keysTouched } from "./chunk-writes";

const record = (input: { email?: string; phone?: string }): ContactRecord => ({ ...input, idx: 0, id: null, fields: Object.keys(input) });

/** A write that runs until released, and says when it started. */
function gate() {
  let release!: (error?: Error) => void;
  let started = false;
  const done = new Promise<void>((resolve, reject) => (release = (error) => (error ? reject(error) : resolve())));
  return { write: () => ((started = true), done), release, started: () => started };
}
const tick = () => new Promise((r) => setTimeout(r, 10));

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

describe("ChunkWrites", () => {
  it(`runs ${CHUNKS_IN_FLIGHT} disjoint writes at once, and the next only when one finishes`, async () => {
    const writes = new ChunkWrites();
    const [a, b, c] = [gate(), gate(), gate()];
    await writes.start(new Set(["e:a"]), a.write);
    await writes.start(new Set(["e:b"]), b.write);
    expect(a.started() && b.started()).toBe(true);
    const third = writes.start(new Set(["e:c"]), c.write);
    await tick();
    expect(c.started()).toBe(false);
    a.release();
    await third;
    expect(c.started()).toBe(true);
    b.release();
    c.release();
    await writes.drain();
  });

  it("waits for a write whose keys overlap, even with a free slot", async () => {
    const writes = new ChunkWrites();
    const [a, b] = [gate(), gate()];
    await writes.start(new Set(["e:a", "c:con_1"]), a.write);
    const second = writes.start(new Set(["p:+1", "c:con_1"]), b.write);
    await tick();
    expect(b.started()).toBe(false);
    a.release();
    await second;
    expect(b.started()).toBe(true);
    b.release();
    await writes.drain();
  });

  it("reports a failed write only once every other write has settled", async () => {
    const writes = new ChunkWrites();
    const [a, b] = [gate(), gate()];
    await writes.start(new Set(["e:a"]), a.write);
    await writes.start(new Set(["e:b"]), b.write);
    const drained = writes.drain().then(
      () => "resolved",
      (e: Error) => e.message,
    );
    a.release(new Error("chunk failed"));
    await tick();
    let outcome: string | null = null;
    void drained.then((o) => (outcome = o));
    await tick();
    expect(outcome).toBeNull(); // b is still writing
    b.release();
    expect(await drained).toBe("chunk failed");
  });
});
