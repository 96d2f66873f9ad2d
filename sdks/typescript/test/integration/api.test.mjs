// Integration tests against a real Rolo: ROLO_BASE_URL and ROLO_API_KEY must be set (the lead's
// scripts/test-sdks.ts starts a throwaway server and mints a key). Every run uses its own emails
// and tags, so reruns against the same database pass.
import assert from "node:assert/strict";
import { test } from "node:test";
import Rolo, { AuthenticationError, BadRequestError, ConflictError, NotFoundError, ValidationError } from "../../dist/esm/index.js";

const { ROLO_BASE_URL, ROLO_API_KEY } = process.env;
if (!ROLO_BASE_URL || !ROLO_API_KEY) {
  throw new Error("Integration tests need ROLO_BASE_URL and ROLO_API_KEY (see scripts/test-sdks.ts in the repository root)");
}

const rolo = new Rolo({ apiKey: ROLO_API_KEY, baseURL: ROLO_BASE_URL });
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = (name) => `${name}+${run}@example.com`;
const tag = (name) => `${name}-${run}`;
const wait = { pollInterval: 200, maxWait: 60_000 };
// Phones are unique per workspace too: random ones (valid: San Francisco and London numbers).
const digits = (n) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");
const usPhone = `+1415${2 + Math.floor(Math.random() * 8)}${digits(6)}`;
const ukNational = `020 7${digits(3)} ${digits(4)}`;

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

test("count: the exact number for a tag, a search and both; a tag's first page has total", async () => {
  const name = `Zora${run}`; // a first name only these contacts have
  const counted = tag("count");
  const result = await rolo.contacts.batchUpsert({
    contacts: [
      { email: email("count1"), first_name: name, tags: [counted] },
      { email: email("count2"), first_name: name, tags: [counted] },
      { email: email("count3"), first_name: "Other", tags: [counted] },
    ],
  });
  assert.equal(result.created, 3);

  assert.deepEqual(await rolo.contacts.count({ tag: counted }), { object: "count", total: 3 });
  assert.equal((await rolo.contacts.count({ search: name })).total, 2);
  assert.equal((await rolo.contacts.count({ search: name, tag: [counted], status: "subscribed" })).total, 2);
  assert.equal((await rolo.contacts.count({ tag: counted, has_phone: true })).total, 0);

  // One tag is kept counted, so the first page's total is exact; later pages carry none.
  const first = await rolo.contacts.list({ tag: counted, limit: 2 });
  assert.deepEqual([first.total, first.total_estimate], [3, undefined]);
  const second = await rolo.contacts.list({ tag: counted, limit: 2, cursor: first.next_cursor });
  assert.deepEqual([second.data.length, second.total, second.total_estimate], [1, undefined, undefined]);
  // A search is counted within a time budget: exact, or else an estimate.
  const searched = await rolo.contacts.list({ search: name });
  assert.equal(searched.data.length, 2);
  assert.ok(searched.total === 2 || (searched.total === undefined && Number.isInteger(searched.total_estimate)), JSON.stringify(searched));

  const missing = await rolo.contacts.count({ segment: `seg_missing${run}` }).catch((e) => e);
  assert.ok(missing instanceof NotFoundError, String(missing));
  const paged = await rolo.contacts.count({ limit: 5 }).catch((e) => e);
  assert.ok(paged instanceof ValidationError, String(paged));
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

// Contacts for the filter, segment and bulk tests: score 5/15/25, one without an email.
let scored;
const scoredTag = tag("scored");

test("filters: metadata conditions, has_email/has_phone and updated_* select the right contacts", async () => {
  const result = await rolo.contacts.batchUpsert({
    contacts: [
      { email: email("s5"), tags: [scoredTag], metadata: { score: 5, plan: "free" } },
      { email: email("s15"), tags: [scoredTag], metadata: { score: 15, plan: "pro", vip: true } },
      { phone: usPhone, tags: [scoredTag], metadata: { score: 25, plan: "team" } },
    ],
  });
  assert.equal(result.created + result.updated, 3, JSON.stringify(result));
  scored = await Promise.all(result.results.map((r) => rolo.contacts.get(r.id)));
  // Sorted here: where the API sorts a missing email is not what these tests are about.
  const emails = async (params) =>
    (await rolo.contacts.list({ tag: scoredTag, ...params })).data.map((c) => c.email ?? "(none)").sort();

  assert.deepEqual(await emails({ metadata: { score: { gte: 10 } } }), ["(none)", email("s15")]);
  assert.deepEqual(await emails({ metadata: { score: { gt: 5, lt: 25 } } }), [email("s15")]);
  assert.deepEqual(await emails({ metadata: { plan: "pro" } }), [email("s15")]);
  assert.deepEqual(await emails({ metadata: { plan: { in: ["free", "team"] } } }), ["(none)", email("s5")]);
  assert.deepEqual(await emails({ metadata: { vip: { exists: true } } }), [email("s15")]);
  assert.deepEqual(await emails({ metadata: { vip: { exists: false }, score: { lte: 5 } } }), [email("s5")]);
  assert.deepEqual(await emails({ has_email: false }), ["(none)"]);
  assert.deepEqual(await emails({ has_phone: true }), ["(none)"]);
  assert.deepEqual(await emails({ has_email: true, has_phone: false }), [email("s15"), email("s5")]);

  const times = scored.map((c) => Date.parse(c.updated_at)).sort((a, b) => a - b);
  assert.equal((await emails({ updated_after: new Date(times[2]) })).length, 0);
  assert.equal((await emails({ updated_after: new Date(times[0] - 1) })).length, 3);
  assert.equal((await emails({ updated_before: new Date(times[0]) })).length, 0);
  assert.equal((await emails({ updated_before: new Date(times[2] + 1) })).length, 3);

  const stream = await rolo.contacts.export({ tag: scoredTag, metadata: { score: { gte: 10 } } });
  const csv = await new Response(stream).text();
  assert.equal(csv.trim().split("\r\n").length, 3, csv);
  assert.ok(csv.includes(email("s15")) && !csv.includes(email("s5")));
});

test("metadataKeys lists the keys in use with their counts", async () => {
  const key = `k_${run}`;
  for (const n of ["mk1", "mk2"]) await rolo.contacts.create({ email: email(n), metadata: { [key]: n } });
  const keys = await rolo.contacts.metadataKeys();
  assert.equal(keys.object, "list");
  assert.deepEqual(
    keys.data.find((k) => k.key === key),
    { key, count: 2 },
  );
});

test("segments: create, duplicate name, get, list, update (filter replaced), use in list/export/bulk, delete", async () => {
  const name = `High scorers ${run}`;
  const segment = await rolo.segments.create({ name, filter: { tag: [scoredTag], metadata: { score: { gte: 10 } } } });
  assert.match(segment.id, /^seg_/);
  assert.equal(segment.object, "segment");
  assert.equal(segment.count, 2);
  assert.deepEqual(segment.filter.metadata, { score: { gte: 10 } });

  const duplicate = await rolo.segments.create({ name, filter: { tag: [scoredTag] } }).catch((e) => e);
  assert.ok(duplicate instanceof ConflictError && duplicate.code === "conflict", String(duplicate));

  assert.deepEqual(await rolo.segments.get(segment.id), segment);
  // The list counts exactly when that is quick, else it estimates (a tag and a metadata range).
  const listed = (await rolo.segments.list()).data.find((s) => s.id === segment.id);
  assert.ok(listed.count === 2 || (listed.count === undefined && Number.isInteger(listed.count_estimate)), JSON.stringify(listed));

  const inSegment = await rolo.contacts.list({ segment: segment.id });
  assert.deepEqual(
    inSegment.data.map((c) => c.id).sort(),
    [scored[1].id, scored[2].id].sort(),
  );
  // The segment and the request's own filter must both hold.
  assert.equal((await rolo.contacts.count({ segment: segment.id, has_email: true })).total, 1);
  const both = await rolo.contacts.list({ segment: segment.id, has_email: true });
  assert.equal(both.data.length, 1);
  assert.ok(both.total === 1 || (both.total === undefined && Number.isInteger(both.total_estimate)), JSON.stringify(both));
  const csv = await new Response(await rolo.contacts.export({ segment: segment.id })).text();
  assert.equal(csv.trim().split("\r\n").length, 3, csv);
  const preview = await rolo.contacts.bulk.tag({ segment: segment.id, add: [tag("seg")], dry_run: true });
  assert.equal(preview.matched, 2);

  const renamed = await rolo.segments.update(segment.id, { name: `${name} (pro)`, filter: { tag: [scoredTag], metadata: { plan: "pro" } } });
  assert.equal(renamed.name, `${name} (pro)`);
  assert.equal(renamed.count, 1);
  assert.deepEqual(renamed.filter.metadata, { plan: { eq: "pro" } }, "the old score condition is gone");
  assert.equal((await rolo.segments.update(segment.id, { name })).count, 1, "a rename keeps the filter");

  assert.equal(await rolo.segments.delete(segment.id), undefined);
  const gone = await rolo.segments.get(segment.id).catch((e) => e);
  assert.ok(gone instanceof NotFoundError, String(gone));
});

test("bulk: a filter without criteria is refused unless all is true", async () => {
  const refused = await rolo.contacts.bulk.tag({ filter: {}, add: [tag("all")], dry_run: true }).catch((e) => e);
  assert.ok(refused instanceof ValidationError, String(refused));
  assert.ok(refused.details.some((d) => d.path === "filter"), JSON.stringify(refused.details));
  const everyone = await rolo.contacts.bulk.tag({ all: true, add: [tag("all")], dry_run: true });
  assert.equal(everyone.matched, (await rolo.contacts.list({ limit: 1 })).total);

  const job = await rolo.contacts.bulk.tag({ filter: { tag: [scoredTag], metadata: { score: { lt: 10 } } }, add: [tag("low")] });
  assert.equal((await rolo.contacts.bulk.wait(job.id, wait)).processed, 1);
  assert.deepEqual(
    (await rolo.contacts.list({ tag: tag("low") })).data.map((c) => c.email),
    [email("s5")],
  );
});

test("source is set by the server: sending it is a 400", async () => {
  const error = await rolo.contacts.create({ email: email("src"), source: "crm" }).catch((e) => e);
  assert.ok(error instanceof BadRequestError && error.status === 400, String(error));
  assert.equal((await rolo.contacts.create({ email: email("src") })).source, "api");
});

test("a retry while the first attempt still runs (409 idempotency_in_progress) is retried to its replay", async () => {
  const seen = [];
  const recording = async (url, init) => {
    const response = await fetch(url, init);
    const body = response.status === 409 ? await response.clone().json() : undefined;
    seen.push(`${response.status}${body ? ` ${body.error.code}` : ""}`);
    return response;
  };
  const client = new Rolo({ apiKey: ROLO_API_KEY, baseURL: ROLO_BASE_URL, fetch: recording, maxRetries: 8 });
  const contacts = Array.from({ length: 1000 }, (_, i) => ({ email: email(`race${i}`), tags: [tag("race")], metadata: { i } }));
  const options = { idempotencyKey: `race-${run}` };
  // Both carry the same key and body: one runs, the other finds it running and waits for its answer.
  const [a, b] = await Promise.all([
    client.contacts.batchUpsert({ contacts }, options),
    client.contacts.batchUpsert({ contacts }, options),
  ]);
  assert.equal(a.created, 1000);
  assert.deepEqual(b, a);
  assert.ok(seen.includes("409 idempotency_in_progress"), seen.join(", "));
  assert.equal(seen.filter((s) => s.startsWith("2")).length, 2, seen.join(", "));
});

test("imports: resubscribe, default_country, kept_unsubscribed and detected_source", async () => {
  const opted = await rolo.contacts.create({ email: email("optout"), status: "unsubscribed" });
  const plain = ["email,status,phone", `${email("optout")},subscribed,`, `${email("uk")},subscribed,${ukNational}`, ""].join("\n");
  const first = await rolo.contacts.imports.create({ file: new Blob([plain]), filename: "consent.csv", default_country: "GB" });
  const done = await rolo.contacts.imports.wait(first.id, wait);
  assert.equal(done.status, "completed", JSON.stringify(done));
  assert.deepEqual(
    [done.created, done.updated, done.kept_unsubscribed, done.resubscribe, done.default_country, done.detected_source],
    [1, 1, 1, false, "GB", null],
  );
  assert.equal((await rolo.contacts.get(opted.id)).status, "unsubscribed");
  const [uk] = (await rolo.contacts.list({ email: email("uk") })).data;
  assert.equal(uk.phone, `+44${ukNational.slice(1).replace(/ /g, "")}`);
  assert.match(await rolo.contacts.imports.errors(first.id), /opted out/);

  // Rolo's own export layout, recognised from its header row; this time re-subscribing is meant.
  const header = "id,email,phone,first_name,last_name,status,suppressed,suppressed_reason,tags,source,created_at,updated_at";
  const row = `${opted.id},${email("optout")},,Opal,,subscribed,false,,,api,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z`;
  const second = await rolo.contacts.imports.create({ file: new Blob([`${header}\n${row}\n`]), filename: "rolo.csv", resubscribe: true });
  const again = await rolo.contacts.imports.wait(second.id, wait);
  assert.deepEqual(
    [again.status, again.updated, again.kept_unsubscribed, again.resubscribe, again.detected_source],
    ["completed", 1, 0, true, "rolo"],
  );
  const resubscribed = await rolo.contacts.get(opted.id);
  assert.deepEqual([resubscribed.status, resubscribed.first_name], ["subscribed", "Opal"]);
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

// Issue 11: activity timeline, consent provenance, webhooks, erasure.

test("activity: create → update → the timeline shows contact.updated with its changes, newest first", async () => {
  const created = await rolo.contacts.create({ email: email("activity"), first_name: "Ada", metadata: { plan: "free" } });
  await rolo.contacts.update(created.id, { first_name: "Ava", metadata: { plan: "pro" } });
  const page = await rolo.contacts.activity(created.id);
  assert.equal(page.object, "list");
  const [latest] = page.data;
  assert.equal(latest.object, "event");
  assert.match(latest.id, /^evt_/);
  assert.equal(latest.type, "contact.updated");
  assert.equal(latest.contact_id, created.id);
  assert.deepEqual(latest.changes.first_name, { from: "Ada", to: "Ava" });
  assert.deepEqual(latest.changes["metadata.plan"], { from: "free", to: "pro" });
  assert.equal(latest.actor.type, "api_key");
  assert.match(latest.request_id, /^req_/);

  const all = [];
  for await (const e of rolo.contacts.activity(created.id, { limit: 1 })) all.push(e.type);
  assert.deepEqual(all, ["contact.updated", "contact.created"]);
});

test("consent: the current status with who changed it, from where, and its history", async () => {
  const created = await rolo.contacts.create({ email: email("consent") });
  await rolo.contacts.update(created.id, { status: "unsubscribed" });
  const consent = await rolo.contacts.consent(created.id);
  assert.equal(consent.object, "consent");
  assert.equal(consent.contact_id, created.id);
  assert.equal(consent.status, "unsubscribed");
  const status = consent.fields.status;
  assert.equal(status.value, "unsubscribed");
  assert.equal(status.source, "api");
  assert.equal(status.actor.type, "api_key");
  assert.match(status.event_id, /^evt_/);
  assert.match(status.user_agent ?? "", /^rolo-typescript\//);
  assert.equal(consent.history[0].changes.status.to, "unsubscribed");
  assert.equal(consent.history[0].event_id, status.event_id);
});

test("webhooks: create (secret once), list, get, update, test delivery in the log, replay, delete", async () => {
  // A public address literal: the SSRF guard accepts it without DNS; sends to it just fail and retry.
  const url = `https://203.0.113.10/hook-${run}`;
  const created = await rolo.webhooks.create({ url, events: ["contact.deleted"], description: `sdk ${run}` });
  assert.match(created.id, /^whk_/);
  assert.equal(created.object, "webhook_endpoint");
  assert.match(created.secret, /^whsec_/);
  assert.deepEqual([created.url, created.events, created.enabled], [url, ["contact.deleted"], true]);
  try {
    const { secret: _, ...endpoint } = created;
    assert.deepEqual(await rolo.webhooks.get(created.id), endpoint);
    assert.equal("secret" in (await rolo.webhooks.get(created.id)), false, "the secret is shown once");
    const listed = await rolo.webhooks.list();
    assert.ok(listed.data.some((w) => w.id === created.id));

    const updated = await rolo.webhooks.update(created.id, { description: "renamed", events: ["contact.deleted", "contact.updated"] });
    assert.equal(updated.description, "renamed");
    assert.deepEqual([...updated.events].sort(), ["contact.deleted", "contact.updated"]);

    const delivery = await rolo.webhooks.test(created.id);
    assert.match(delivery.id, /^msg_/);
    assert.equal(delivery.object, "webhook_delivery");
    assert.equal(delivery.endpoint_id, created.id);
    assert.equal(delivery.event_type, "webhook.test");
    const logged = [];
    for await (const d of rolo.webhooks.deliveries(created.id, { limit: 1 })) logged.push(d.id);
    assert.ok(logged.includes(delivery.id), JSON.stringify(logged));

    const replayed = await rolo.webhooks.replay(created.id, delivery.id);
    assert.equal(replayed.id, delivery.id);
    assert.equal(replayed.status, "pending");
  } finally {
    assert.equal(await rolo.webhooks.delete(created.id), undefined);
  }
  const gone = await rolo.webhooks.get(created.id).catch((e) => e);
  assert.ok(gone instanceof NotFoundError, String(gone));
});

test("erase: the contact goes; its email then comes back only with allow_erased", async () => {
  const address = email("erase");
  const phone = `+1415${2 + Math.floor(Math.random() * 8)}${digits(6)}`;
  const created = await rolo.contacts.create({ email: address, phone });
  const erasure = await rolo.contacts.erase(created.id);
  assert.equal(erasure.object, "erasure");
  assert.equal(erasure.contact_id, created.id);
  assert.equal(erasure.erased, true);
  assert.deepEqual([...erasure.tombstones].sort(), ["email", "phone"]);
  assert.ok(await rolo.contacts.get(created.id).catch((e) => e instanceof NotFoundError));

  const refused = await rolo.contacts.create({ email: address }).catch((e) => e);
  assert.ok(refused instanceof ConflictError, String(refused));
  assert.equal(refused.code, "erased");
  assert.match(refused.requestId, /^req_/);
  const batch = await rolo.contacts.batchUpsert({ contacts: [{ email: address }] });
  assert.deepEqual([batch.failed, batch.results[0].error?.code], [1, "erased"]);

  const back = await rolo.contacts.create({ email: address, allow_erased: true });
  assert.equal(back.email, address);
  assert.notEqual(back.id, created.id);
});
