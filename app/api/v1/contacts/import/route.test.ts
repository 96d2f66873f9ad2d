import type { ChildProcess } from "node:child_process";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { startWorker, stopWorker } from "@/lib/testing/worker";
import { db } from "@/lib/db/client";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;
let worker: ChildProcess;

beforeAll(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
  worker = await startWorker({ IMPORT_CHUNK_ROWS: "3" });
}, 60_000);
afterAll(async () => {
  await stopWorker(worker);
});

function upload(file: BlobPart, name = "contacts.csv", fields: Record<string, string> = {}, key = ws.key) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([file]), name);
  return call("POST", "/api/v1/contacts/import", { key, rawBody: form });
}

async function finished(id: string, key = ws.key) {
  for (let i = 0; i < 300; i++) {
    const res = await call("GET", `/api/v1/contacts/import/${id}`, { key });
    if (!["queued", "running"].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish");
}

describe("POST /contacts/import", () => {
  it("imports a CSV: 202 with the job, then exact counts, contacts and an error report", async () => {
    const csv = [
      "Email Address,First Name,Last Name,Phone,Company,Tags",
      "ann@import.test,Ann,Lee,,Acme,vip;beta",
      "bob@import.test,Bob,,+14155550101,Initech,",
      "not-an-email,Bad,Row,,,",
      '"carl@import.test","Carl ""CJ""","Multi',
      'Line",,Globex,',
      "ANN@import.test,Annie,,,Acme 2,",
      ",,,,,",
    ].join("\n");
    const res = await upload(csv);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ object: "import", status: "queued", file_name: "contacts.csv" });
    expect(res.body.id).toMatch(/^imp_/);
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: "completed", total_rows: 6, processed_rows: 6, created: 3, updated: 1, skipped: 0, failed_rows: 2 });
    // Duplicates inside the file: the later row wins.
    const ann = (await api.get("/api/v1/contacts?email=ann@import.test")).body.data[0];
    expect(ann).toMatchObject({ first_name: "Annie", last_name: "Lee", tags: ["vip", "beta"], metadata: { company: "Acme 2" }, source: "import" });
    const carl = (await api.get("/api/v1/contacts?email=carl@import.test")).body.data[0];
    expect(carl).toMatchObject({ first_name: 'Carl "CJ"', last_name: "Multi\nLine" });

    const errors = await call("GET", done.errors_url, { key: ws.key });
    expect(errors.status).toBe(200);
    expect(errors.headers.get("content-type")).toContain("text/csv");
    const lines = errors.text.trim().split("\r\n");
    expect(lines[0]).toBe("line,row,reason");
    expect(lines[1]).toMatch(/^4,"?not-an-email.*email: Must be a valid email address/);
    expect(lines[2]).toMatch(/^8,.*Either email or phone is required/);

    const list = await api.get("/api/v1/contacts/import");
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(res.body.id);
  });

  it("applies the mapping and on_conflict=skip leaves existing contacts alone", async () => {
    await api.post("/api/v1/contacts", { email: "keep@import.test", first_name: "Original" });
    const csv = "Mail;Vorname;Plan;Secret\nkeep@import.test;Changed;pro;x\nnew@import.test;New;free;y\n";
    const res = await upload(csv, "semi.csv", { mapping: JSON.stringify({ Mail: "email", Vorname: "first_name", Secret: "ignore" }), on_conflict: "skip" });
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: "completed", created: 1, updated: 0, skipped: 1, failed_rows: 0 });
    expect((await api.get("/api/v1/contacts?email=keep@import.test")).body.data[0].first_name).toBe("Original");
    expect((await api.get("/api/v1/contacts?email=new@import.test")).body.data[0]).toMatchObject({ first_name: "New", metadata: { plan: "free" } });
  });

  it("on_conflict=update (default) merges into existing contacts", async () => {
    await api.post("/api/v1/contacts", { email: "merge@import.test", first_name: "Old", metadata: { a: 1 } });
    const res = await upload(gzipSync("email,first_name,plan\nmerge@import.test,New,pro\n"), "export.csv.gz");
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ status: "completed", created: 0, updated: 1 });
    expect((await api.get("/api/v1/contacts?email=merge@import.test")).body.data[0]).toMatchObject({ first_name: "New", metadata: { a: 1, plan: "pro" } });
  });

  it("fails the job with a clear message when there is no email or phone column", async () => {
    const res = await upload("name,company\nAnn,Acme\n");
    const done = await finished(res.body.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/No email or phone column: found name, company/);
  });

  it.each([
    ["an empty file", () => upload(""), 400, "validation_error"],
    ["a PNG", () => upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "photo.png"), 415, "unsupported_media_type"],
    ["binary data named .csv", () => upload(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), "sheet.csv"), 415, "unsupported_media_type"],
    ["no file field", () => call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: new FormData() }), 400, "validation_error"],
    ["a JSON body", () => call("POST", "/api/v1/contacts/import", { key: ws.key, body: { file: "a" } }), 415, "unsupported_media_type"],
    ["a mapping that is not JSON", () => upload("email\na@b.co\n", "a.csv", { mapping: "{oops" }), 400, "validation_error"],
    ["a mapping to an unknown field", () => upload("email\na@b.co\n", "a.csv", { mapping: '{"email":"password"}' }), 400, "validation_error"],
    ["a bad on_conflict", () => upload("email\na@b.co\n", "a.csv", { on_conflict: "merge" }), 400, "validation_error"],
    ["a declared size over the limit", () => call("POST", "/api/v1/contacts/import", { key: ws.key, rawBody: "x", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) } }), 413, "payload_too_large"],
  ])("answers %s with %i and keeps nothing", async (_label, send, status, code) => {
    const before = (await api.get("/api/v1/contacts/import")).body.data.length;
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect((await api.get("/api/v1/contacts/import")).body.data.length).toBe(before);
  });

  it("refuses a file over the size limit while streaming it, and keeps nothing", async () => {
    process.env.IMPORT_MAX_BYTES = "1000";
    try {
      const res = await upload("email\n" + "someone@example.com\n".repeat(200));
      expect(res.status).toBe(413);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
  });

  it("another workspace cannot see, read the errors of, or cancel an import", async () => {
    const res = await upload("email\nmine@import.test\n");
    const other = await createTestWorkspace();
    for (const path of [`/api/v1/contacts/import/${res.body.id}`, `/api/v1/contacts/import/${res.body.id}/errors`]) {
      expect((await call("GET", path, { key: other.key })).status).toBe(404);
    }
    expect((await call("POST", `/api/v1/contacts/import/${res.body.id}/cancel`, { key: other.key })).status).toBe(404);
    expect((await client(other.key).get("/api/v1/contacts/import")).body.data).toEqual([]);
    await finished(res.body.id);
  });

  it("a read-only key cannot import", async () => {
    expect((await upload("email\na@b.co\n", "a.csv", {}, ws.readOnlyKey)).status).toBe(403);
  });
});

describe("canceling", () => {
  it("stops a queued import for good: no rows, the file dropped, a second cancel is a conflict", async () => {
    await stopWorker(worker);
    const res = await upload("email\ncancel1@import.test\ncancel2@import.test\n");
    const canceled = await call("POST", `/api/v1/contacts/import/${res.body.id}/cancel`, { key: ws.key });
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect((await call("POST", `/api/v1/contacts/import/${res.body.id}/cancel`, { key: ws.key })).status).toBe(409);
    worker = await startWorker({ IMPORT_CHUNK_ROWS: "3" });
    await new Promise((r) => setTimeout(r, 2500));
    expect((await call("GET", `/api/v1/contacts/import/${res.body.id}`, { key: ws.key })).body).toMatchObject({ status: "canceled", processed_rows: 0 });
    expect((await api.get("/api/v1/contacts?search=cancel1@import")).body.total).toBe(0);
    const pieces = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM import_files WHERE import_id = ${res.body.id}`;
    expect(pieces[0].n).toBe(0);
  }, 60_000);
});

describe("a worker killed mid-import", () => {
  it("resumes from the last committed chunk in another worker, with exact counts", async () => {
    await stopWorker(worker);
    const own = await createTestWorkspace();
    const rows = 6000;
    const csv = "email,first_name\n" + Array.from({ length: rows }, (_, i) => `crash${i % 5000}@import.test,N${i}`).join("\n") + "\n";
    const res = await upload(csv, "big.csv", {}, own.key);
    const id = res.body.id;

    let first = await startWorker({ IMPORT_CHUNK_ROWS: "100", IMPORT_LEASE_SECONDS: "2" });
    let progress = 0;
    for (let i = 0; i < 600 && progress < 1000; i++) {
      progress = (await call("GET", `/api/v1/contacts/import/${id}`, { key: own.key })).body.processed_rows;
      await new Promise((r) => setTimeout(r, 20));
    }
    await stopWorker(first, "SIGKILL");
    const atKill = (await call("GET", `/api/v1/contacts/import/${id}`, { key: own.key })).body;
    expect(atKill.status).toBe("running");
    expect(atKill.processed_rows).toBeGreaterThan(0);
    expect(atKill.processed_rows).toBeLessThan(rows);

    first = await startWorker({ IMPORT_CHUNK_ROWS: "100", IMPORT_LEASE_SECONDS: "2" });
    worker = first;
    const done = await finished(id, own.key);
    expect(done).toMatchObject({ status: "completed", total_rows: rows, processed_rows: rows, created: 5000, updated: 1000, failed_rows: 0 });
    const list = await client(own.key).get("/api/v1/contacts?limit=1");
    expect(list.body.total).toBe(5000);
    // The later duplicate won everywhere, once.
    expect((await client(own.key).get("/api/v1/contacts?email=crash42@import.test")).body.data[0].first_name).toBe("N5042");
  }, 120_000);
});
