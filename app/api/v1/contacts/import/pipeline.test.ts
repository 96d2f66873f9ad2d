// An import writes two chunks at once (lib/imports/chunk-writes.ts): a later chunk may commit
// before an earlier one, and an import stopped then must resume with exactly the rows left.
// The import runs in this process with 3-row chunks, and is never queued, so no test file's
// worker (with other chunk sizes) takes it.
import { Readable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { holdRow } from "@/lib/testing/hold-row";
import { db } from "@/lib/db/client";
import { processImport } from "@/lib/imports/process-import";
import { storePieces } from "@/lib/imports/storage";

vi.hoisted(() => {
  process.env.IMPORT_CHUNK_ROWS = "3"; // read when the module loads
});

/** An uploaded import as the upload route leaves it, minus the queue. */
async function stored(workspaceId: string, csv: string) {
  const id = `imp_pipe${Date.now()}${Math.floor(Math.random() * 1000)}`;
  await db.$transaction(async (tx) => {
    await tx.import.create({ data: { workspaceId, id, fileName: "pipeline.csv", fileSize: csv.length, defaultCountry: "US" } });
    await storePieces(tx, { workspaceId, importId: id }, Readable.from([Buffer.from(csv)]));
  });
  return { workspaceId, id };
}

const doneRows = async (id: string) =>
  (await db.$queryRaw<{ done: string }[]>`SELECT done_rows::text AS done FROM imports WHERE id = ${id}`)[0].done;

describe("an import writing two chunks at once", () => {
  it("commits a later chunk while an earlier one waits; stopped then, it resumes with only the rows left", async () => {
    const ws = await createTestWorkspace();
    const api = client(ws.key);
    const held = (await api.post("/api/v1/contacts", { email: "held@pipeline.test", first_name: "Before" })).body;
    const { pid: holderPid, release } = await holdRow(ws.workspace.id, held.id);
    // Chunk 1 = rows 0–2 (it updates the held contact, so it waits); chunk 2 = rows 3–5, other people.
    const csv = "email,first_name\nheld@pipeline.test,After\na@pipeline.test,A\nb@pipeline.test,B\nc@pipeline.test,C\nd@pipeline.test,D\ne@pipeline.test,E\n";
    const ref = await stored(ws.workspace.id, csv);
    const run = processImport(ref);
    await expect.poll(() => doneRows(ref.id), { timeout: 20_000 }).toBe("{[3,6)}");
    expect((await api.get(`/api/v1/contacts/import/${ref.id}`)).body).toMatchObject({ status: "running", processed_rows: 3, created: 3, updated: 0 });

    // Chunk 1's connection dies, as with a killed worker: the attempt fails, chunk 2 stays done.
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${holderPid}::int = ANY (pg_blocking_pids(pid))`;
    await expect(run).rejects.toThrow();
    await release();
    expect(await doneRows(ref.id)).toBe("{[3,6)}");

    // The next attempt imports rows 0–2 and nothing else.
    expect(await processImport(ref)).toBe("done");
    const done = (await api.get(`/api/v1/contacts/import/${ref.id}`)).body;
    expect(done).toMatchObject({ status: "completed", total_rows: 6, processed_rows: 6, created: 5, updated: 1, failed_rows: 0 });
    expect(await doneRows(ref.id)).toBe("{[0,6)}");
    expect((await api.get("/api/v1/contacts?limit=10")).body.total).toBe(6);
    expect((await api.get(`/api/v1/contacts/${held.id}`)).body.first_name).toBe("After");
  }, 60_000);

  it("writes chunks that reach the same person in file order, though by different keys", async () => {
    const ws = await createTestWorkspace();
    const api = client(ws.key);
    const held = (await api.post("/api/v1/contacts", { email: "first@pipeline.test" })).body;
    const person = (await api.post("/api/v1/contacts", { email: "same@pipeline.test", phone: "+12125550123" })).body;
    const { release } = await holdRow(ws.workspace.id, held.id);
    // Chunk 1 names the person by email (and waits on the held row); chunk 2 names them by phone alone.
    const csv = "email,phone,first_name\nfirst@pipeline.test,,F\nsame@pipeline.test,,Earlier\nx@pipeline.test,,X\n,+12125550123,Later\ny@pipeline.test,,Y\nz@pipeline.test,,Z\n";
    const ref = await stored(ws.workspace.id, csv);
    const run = processImport(ref);
    await expect.poll(async () => (await api.get(`/api/v1/contacts/import/${ref.id}`)).body.status).toBe("running");
    await new Promise((r) => setTimeout(r, 1000));
    // Chunk 2 could reach the person the moment chunk 1 commits, but must not go first.
    expect(await doneRows(ref.id)).toBe("{}");
    await release();
    expect(await run).toBe("done");
    const done = (await api.get(`/api/v1/contacts/import/${ref.id}`)).body;
    expect(done).toMatchObject({ status: "completed", processed_rows: 6, created: 3, updated: 3, failed_rows: 0 });
    expect((await api.get(`/api/v1/contacts/${person.id}`)).body.first_name).toBe("Later");
  }, 60_000);
});
