// Integration tests against a real Rolo: ROLO_BASE_URL and ROLO_API_KEY must be set (the lead's
// scripts/test-sdks.ts starts a throwaway server and mints a key). Every run uses its own emails
// and tags, so reruns against the same database pass.
import assert from "node:assert/strict";
import { test } from "node:test";
import Rolo, { AuthenticationError, ConflictError, NotFoundError, ValidationError } from "../../dist/esm/index.js";

const { ROLO_BASE_URL, ROLO_API_KEY } = process.env;
if (!ROLO_BASE_URL || !ROLO_API_KEY) {
  throw new Error("Integration tests need ROLO_BASE_URL and ROLO_API_KEY (see scripts/test-sdks.ts in the repository root)");
}

const rolo = new Rolo({ apiKey: ROLO_API_KEY, baseURL: ROLO_BASE_URL });
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = (name) => `${name}+${run}@example.com`;
const tag = (name) => `${name}-${run}`;
const wait = { pollInterval: 200, maxWait: 60_000 };

let jane;

test("create, get, update", async () => {
  jane = await rolo.contacts.create({
    email: email("jane"),
    first_name: "Jane",
    last_name: "Doe",
    metadata: { plan: "pro", signup_source: "landing_page" },
    tags: [tag("sdk")],
  });
  assert.match(jane.id, /^con_/);
  assert.equal(jane.object, "contact");
  assert.equal(jane.email, email("jane"));
  assert.deepEqual(jane.metadata, { plan: "pro", signup_source: "landing_page" });

  const fetched = await rolo.contacts.get(jane.id);
  assert.deepEqual(fetched, jane);

  const updated = await rolo.contacts.update(jane.id, {
    first_name: "Janet",
    metadata: { plan: "enterprise", signup_source: null },
  });
  assert.equal(updated.first_name, "Janet");
  assert.equal(updated.last_name, "Doe");
  assert.deepEqual(updated.metadata, { plan: "enterprise" });
});

test("a taken email is a ConflictError; a bad one a ValidationError with details", async () => {
  const conflict = await rolo.contacts.create({ email: email("jane") }).catch((e) => e);
  assert.ok(conflict instanceof ConflictError, String(conflict));
  assert.equal(conflict.status, 409);
  const invalid = await rolo.contacts.create({ email: "not-an-email" }).catch((e) => e);
  assert.ok(invalid instanceof ValidationError, String(invalid));
  assert.equal(invalid.code, "validation_error");
  assert.ok(Array.isArray(invalid.details) && invalid.details.some((d) => d.path === "email"));
  assert.match(invalid.requestId, /^req_/);
});

test("the same idempotency key replays the first create", async () => {
  const key = `sdk-${run}-create`;
  const first = await rolo.contacts.create({ email: email("idem") }, { idempotencyKey: key });
  const again = await rolo.contacts.create({ email: email("idem") }, { idempotencyKey: key });
  assert.equal(again.id, first.id);
});

test("batchUpsert, then list across pages with await and for await", async () => {
  const contacts = ["p1", "p2", "p3", "p4", "p5"].map((n) => ({ email: email(n), first_name: n, tags: [tag("page")] }));
  const result = await rolo.contacts.batchUpsert({ contacts: [...contacts, { email: "broken" }] });
  assert.equal(result.created, 5);
  assert.equal(result.updated, 0);
  assert.equal(result.failed, 1);
  assert.equal(result.results[5].status, "failed");
  assert.equal(result.results[5].error.code, "validation_error");

  const again = await rolo.contacts.batchUpsert({ contacts: [{ email: email("p1"), last_name: "One" }] });
  assert.deepEqual([again.created, again.updated], [0, 1]);

  const page = await rolo.contacts.list({ tag: tag("page"), limit: 2 });
  assert.equal(page.object, "list");
  assert.equal(page.data.length, 2);
  assert.equal(page.has_more, true);
  assert.equal(page.total, 5);
  assert.ok(page.next_cursor);

  const seen = [];
  for await (const c of rolo.contacts.list({ tag: tag("page"), limit: 2, sort: "email" })) seen.push(c.email);
  assert.deepEqual(seen, ["p1", "p2", "p3", "p4", "p5"].map(email));
});

test("upsert creates, then updates the contact with that email", async () => {
  const created = await rolo.contacts.upsert({ email: email("upsert"), first_name: "Up" });
  const updated = await rolo.contacts.upsert({ email: email("upsert"), first_name: "Sert" });
  assert.equal(updated.id, created.id);
  assert.equal(updated.first_name, "Sert");
});

let importId;

test("import a CSV and wait: completed with counts; errors() lists the bad row", async () => {
  const csv = [
    "email,first_name,tags,plan",
    `${email("imp1")},Ada,${tag("imp")},pro`,
    `${email("imp2")},Alan,${tag("imp")},free`,
    "not-an-email,Bad,x,y",
    "",
  ].join("\n");
  const queued = await rolo.contacts.imports.create({ file: new Blob([csv]), filename: `sdk-${run}.csv`, on_conflict: "update" });
  assert.match(queued.id, /^imp_/);
  assert.equal(queued.file_name, `sdk-${run}.csv`);
  importId = queued.id;

  const done = await rolo.contacts.imports.wait(queued.id, wait);
  assert.equal(done.status, "completed", JSON.stringify(done));
  assert.equal(done.created, 2);
  assert.equal(done.failed_rows, 1);
  assert.equal(done.total_rows, 3);

  const errors = await rolo.contacts.imports.errors(queued.id);
  assert.match(errors, /^line,row,reason\r\n/);
  assert.match(errors, /not-an-email/);

  const imported = await rolo.contacts.list({ tag: tag("imp"), sort: "email" });
  assert.deepEqual(
    imported.data.map((c) => [c.email, c.metadata.plan]),
    [
      [email("imp1"), "pro"],
      [email("imp2"), "free"],
    ],
  );
  const { data } = await rolo.contacts.imports.list();
  assert.ok(data.some((i) => i.id === queued.id));
  assert.equal((await rolo.contacts.imports.get(queued.id)).status, "completed");
});

test("cancel of a finished import is a ConflictError", async () => {
  const error = await rolo.contacts.imports.cancel(importId).catch((e) => e);
  assert.ok(error instanceof ConflictError, String(error));
});

test("bulk tag: dry run previews, the job completes and the tags are there", async () => {
  const selection = { filter: { tag: tag("page") } };
  const preview = await rolo.contacts.bulk.tag({ ...selection, add: [tag("bulk")], dry_run: true });
  assert.equal(preview.object, "bulk_preview");
  assert.equal(preview.matched, 5);

  const job = await rolo.contacts.bulk.tag({ ...selection, add: [tag("bulk")] });
  assert.match(job.id, /^job_/);
  assert.equal(job.action, "tag");
  const done = await rolo.contacts.bulk.wait(job.id, wait);
  assert.equal(done.status, "completed", JSON.stringify(done));
  assert.equal(done.processed, 5);
  assert.equal((await rolo.contacts.bulk.get(job.id)).status, "completed");
  assert.equal((await rolo.contacts.list({ tag: tag("bulk") })).total, 5);
});

test("export streams a CSV with the filtered contacts", async () => {
  const stream = await rolo.contacts.export({ tag: tag("page") });
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const csv = Buffer.concat(chunks).toString("utf8");
  const lines = csv.trim().split("\r\n");
  assert.match(lines[0], /^id,email,/);
  assert.equal(lines.length, 6);
  for (const n of ["p1", "p2", "p3", "p4", "p5"]) assert.ok(csv.includes(email(n)), n);
});

test("delete answers 204; then get is a NotFoundError with a request id", async () => {
  assert.equal(await rolo.contacts.delete(jane.id), undefined);
  const error = await rolo.contacts.get(jane.id).catch((e) => e);
  assert.ok(error instanceof NotFoundError, String(error));
  assert.equal(error.status, 404);
  assert.equal(error.code, "not_found");
  assert.match(error.requestId, /^req_/);
  assert.equal(error.requestId, error.headers.get("x-request-id"));
});

test("a bad API key is an AuthenticationError", async () => {
  const bad = new Rolo({ apiKey: "sk_live_not_a_real_key", baseURL: ROLO_BASE_URL });
  const error = await bad.contacts.list().catch((e) => e);
  assert.ok(error instanceof AuthenticationError, String(error));
  assert.equal(error.status, 401);
  assert.equal(error.code, "unauthorized");
  assert.match(error.requestId, /^req_/);
});
