// The resources: paths, methods, bodies, multipart upload, pagination, export, wait.
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { test } from "node:test";
import { RoloError } from "../../dist/esm/index.js";
import { contact, fakeServer } from "../support/fake-server.mjs";

const page = (ids, next, extra = {}) => ({
  object: "list",
  data: ids.map((id) => contact({ id })),
  has_more: next !== null,
  next_cursor: next,
  ...extra,
});
const importJob = (status, extra = {}) => ({
  id: "imp_1",
  object: "import",
  status,
  file_name: "c.csv",
  created: 0,
  updated: 0,
  failed_rows: 0,
  ...extra,
});

test("delete: DELETE /api/v1/contacts/:id answered 204 resolves to undefined", async (t) => {
  const server = await fakeServer([{ status: 204 }]);
  t.after(server.close);
  assert.equal(await server.client().contacts.delete("con_7mKp/x"), undefined);
  const [req] = server.requests;
  assert.equal(req.method, "DELETE");
  assert.equal(req.url, "/api/v1/contacts/con_7mKp%2Fx");
  assert.ok(req.headers["idempotency-key"]);
});

test("each contact method uses its method and path", async (t) => {
  const server = await fakeServer([{ body: contact() }]);
  t.after(server.close);
  const { contacts } = server.client();
  await contacts.create({ email: "a@example.com", metadata: { plan: "pro" }, tags: ["vip"] });
  await contacts.get("con_1");
  await contacts.update("con_1", { first_name: "Janet", metadata: { plan: null } });
  await contacts.upsert({ email: "a@example.com" });
  await contacts.batchUpsert({ contacts: [{ email: "a@example.com" }, { email: "b@example.com", tags: ["vip"] }] });
  await contacts.bulk.get("job_1");
  await contacts.imports.get("imp_1");
  await contacts.imports.list();
  await contacts.imports.cancel("imp_1");
  assert.deepEqual(
    server.requests.map((r) => `${r.method} ${r.url}`),
    [
      "POST /api/v1/contacts",
      "GET /api/v1/contacts/con_1",
      "PATCH /api/v1/contacts/con_1",
      "PUT /api/v1/contacts",
      "POST /api/v1/contacts/batch",
      "GET /api/v1/contacts/bulk/job_1",
      "GET /api/v1/contacts/import/imp_1",
      "GET /api/v1/contacts/import",
      "POST /api/v1/contacts/import/imp_1/cancel",
    ],
  );
  assert.deepEqual(JSON.parse(server.requests[2].body), { first_name: "Janet", metadata: { plan: null } });
  assert.equal(JSON.parse(server.requests[4].body).contacts.length, 2);
});

test("bulk actions post their selection, unknown fields included", async (t) => {
  const server = await fakeServer([{ status: 202, body: { id: "job_1", object: "bulk_job", status: "queued" } }]);
  t.after(server.close);
  const { bulk } = server.client().contacts;
  await bulk.subscribe({ ids: ["con_1"] });
  await bulk.unsubscribe({ filter: { tag: ["old"] }, exclude_ids: ["con_2"], reason: "requested" });
  await bulk.tag({ all: true, add: ["vip"], remove: ["trial"] });
  await bulk.delete({ ids: ["con_3"], dry_run: true });
  await bulk.subscribe({ segment: "seg_1", filter: { metadata: { plan: "pro", score: { gte: 10 } }, has_phone: true } });
  assert.deepEqual(
    server.requests.map((r) => [r.url, JSON.parse(r.body)]),
    [
      ["/api/v1/contacts/bulk-subscribe", { ids: ["con_1"] }],
      ["/api/v1/contacts/bulk-unsubscribe", { filter: { tag: ["old"] }, exclude_ids: ["con_2"], reason: "requested" }],
      ["/api/v1/contacts/bulk-tag", { all: true, add: ["vip"], remove: ["trial"] }],
      ["/api/v1/contacts/bulk-delete", { ids: ["con_3"], dry_run: true }],
      [
        "/api/v1/contacts/bulk-subscribe",
        { segment: "seg_1", filter: { metadata: { plan: "pro", score: { gte: 10 } }, has_phone: true } },
      ],
    ],
  );
});

test("imports.create sends multipart: file field with filename, mapping as JSON, extra fields", async (t) => {
  const server = await fakeServer([{ status: 202, body: importJob("queued") }]);
  t.after(server.close);
  const csv = "email,first_name\njane@example.com,Jane\n";
  const result = await server.client().contacts.imports.create({
    file: Buffer.from(csv),
    filename: 'contacts "q1".csv',
    mapping: { first_name: "first_name", Plan: "metadata.plan" },
    on_conflict: "skip",
    resubscribe: true,
    default_country: "US",
  });
  assert.equal(result.status, "queued");
  const [req] = server.requests;
  assert.equal(req.method, "POST");
  assert.equal(req.url, "/api/v1/contacts/import");
  assert.ok(req.headers["idempotency-key"]);
  // Parse the wire bytes with the platform's own multipart parser.
  const form = await new Response(req.body, { headers: { "Content-Type": req.headers["content-type"] } }).formData();
  assert.deepEqual([...form.keys()].sort(), ["default_country", "file", "mapping", "on_conflict", "resubscribe"]);
  assert.deepEqual(JSON.parse(form.get("mapping")), { first_name: "first_name", Plan: "metadata.plan" });
  assert.equal(form.get("on_conflict"), "skip");
  assert.equal(form.get("resubscribe"), "true");
  assert.equal(form.get("default_country"), "US");
  const file = form.get("file");
  assert.equal(file.name, 'contacts "q1".csv', "quotes travel percent-encoded, as browsers send them");
  assert.equal(await file.text(), csv);
  assert.match(
    req.body.toString(),
    /Content-Disposition: form-data; name="file"; filename="contacts %22q1%22.csv"\r\nContent-Type: text\/csv\r\n\r\nemail,first_name/,
  );
});

test("imports.create sends resubscribe false as \"false\", and a vCard as text/vcard", async (t) => {
  const server = await fakeServer([{ status: 202, body: importJob("queued", { kept_unsubscribed: 1, detected_source: "vcard" }) }]);
  t.after(server.close);
  const job = await server.client().contacts.imports.create({
    file: Buffer.from("BEGIN:VCARD\r\nEND:VCARD\r\n"),
    filename: "people.vcf",
    resubscribe: false,
    default_country: "GB",
  });
  assert.equal(job.kept_unsubscribed, 1);
  assert.equal(job.detected_source, "vcard");
  const req = server.requests[0];
  const form = await new Response(req.body, { headers: { "Content-Type": req.headers["content-type"] } }).formData();
  assert.equal(form.get("resubscribe"), "false");
  assert.equal(form.get("default_country"), "GB");
  assert.match(req.body.toString(), /filename="people.vcf"\r\nContent-Type: text\/vcard\r\n/);
});

test("imports.create takes the File's name, and marks non-ASCII names as UTF-8", async (t) => {
  const server = await fakeServer([{ status: 202, body: importJob("queued") }]);
  t.after(server.close);
  const { imports } = server.client().contacts;
  await imports.create({ file: new File(["email\na@example.com\n"], "from-file.csv") });
  await imports.create({ file: new Blob(["email\n"]) });
  await imports.create({ file: new Blob(["email\n"]), filename: "müller.csv" });
  const bodies = server.requests.map((r) => r.body.toString());
  assert.match(bodies[0], /name="file"; filename="from-file.csv"/);
  assert.match(bodies[1], /name="file"; filename="contacts.csv"/);
  assert.match(bodies[2], /filename\*=UTF-8''m%C3%BCller.csv/);
});

test("a Blob/Buffer upload is retried with the same body and key; a stream upload is not retried", async (t) => {
  const server = await fakeServer([
    { status: 503, headers: { "Retry-After": "0" }, body: "busy" },
    { status: 202, body: importJob("queued") },
  ]);
  t.after(server.close);
  await server.client().contacts.imports.create({ file: Buffer.from("email\na@example.com\n"), filename: "a.csv" });
  assert.equal(server.requests.length, 2);
  assert.equal(server.requests[0].headers["idempotency-key"], server.requests[1].headers["idempotency-key"]);
  assert.equal(server.requests[0].body.toString(), server.requests[1].body.toString());

  const streamServer = await fakeServer([
    { status: 503, headers: { "Retry-After": "0" }, body: "busy" },
    { status: 202, body: importJob("queued") },
  ]);
  t.after(streamServer.close);
  const error = await streamServer
    .client()
    .contacts.imports.create({ file: Readable.from([Buffer.from("email\n"), "b@example.com\n"]), filename: "s.csv" })
    .catch((e) => e);
  assert.ok(error instanceof RoloError && error.status === 503, String(error));
  assert.equal(streamServer.requests.length, 1);
  assert.match(
    streamServer.requests[0].body.toString(),
    /filename="s.csv"\r\nContent-Type: text\/csv\r\n\r\nemail\nb@example.com\n\r\n--/,
  );
});

test("a web ReadableStream uploads too", async (t) => {
  const server = await fakeServer([{ status: 202, body: importJob("queued") }]);
  t.after(server.close);
  const stream = new Blob(["email\nweb@example.com\n"]).stream();
  await server.client().contacts.imports.create({ file: stream, filename: "w.csv.gz" });
  assert.match(
    server.requests[0].body.toString(),
    /filename="w.csv.gz"\r\nContent-Type: application\/gzip\r\n\r\nemail\nweb@example.com\n/,
  );
});

test("list: awaiting gives one page; iterating walks every page until has_more is false", async (t) => {
  const server = await fakeServer([
    (r) =>
      r.url.includes("cursor=c2")
        ? { body: page(["con_5"], null) }
        : r.url.includes("cursor=c1")
          ? { body: page(["con_3", "con_4"], "c2") }
          : { body: page(["con_1", "con_2"], "c1", { total: 5 }) },
  ]);
  t.after(server.close);
  const { contacts } = server.client();
  const first = await contacts.list({ limit: 2, tag: "vip" });
  assert.deepEqual(
    first.data.map((c) => c.id),
    ["con_1", "con_2"],
  );
  assert.equal(first.has_more, true);
  assert.equal(first.next_cursor, "c1");
  assert.equal(first.total, 5);
  assert.equal(server.requests.length, 1);

  const ids = [];
  for await (const c of contacts.list({ limit: 2, tag: ["vip", "beta"], offset: 0 })) ids.push(c.id);
  assert.deepEqual(ids, ["con_1", "con_2", "con_3", "con_4", "con_5"]);
  assert.deepEqual(
    server.requests.slice(1).map((r) => r.url),
    [
      "/api/v1/contacts?limit=2&tag=vip&tag=beta&offset=0",
      "/api/v1/contacts?limit=2&tag=vip&tag=beta&cursor=c1",
      "/api/v1/contacts?limit=2&tag=vip&tag=beta&cursor=c2",
    ],
  );
});

test("list: iteration stops when the server repeats a cursor", async (t) => {
  const server = await fakeServer([(r) => ({ body: page([r.url.includes("cursor") ? "con_again" : "con_1"], "same") })]);
  t.after(server.close);
  const ids = [];
  for await (const c of server.client().contacts.list()) ids.push(c.id);
  assert.deepEqual(ids, ["con_1", "con_again"]);
  assert.equal(server.requests.length, 2);
});

test("list: pages() yields whole pages; nothing is sent until awaited", async (t) => {
  const server = await fakeServer([(r) => ({ body: r.url.includes("cursor") ? page(["con_2"], null) : page(["con_1"], "c1") })]);
  t.after(server.close);
  const pending = server.client().contacts.list({ limit: 1 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(server.requests.length, 0);
  const sizes = [];
  for await (const p of pending.pages()) sizes.push(p.data.length);
  assert.deepEqual(sizes, [1, 1]);
});

test("query encoding: booleans, dates, nested filters as key[sub]; undefined is left out", async (t) => {
  const server = await fakeServer([{ body: page([], null) }]);
  t.after(server.close);
  await server.client().contacts.list({
    suppressed: false,
    created_after: new Date("2026-01-02T03:04:05Z"),
    metadata: { plan: "pro" },
    search: undefined,
  });
  const url = new URL(server.requests[0].url, "http://x");
  assert.deepEqual(
    [...url.searchParams],
    [
      ["suppressed", "false"],
      ["created_after", "2026-01-02T03:04:05.000Z"],
      ["metadata[plan]", "pro"],
    ],
  );
});

test("filters: metadata conditions become bracketed keys; the new criteria and segment are sent", async (t) => {
  const server = await fakeServer([{ body: page([], null) }]);
  t.after(server.close);
  await server.client().contacts.list({
    has_email: true,
    has_phone: false,
    updated_after: new Date("2026-02-01T00:00:00Z"),
    updated_before: "2026-03-01T00:00:00Z",
    segment: "seg_42",
    metadata: {
      plan: "pro",
      score: { gte: 10, lt: 100 },
      tier: { in: ["gold", "silver"] },
      vip: { exists: true },
      since: { gt: new Date("2025-01-01T00:00:00Z") },
      trial: false,
    },
  });
  const url = new URL(server.requests[0].url, "http://x");
  assert.deepEqual(
    [...url.searchParams],
    [
      ["has_email", "true"],
      ["has_phone", "false"],
      ["updated_after", "2026-02-01T00:00:00.000Z"],
      ["updated_before", "2026-03-01T00:00:00Z"],
      ["segment", "seg_42"],
      ["metadata[plan]", "pro"],
      ["metadata[score][gte]", "10"],
      ["metadata[score][lt]", "100"],
      ["metadata[tier][in]", "gold,silver"],
      ["metadata[vip][exists]", "true"],
      ["metadata[since][gt]", "2025-01-01T00:00:00.000Z"],
      ["metadata[trial]", "false"],
    ],
  );
});

test("filters: a metadata key or an `in` value the query string cannot carry is refused before sending", async (t) => {
  const server = await fakeServer([{ body: page([], null) }]);
  t.after(server.close);
  const { contacts } = server.client();
  const badKey = await contacts.list({ metadata: { "a][gte": 1 } }).catch((e) => e);
  assert.ok(badKey instanceof RoloError && /contains "]"/.test(badKey.message), String(badKey));
  const badIn = await contacts.export({ metadata: { city: { in: ["Paris", "Washington, DC"] } } }).catch((e) => e);
  assert.ok(badIn instanceof RoloError && /comma/.test(badIn.message), String(badIn));
  assert.equal(server.requests.length, 0);
});

test("iteration keeps the metadata filter on every page", async (t) => {
  const server = await fakeServer([(r) => ({ body: r.url.includes("cursor") ? page(["con_2"], null) : page(["con_1"], "c1") })]);
  t.after(server.close);
  const ids = [];
  for await (const c of server.client().contacts.list({ metadata: { plan: { in: ["pro", "team"] } } })) ids.push(c.id);
  assert.deepEqual(ids, ["con_1", "con_2"]);
  assert.deepEqual(
    server.requests.map((r) => decodeURIComponent(r.url)),
    ["/api/v1/contacts?metadata[plan][in]=pro,team", "/api/v1/contacts?cursor=c1&metadata[plan][in]=pro,team"],
  );
});

test("count: GET /api/v1/contacts/count with the list's filter and segment, no idempotency key", async (t) => {
  const server = await fakeServer([{ body: { object: "count", total: 1234 } }, { body: { object: "count", total: 0 } }]);
  t.after(server.close);
  const { contacts } = server.client();
  const count = await contacts.count({
    search: "fatima",
    tag: ["vip", "beta"],
    suppressed: false,
    created_after: new Date("2026-01-01T00:00:00Z"),
    metadata: { plan: "pro", score: { gte: 10 } },
    segment: "seg_42",
  });
  assert.deepEqual(count, { object: "count", total: 1234 });
  assert.deepEqual(await contacts.count(), { object: "count", total: 0 });
  const [filtered, everyone] = server.requests;
  assert.equal(filtered.method, "GET");
  assert.equal(filtered.headers["idempotency-key"], undefined);
  const url = new URL(filtered.url, "http://x");
  assert.equal(url.pathname, "/api/v1/contacts/count");
  assert.deepEqual(
    [...url.searchParams],
    [
      ["search", "fatima"],
      ["tag", "vip"],
      ["tag", "beta"],
      ["suppressed", "false"],
      ["created_after", "2026-01-01T00:00:00.000Z"],
      ["segment", "seg_42"],
      ["metadata[plan]", "pro"],
      ["metadata[score][gte]", "10"],
    ],
  );
  assert.equal(`${everyone.method} ${everyone.url}`, "GET /api/v1/contacts/count");
  const refused = await contacts.count({ metadata: { "a]b": 1 } }).catch((e) => e);
  assert.ok(refused instanceof RoloError && /contains "]"/.test(refused.message), String(refused));
  assert.equal(server.requests.length, 2);
});

test("list: the first page carries total or total_estimate, as the API sends it", async (t) => {
  const server = await fakeServer([
    { body: page(["con_1"], "c1", { total_estimate: 48000 }) },
    { body: page(["con_2"], null) },
  ]);
  t.after(server.close);
  const pages = [];
  for await (const p of server.client().contacts.list({ search: "a" }).pages()) pages.push(p);
  assert.deepEqual(
    pages.map((p) => [p.total, p.total_estimate]),
    [
      [undefined, 48000],
      [undefined, undefined],
    ],
  );
});

test("metadataKeys: GET /api/v1/contacts/metadata-keys", async (t) => {
  const keys = { object: "list", data: [{ key: "plan", count: 3 }] };
  const server = await fakeServer([{ body: keys }]);
  t.after(server.close);
  assert.deepEqual(await server.client().contacts.metadataKeys(), keys);
  assert.equal(`${server.requests[0].method} ${server.requests[0].url}`, "GET /api/v1/contacts/metadata-keys");
});

test("segments: list, create, get, update (filter replaced whole), delete answered 204", async (t) => {
  const segment = { id: "seg_1", object: "segment", name: "Pro", filter: { metadata: { plan: { eq: "pro" } } }, count: 2 };
  const server = await fakeServer([
    { body: { object: "list", data: [segment] } },
    { status: 201, body: segment },
    { body: segment },
    { body: { ...segment, name: "Team" } },
    { status: 204 },
  ]);
  t.after(server.close);
  const { segments } = server.client();
  assert.equal((await segments.list()).data[0].id, "seg_1");
  assert.equal((await segments.create({ name: "Pro", filter: { metadata: { plan: "pro" }, has_email: true } })).count, 2);
  assert.equal((await segments.get("seg_1")).name, "Pro");
  assert.equal((await segments.update("seg_1", { name: "Team", filter: { tag: ["team"] } })).name, "Team");
  assert.equal(await segments.delete("seg/1"), undefined);
  assert.deepEqual(
    server.requests.map((r) => [r.method, r.url, r.body.length ? JSON.parse(r.body) : null]),
    [
      ["GET", "/api/v1/segments", null],
      ["POST", "/api/v1/segments", { name: "Pro", filter: { metadata: { plan: "pro" }, has_email: true } }],
      ["GET", "/api/v1/segments/seg_1", null],
      ["PATCH", "/api/v1/segments/seg_1", { name: "Team", filter: { tag: ["team"] } }],
      ["DELETE", "/api/v1/segments/seg%2F1", null],
    ],
  );
  assert.ok(server.requests.slice(1).every((r) => r.method === "GET" || r.headers["idempotency-key"]));
});

test("segments.list: a segment too slow to count has count_estimate instead of count", async (t) => {
  const base = { object: "segment", name: "Big", filter: { search: "a" } };
  const body = { object: "list", data: [{ ...base, id: "seg_1", count_estimate: 1200 }, { ...base, id: "seg_2", count: 0 }] };
  const server = await fakeServer([{ body }]);
  t.after(server.close);
  const { data } = await server.client().segments.list();
  assert.deepEqual(
    data.map((s) => [s.id, s.count, s.count_estimate]),
    [
      ["seg_1", undefined, 1200],
      ["seg_2", 0, undefined],
    ],
  );
});

test("export: a stream of the CSV with the filter in the query", async (t) => {
  const csv = "id,email\ncon_1,jane@example.com\n";
  const server = await fakeServer([{ status: 200, headers: { "Content-Type": "text/csv" }, body: csv }]);
  t.after(server.close);
  const stream = await server.client().contacts.export({ tag: "vip", bom: true, segment: "seg_1", metadata: { plan: "pro" } });
  assert.ok(stream instanceof ReadableStream);
  assert.equal(await new Response(stream).text(), csv);
  assert.equal(decodeURIComponent(server.requests[0].url), "/api/v1/contacts/export?tag=vip&bom=true&segment=seg_1&metadata[plan]=pro");
  assert.equal(server.requests[0].headers["idempotency-key"], undefined);
});

test("imports.errors returns the CSV text", async (t) => {
  const server = await fakeServer([{ status: 200, body: "line,row,reason\r\n2,x,Invalid email\r\n" }]);
  t.after(server.close);
  assert.equal(await server.client().contacts.imports.errors("imp_1"), "line,row,reason\r\n2,x,Invalid email\r\n");
  assert.equal(server.requests[0].url, "/api/v1/contacts/import/imp_1/errors");
});

test("wait polls until a final status; maxWait ends it with wait_timeout", async (t) => {
  const server = await fakeServer([
    { body: importJob("queued") },
    { body: importJob("running") },
    { body: importJob("completed", { created: 2 }) },
  ]);
  t.after(server.close);
  const done = await server.client().contacts.imports.wait("imp_1", { pollInterval: 10 });
  assert.equal(done.status, "completed");
  assert.equal(done.created, 2);
  assert.equal(server.requests.length, 3);

  const stuck = await fakeServer([{ body: { id: "job_1", object: "bulk_job", status: "running" } }]);
  t.after(stuck.close);
  const error = await stuck
    .client()
    .contacts.bulk.wait("job_1", { pollInterval: 10, maxWait: 50 })
    .catch((e) => e);
  assert.ok(error instanceof RoloError);
  assert.equal(error.code, "wait_timeout");
  assert.ok(stuck.requests.length >= 2 && stuck.requests.every((r) => r.url === "/api/v1/contacts/bulk/job_1"));
});
