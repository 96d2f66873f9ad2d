// An import writes two chunks at once (lib/imports/chunk-writes.ts): a later chunk may commit
// before an earlier one, and a killed worker must then resume with exactly the rows left.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { call, client, settled } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { startWorker, stopWorker } from "@/lib/testing/worker";
import { db } from "@/lib/db/client";
import { holdRow } from "@/lib/testing/hold-row";

let worker: ChildProcess | null = null;
afterAll(async () => {
  if (worker) await stopWorker(worker);
});

const WORKER = { IMPORT_CHUNK_ROWS: "3", IMPORT_LEASE_SECONDS: "2" };

function upload(csv: string, key: string) {
  const form = new FormData();
  form.set("file", new Blob([csv]), "pipeline.csv");
  return call("POST", "/api/v1/contacts/import", { key, rawBody: form });
}

const doneRows = async (id: string) =>
  (await db.$queryRaw<{ done: string }[]>`SELECT done_rows::text AS done FROM imports WHERE id = ${id}`)[0].done;

async function until(what: string, test: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("an import writing two chunks at once", () => {
  it("commits a later chunk while an earlier one waits; a worker killed then resumes with only the rows left", async () => {
    const ws = await createTestWorkspace();
    const api = client(ws.key);
    const held = (await api.post("/api/v1/contacts", { email: "held@pipeline.test", first_name: "Before" })).body;
    const { release } = await holdRow(ws.workspace.id, held.id);
    worker = await startWorker(WORKER);
    // Chunk 1 = rows 0–2 (it updates the held contact, so it waits); chunk 2 = rows 3–5, other people.
    const csv = "email,first_name\nheld@pipeline.test,After\na@pipeline.test,A\nb@pipeline.test,B\nc@pipeline.test,C\nd@pipeline.test,D\ne@pipeline.test,E\n";
    const id = (await upload(csv, ws.key)).body.id;
    await until("chunk 2 to commit", async () => (await doneRows(id)) === "{[3,6)}");
    const midway = (await api.get(`/api/v1/contacts/import/${id}`)).body;
    expect(midway).toMatchObject({ status: "running", processed_rows: 3, created: 3, updated: 0 });

    // Killed with chunk 1 uncommitted: its rows, and only those, are done again.
    await stopWorker(worker, "SIGKILL");
    await release();
    worker = await startWorker(WORKER);
    const done = await settled(api, `/api/v1/contacts/import/${id}`);
    expect(done).toMatchObject({ status: "completed", total_rows: 6, processed_rows: 6, created: 5, updated: 1, failed_rows: 0 });
    expect(await doneRows(id)).toBe("{[0,6)}");
    expect((await api.get("/api/v1/contacts?limit=10")).body.total).toBe(6);
    expect((await api.get(`/api/v1/contacts/${held.id}`)).body.first_name).toBe("After");
  }, 120_000);

  it("writes chunks that reach the same person in file order, though by different keys", async () => {
    const ws = await createTestWorkspace();
    const api = client(ws.key);
    const held = (await api.post("/api/v1/contacts", { email: "first@pipeline.test" })).body;
    const person = (await api.post("/api/v1/contacts", { email: "same@pipeline.test", phone: "+12125550123" })).body;
    const { release } = await holdRow(ws.workspace.id, held.id);
    worker ??= await startWorker(WORKER);
    // Chunk 1 names the person by email (and waits on the held row); chunk 2 names them by phone alone.
    const csv = "email,phone,first_name\nfirst@pipeline.test,,F\nsame@pipeline.test,,Earlier\nx@pipeline.test,,X\n,+12125550123,Later\ny@pipeline.test,,Y\nz@pipeline.test,,Z\n";
    const id = (await upload(csv, ws.key)).body.id;
    await until("the import to start", async () => (await api.get(`/api/v1/contacts/import/${id}`)).body.status === "running");
    await new Promise((r) => setTimeout(r, 1000));
    // Chunk 2 could reach the person the moment chunk 1 commits, but must not go first.
    expect(await doneRows(id)).toBe("{}");
    await release();
    const done = await settled(api, `/api/v1/contacts/import/${id}`);
    expect(done).toMatchObject({ status: "completed", processed_rows: 6, created: 3, updated: 3, failed_rows: 0 });
    expect((await api.get(`/api/v1/contacts/${person.id}`)).body.first_name).toBe("Later");
  }, 120_000);
});
