// Imports of the files people have, through the real route handlers and a real worker process:
// recognised sources, vCard, consent kept, phones, saved mappings, hostile headers and limits.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call, client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { startWorker, stopWorker } from "@/lib/testing/worker";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { processImport } from "@/lib/imports/process-import";
import { updateWorkspace } from "@/lib/workspaces/settings";

let ws: Awaited<ReturnType<typeof createTestWorkspace>>;
let api: ReturnType<typeof client>;
let worker: ChildProcess;

beforeAll(async () => {
  worker = await startWorker({ IMPORT_CHUNK_ROWS: "2" });
}, 60_000);
afterAll(async () => {
  await stopWorker(worker);
});
beforeEach(async () => {
  ws = await createTestWorkspace();
  api = client(ws.key);
});

const fixture = (name: string) => readFileSync(`lib/imports/fixtures/${name}`);

function upload(file: BlobPart, name: string, fields: Record<string, string> = {}, key = ws.key) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new Blob([file]), name);
  return call("POST", "/api/v1/contacts/import", { key, rawBody: form });
}

async function imported(file: BlobPart, name: string, fields: Record<string, string> = {}) {
  const res = await upload(file, name, fields);
  expect(res.status).toBe(202);
  for (let i = 0; i < 600; i++) {
    const job = await call("GET", `/api/v1/contacts/import/${res.body.id}`, { key: ws.key });
    if (!["queued", "running"].includes(job.body.status)) return job.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("import did not finish");
}

const contact = async (email: string) => (await api.get(`/api/v1/contacts?email=${encodeURIComponent(email)}`)).body.data[0];
async function report(errorsUrl: string) {
  const res = await call("GET", errorsUrl, { key: ws.key });
  return res.text.trim().split("\r\n").slice(1);
}

describe("recognised exports import with no mapping", () => {
  it("Google Contacts: emails, phones (national ones in the workspace's country), labels, the rest in metadata", async () => {
    const job = await imported(fixture("google.csv"), "contacts.csv");
    expect(job).toMatchObject({ status: "completed", detected_source: "google", total_rows: 4, created: 4, failed_rows: 0, kept_unsubscribed: 0, default_country: "US" });
    expect(await contact("ada@example.org")).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      phone: "+442079460018",
      tags: ["Friends", "VIP"],
      metadata: { other_emails: "ada.l@example.org", e_mail_2_value: "ada@engines.example", company: "Analytical Engines Ltd", notes: "Met at the\nRoyal Society" },
      source: "import",
    });
    expect((await contact("grace@navy.example")).phone).toBe("+14155550132");
    expect((await api.get("/api/v1/contacts?search=650")).body.data[0]).toMatchObject({ first_name: "Alan", phone: "+16505550100", tags: ["Colleagues"] });
    // The invalid phone is reported on its row and not stored; the contact is.
    expect(await contact("bad.phone@example.org")).toMatchObject({ phone: null, first_name: "Bad" });
    expect(await report(job.errors_url)).toEqual([expect.stringMatching(/^8,.*"phone: Must be a valid phone number: ""12"" is too short for a US number \(the phone was not stored\)"$/)]);
  });

  it("Google Contacts (legacy layout, with a BOM)", async () => {
    const job = await imported(fixture("google-legacy.csv"), "google.csv");
    expect(job).toMatchObject({ status: "completed", detected_source: "google_legacy", created: 2 });
    expect(await contact("katherine@nasa.example")).toMatchObject({ first_name: "Katherine", last_name: "Johnson", phone: "+17575550142", tags: ["NASA"] });
    expect((await contact("dorothy@nasa.example")).tags).toEqual(["Friends"]);
  });

  it("Outlook: Categories are tags, the mobile number is the phone", async () => {
    const job = await imported(fixture("outlook.csv"), "outlook.csv");
    expect(job).toMatchObject({ status: "completed", detected_source: "outlook", created: 2 });
    expect(await contact("linus@kernel.example")).toMatchObject({ phone: "+15035550199", tags: ["Kernel", "VIP"], metadata: { business_phone: "+1 503 555 0100" } });
    expect((await contact("margaret@apollo.example")).metadata).not.toHaveProperty("categories");
  });

  it("German Outlook (Windows-1252, semicolons) with default_country=DE", async () => {
    const job = await imported(fixture("outlook-de.csv"), "Kontakte.CSV", { default_country: "de" });
    expect(job).toMatchObject({ status: "completed", detected_source: "outlook_de", created: 1, default_country: "DE" });
    expect(await contact("juergen@baeckerei.example")).toMatchObject({ first_name: "Jürgen", last_name: "Müller", phone: "+491712345678", tags: ["Lieferanten", "Wichtig"] });
  });

  it("Mailchimp's unsubscribed export creates its people unsubscribed, with the reason kept", async () => {
    const job = await imported(fixture("mailchimp-unsubscribed.csv"), "unsubscribed_members_export_1a2b3c.csv");
    expect(job).toMatchObject({ status: "completed", detected_source: "mailchimp_unsubscribed", created: 3 });
    expect(await contact("gone.one@example.com")).toMatchObject({
      status: "unsubscribed",
      suppressed: false,
      tags: ["Newsletter"],
      metadata: { unsub_reason: "I no longer want to receive these emails", optin_time: "2022-03-01 09:00:00", optin_ip: "192.0.2.10" },
    });
    expect((await api.get("/api/v1/contacts?status=unsubscribed")).body.total).toBe(3);
  });

  it("Mailchimp's cleaned export suppresses its people as bounced; the subscribed one keeps TAGS clean", async () => {
    expect(await imported(fixture("mailchimp-cleaned.csv"), "cleaned_members_export.csv")).toMatchObject({ detected_source: "mailchimp_cleaned", created: 2 });
    expect(await contact("bounced.one@example.com")).toMatchObject({ suppressed: true, suppressed_reason: "bounced" });
    expect(await imported(fixture("mailchimp-subscribed.csv"), "subscribed_members_export.csv")).toMatchObject({ detected_source: "mailchimp_subscribed", created: 2 });
    expect(await contact("sub.one@example.com")).toMatchObject({ status: "subscribed", tags: ["VIP", "Blog"], phone: "+12175550101", metadata: { confirm_ip: "203.0.113.5" } });
  });

  it("HubSpot: 'Unsubscribed from all email' is the status", async () => {
    expect(await imported(fixture("hubspot.csv"), "hubspot-crm-exports-all-contacts.csv")).toMatchObject({ detected_source: "hubspot", created: 3 });
    expect(await contact("tom@hub.example")).toMatchObject({ status: "unsubscribed" });
    expect(await contact("maria@hub.example")).toMatchObject({ status: "subscribed", phone: "+34912345678" });
  });

  it.each([
    ["apple.vcf", "johnny@icloud.example", { phone: "+14085550101", tags: ["Friends", "VIP"], metadata: { other_emails: "johnny@apple.example" } }],
    ["google.vcf", "ada@example.org", { first_name: "Ada", phone: "+442079460018", tags: ["Friends"] }],
    ["v4.vcf", "simon@example.com", { phone: "+14186569254" }],
  ])("vCard %s goes through the same job and report", async (file, email, expected) => {
    const job = await imported(gzipSync(fixture(file)), `${file}.gz`);
    expect(job).toMatchObject({ status: "completed", detected_source: "vcard", failed_rows: 0 });
    expect(job.total_rows).toBe(job.processed_rows);
    expect(await contact(email)).toMatchObject(expected);
  });
});

describe("vCard uploads", () => {
  it("a plain .vcf is accepted (it used to be refused with 415), Outlook's 2.1 quoted-printable included", async () => {
    const job = await imported(fixture("outlook.vcf"), "Jürgen Müller.vcf", { default_country: "DE" });
    expect(job).toMatchObject({ status: "completed", detected_source: "vcard", created: 1, total_rows: 1 });
    expect(await contact("juergen@baeckerei.example")).toMatchObject({
      first_name: "Jürgen",
      last_name: "Müller",
      phone: "+491712345678",
      tags: ["Lieferanten"],
      metadata: { company: "Bäckerei Müller GmbH", other_phones: "030 1234567" },
    });
  });
});

describe("consent is never undone by an import", () => {
  beforeEach(async () => {
    await api.post("/api/v1/contacts", { email: "sub.one@example.com", status: "unsubscribed" });
    await api.post("/api/v1/contacts", { email: "sub.two@example.com", suppressed: true, suppressed_reason: "complained" });
  });

  it("a subscribed export keeps who opted out as they are, counts them and lists them in the report", async () => {
    const job = await imported(fixture("mailchimp-subscribed.csv"), "subscribed.csv");
    expect(job).toMatchObject({ status: "completed", updated: 2, failed_rows: 0, kept_unsubscribed: 2, resubscribe: false });
    expect(await contact("sub.one@example.com")).toMatchObject({ status: "unsubscribed", tags: ["VIP", "Blog"] });
    expect(await contact("sub.two@example.com")).toMatchObject({ suppressed: true, suppressed_reason: "complained" });
    const lines = await report(job.errors_url);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2,.*Kept unsubscribed: this person opted out before and the file says subscribed; import with resubscribe=true only if they asked to be subscribed again$/);
    expect(lines[1]).toMatch(/^3,.*Kept suppressed \(complained\)/);
  });

  it("any CSV saying subscribed is kept too; resubscribe=true is the only way back", async () => {
    const csv = "email,status,suppressed\nsub.one@example.com,subscribed,false\nsub.two@example.com,subscribed,false\n";
    expect(await imported(csv, "plain.csv")).toMatchObject({ kept_unsubscribed: 2 });
    expect(await contact("sub.one@example.com")).toMatchObject({ status: "unsubscribed" });
    const again = await imported(csv, "plain.csv", { resubscribe: "true" });
    expect(again).toMatchObject({ status: "completed", updated: 2, kept_unsubscribed: 0, resubscribe: true });
    expect(await contact("sub.one@example.com")).toMatchObject({ status: "subscribed" });
    expect(await contact("sub.two@example.com")).toMatchObject({ suppressed: false });
  });

  it("people created from an unsubscribed export stay unsubscribed when a later file says otherwise", async () => {
    await imported(fixture("mailchimp-unsubscribed.csv"), "unsubscribed.csv");
    const job = await imported("Email,First Name,Status\ngone.one@example.com,Back,subscribed\n", "crm.csv");
    expect(job).toMatchObject({ kept_unsubscribed: 1, updated: 1 });
    expect(await contact("gone.one@example.com")).toMatchObject({ status: "unsubscribed", first_name: "Back" });
  });

  it("resubscribe must be true or false", async () => {
    const res = await upload("email\na@b.co\n", "a.csv", { resubscribe: "yes please" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("resubscribe");
  });
});

describe("phones and the default country", () => {
  it("national numbers are read in the workspace's country unless the import names another; a bad country is a 400", async () => {
    await updateWorkspace({ workspaceId: ws.workspace.id, input: { default_country: "GB" } });
    const csv = "email,phone\nlondon@x.example,020 7946 0018\n";
    expect(await imported(csv, "gb.csv")).toMatchObject({ default_country: "GB", created: 1 });
    expect((await contact("london@x.example")).phone).toBe("+442079460018");
    const us = await imported("email,phone\nsf@x.example,(415) 555-0101\n", "us.csv", { default_country: "US" });
    expect(us).toMatchObject({ default_country: "US", created: 1 });
    expect((await contact("sf@x.example")).phone).toBe("+14155550101");
    const bad = await upload(csv, "gb.csv", { default_country: "Narnia" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: "default_country", message: "Use a two-letter country code such as US, GB or DE" }]);
  });
});

describe("saved mappings", () => {
  it("a mapping the user confirmed is proposed, and used, the next time the same header row comes", async () => {
    const headers = ["Mail", "Vorname", "Kundennummer"];
    const first = await api.post("/api/v1/contacts/import/mapping", { headers });
    expect(first.body).toEqual({
      object: "import_mapping",
      detected_source: null,
      description: null,
      mapping: { Mail: "email", Vorname: "metadata.vorname", Kundennummer: "metadata.kundennummer" },
      saved: false,
    });
    const mapping = { Mail: "email", Vorname: "first_name", Kundennummer: "metadata.customer_no" };
    await imported("Mail,Vorname,Kundennummer\nerst@x.example,Erst,1\n", "a.csv", { mapping: JSON.stringify(mapping) });
    // The same layout, whatever the case, spacing or BOM.
    const next = await api.post("/api/v1/contacts/import/mapping", { headers: ["\uFEFFmail", " VORNAME", "kundennummer "] });
    expect(next.body).toMatchObject({ saved: true, mapping: { mail: "email", VORNAME: "first_name", kundennummer: "metadata.customer_no" } });
    const job = await imported("MAIL,VORNAME,KUNDENNUMMER\nzweit@x.example,Zweit,2\n", "b.csv");
    expect(job.mapping).toEqual({ MAIL: "email", VORNAME: "first_name", KUNDENNUMMER: "metadata.customer_no" });
    expect(await contact("zweit@x.example")).toMatchObject({ first_name: "Zweit", metadata: { customer_no: "2" } });
    // Another workspace has its own.
    const other = await createTestWorkspace();
    expect((await client(other.key).post("/api/v1/contacts/import/mapping", { headers })).body.saved).toBe(false);
  });

  it("proposes a recognised source's mapping with what it will do", async () => {
    const headers = readFileSync("lib/imports/fixtures/mailchimp-unsubscribed.csv", "utf8").split("\r\n")[0].split(",").map((h) => h.replace(/"/g, ""));
    const res = await api.post("/api/v1/contacts/import/mapping", { headers });
    expect(res.body).toMatchObject({
      detected_source: "mailchimp_unsubscribed",
      description: "Mailchimp export of unsubscribed contacts: these people will be imported as unsubscribed.",
      mapping: { "Email Address": "email", TAGS: "tags", UNSUB_REASON: "metadata.unsub_reason" },
    });
  });

  it.each([
    ["no headers", { headers: [] }],
    ["headers that are not strings", { headers: [1, 2] }],
    ["an unknown field", { headers: ["a"], extra: true }],
    ["too many columns", { headers: Array.from({ length: 1001 }, (_, i) => `c${i}`) }],
  ])("answers %s with 400", async (_label, body) => {
    const res = await api.post("/api/v1/contacts/import/mapping", body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_error");
  });
});

describe("hostile files", () => {
  it("columns named constructor, __proto__, toString and valueOf import like any other (and can be mapped)", async () => {
    const csv = "email,constructor,__proto__,toString,valueOf\nproto@x.example,c,p,t,v\n";
    expect(await imported(csv, "proto.csv")).toMatchObject({ status: "completed", created: 1 });
    expect((await contact("proto@x.example")).metadata).toEqual({ constructor: "c", proto: "p", tostring: "t", valueof: "v" });
    const mapped = await imported(csv.replace("proto@", "mapped@"), "proto.csv", { mapping: '{"__proto__": "first_name", "constructor": "ignore"}' });
    expect(mapped).toMatchObject({ status: "completed", created: 1 });
    expect(await contact("mapped@x.example")).toMatchObject({ first_name: "p", metadata: { tostring: "t", valueof: "v" } });
  });

  it("a gzip bomb (1.1 GiB inflated) fails the import with the limit named, and nothing is imported", async () => {
    const member = gzipSync("bomb@example.com,x\n".repeat((1024 * 1024) / 19));
    const bomb = Buffer.concat([gzipSync("email,name\n"), ...Array(1130).fill(member)]);
    const job = await imported(bomb, "bomb.csv.gz");
    expect(job).toMatchObject({ status: "failed", error: "The file inflates to more than 1 GiB; split it into smaller files", created: 0 });
  }, 120_000);

  it.each([
    ["a 2 MB record", () => gzipSync(`email,note\na@b.co,"${"x".repeat(2 * 1024 * 1024)}"\n`), "The record starting on line 2 is larger than 1 MB (is a quote left open?)"],
    ["1,500 columns", () => `email${",c".repeat(1499)}\na@b.co\n`, "Line 1 has more than 1,000 columns"],
  ])("%s fails the import with a clear message", async (_label, make, error) => {
    expect(await imported(make(), "huge.csv.gz")).toMatchObject({ status: "failed", error, processed_rows: 0 });
  });

  it("an import that keeps failing is given up after 5 starts, with the last error", async () => {
    const id = newId("imp");
    await db.import.create({ data: { workspaceId: ws.workspace.id, id, fileName: "stuck.csv", fileSize: 1, attempts: 5, error: "connection reset" } });
    await processImport({ workspaceId: ws.workspace.id, id });
    expect((await call("GET", `/api/v1/contacts/import/${id}`, { key: ws.key })).body).toMatchObject({
      status: "failed",
      error: "The import stopped 5 times without finishing; the last error: connection reset",
    });
  });
});

describe("Rolo's own export", () => {
  it("round-trips: export from one workspace, import into another, the same contacts", async () => {
    await api.post("/api/v1/contacts", { email: "rt1@x.example", phone: "+14155550111", first_name: "=Round", last_name: "Trip", tags: ["a", "b c"], metadata: { plan: "pro", note: "-2+3", "odd,key": 'say "hi"' } });
    await api.post("/api/v1/contacts", { email: "rt2@x.example", status: "unsubscribed", suppressed: true, suppressed_reason: "complained", sms_ok: false, voice_ok: false });
    await api.post("/api/v1/contacts", { phone: "+442079460018", first_name: "Phone only", email_ok: false });
    const exported = await call("GET", "/api/v1/contacts/export?bom=true", { key: ws.key });
    const source = (await api.get("/api/v1/contacts?sort=email")).body.data;

    const target = await createTestWorkspace();
    const targetApi = client(target.key);
    const form = new FormData();
    form.set("file", new Blob([exported.text]), "contacts-export.csv");
    const res = await call("POST", "/api/v1/contacts/import", { key: target.key, rawBody: form });
    let job = res.body;
    while (["queued", "running"].includes(job.status)) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await call("GET", `/api/v1/contacts/import/${res.body.id}`, { key: target.key })).body;
    }
    expect(job).toMatchObject({ status: "completed", detected_source: "rolo", created: 3, failed_rows: 0 });
    const copy = (await targetApi.get("/api/v1/contacts?sort=email")).body.data;
    const comparable = ({ id: _i, created_at: _c, updated_at: _u, source: _s, ...rest }: Record<string, unknown>) => rest;
    expect(copy.map(comparable)).toEqual(source.map(comparable));
    expect(copy.every((c: { source: string }) => c.source === "import")).toBe(true);
  });
});
