// The recogniser and the row reader on export files laid out exactly as the tools write them
// (lib/imports/fixtures: BOMs, CRLF, quoted newlines, Windows-1252, semicolons, vCard 2.1–4.0).
import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileRecords } from "./file-records";
import { guessMapping, mappingSchema, resolveMapping, splitList } from "./mapping";
import { rowReader } from "./rows";
import { describeSource, proposeMapping, recogniseSource, SOURCES } from "./sources";

async function readFixture(name: string) {
  const records = [];
  for await (const r of fileRecords(createReadStream(`lib/imports/fixtures/${name}`))) records.push(r);
  const headers = records[0].cells.map((h) => h.trim());
  const { source, mapping } = proposeMapping(headers);
  const read = rowReader({ headers, mapping, source });
  return { headers, source, mapping, records: records.slice(1), rows: records.slice(1).map((r) => read(r.cells)) };
}
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("recognising the export a file comes from", () => {
  it.each([
    ["google.csv", "google", 4],
    ["google-legacy.csv", "google_legacy", 2],
    ["outlook.csv", "outlook", 2],
    ["outlook-desktop.csv", "outlook", 1],
    ["outlook-com.csv", "outlook_com", 1],
    ["outlook-de.csv", "outlook_de", 1],
    ["mailchimp-subscribed.csv", "mailchimp_subscribed", 2],
    ["mailchimp-unsubscribed.csv", "mailchimp_unsubscribed", 3],
    ["mailchimp-cleaned.csv", "mailchimp_cleaned", 2],
    ["hubspot.csv", "hubspot", 3],
    ["apple.vcf", "vcard", 2],
    ["google.vcf", "vcard", 2],
    ["outlook.vcf", "vcard", 1],
    ["v4.vcf", "vcard", 1],
  ])("%s is %s with %i rows, and every row has an email or phone", async (file, id, rows) => {
    const read = await readFixture(file);
    expect(read.source?.id).toBe(id);
    expect(read.rows).toHaveLength(rows);
    for (const row of read.rows) expect(row.email ?? row.phone).toBeTruthy();
  });

  it("recognises nothing in a plain spreadsheet, and the generic guess still maps it", () => {
    expect(recogniseSource(["Email", "Name", "Company"])).toBeNull();
    expect({ ...proposeMapping(["Email", "Name", "Company"]).mapping }).toEqual({ Email: "email", Name: "name", Company: "metadata.company" });
  });

  it("tells Mailchimp's three exports apart by their columns, whatever the case or spacing", () => {
    const base = ["Email Address", "First Name", "MEMBER_RATING", "OPTIN_TIME", "LEID", "EUID", "TAGS"];
    expect(recogniseSource(base)?.id).toBe("mailchimp_subscribed");
    expect(recogniseSource([...base, "unsub_time", "UNSUB_REASON"])?.id).toBe("mailchimp_unsubscribed");
    expect(recogniseSource([...base, "Clean Time"])?.id).toBe("mailchimp_cleaned");
  });

  it("keeps every source a table: a signature, a mapping to known targets, statuses the contact schema takes", () => {
    expect(new Set(SOURCES.map((s) => s.id)).size).toBe(SOURCES.length);
    for (const source of SOURCES) {
      expect(source.signature.length).toBeGreaterThan(2);
      for (const [, target] of source.columns) expect(mappingSchema.safeParse({ x: target }).success).toBe(true);
      for (const rule of source.status ?? []) expect(["subscribed", "unsubscribed", undefined]).toContain(rule.set.status);
    }
  });

  it("describes what an import will do with the people, for the dashboard", () => {
    const unsubscribed = recogniseSource(["Email Address", "MEMBER_RATING", "OPTIN_TIME", "LEID", "EUID", "UNSUB_TIME"])!;
    expect(describeSource(unsubscribed, 1234)).toBe("Mailchimp export of unsubscribed contacts: these 1,234 people will be imported as unsubscribed.");
    const cleaned = recogniseSource(["Email Address", "MEMBER_RATING", "OPTIN_TIME", "LEID", "EUID", "CLEAN_TIME"])!;
    expect(describeSource(cleaned, 1)).toBe("Mailchimp export of cleaned contacts: this person will be imported as suppressed (bounced).");
    expect(describeSource(recogniseSource(["Record ID", "First Name", "Last Name", "Email"])!)).toMatch(/^HubSpot export: people whose “Unsubscribed from all email” is true as unsubscribed/);
  });
});

describe("reading each source's rows", () => {
  it("Google (current): first e-mail and phone win, the rest go to metadata, labels become tags without Google's own", async () => {
    const { rows } = await readFixture("google.csv");
    expect(plain(rows[0])).toMatchObject({
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.org",
      phone: "+44 20 7946 0018",
      tags: ["Friends", "VIP"],
      metadata: {
        other_emails: "ada.l@example.org",
        e_mail_2_value: "ada@engines.example",
        phone_2_value: "+44 20 7946 0999",
        company: "Analytical Engines Ltd",
        notes: "Met at the\nRoyal Society",
      },
    });
    expect(rows[0].metadata).not.toHaveProperty("photo");
    expect(rows[1]).not.toHaveProperty("tags"); // only "* myContacts"
    expect(plain(rows[2])).toMatchObject({ phone: "+1 650-555-0100", tags: ["Colleagues"], metadata: { other_phones: "+1 650-555-0199" } });
  });

  it("Google (legacy): Given/Family Name, Group Membership without system groups", async () => {
    const { rows } = await readFixture("google-legacy.csv");
    expect(plain(rows[0])).toMatchObject({ first_name: "Katherine", last_name: "Johnson", email: "katherine@nasa.example", phone: "(757) 555-0142", tags: ["NASA"] });
    expect(plain(rows[1])).toMatchObject({ email: "dorothy@nasa.example", tags: ["Friends"], metadata: { e_mail_2_value: "d.vaughan@nasa.example" } });
  });

  it("Outlook: the mobile number is preferred, Categories split into tags, Outlook's boilerplate left out", async () => {
    const { rows } = await readFixture("outlook.csv");
    expect(plain(rows[0])).toMatchObject({
      email: "linus@kernel.example",
      phone: "+1 503 555 0199",
      tags: ["Kernel", "VIP"],
      metadata: { e_mail_2_address: "linus@home.example", business_phone: "+1 503 555 0100", company: "Linux Foundation" },
    });
    expect(rows[0].metadata).not.toHaveProperty("sensitivity");
    // No mobile number: the next phone column in the table's order.
    expect(plain(rows[1])).toMatchObject({ phone: "(617) 555-0123", metadata: { notes: "Apollo guidance\r\nsoftware lead" } });
  });

  it("Outlook desktop (Windows-1252, every cell quoted), outlook.com and German Outlook", async () => {
    expect(plain((await readFixture("outlook-desktop.csv")).rows[0])).toMatchObject({ first_name: "Zoë", last_name: "Dupré", email: "zoe@cafe.example", tags: ["Clients", "VIP"], metadata: { company: "Café Crème SARL" } });
    expect(plain((await readFixture("outlook-com.csv")).rows[0])).toMatchObject({ email: "barbara@mit.example", phone: "(617) 555-0151", metadata: { home_phone: "(617) 555-0150" } });
    expect(plain((await readFixture("outlook-de.csv")).rows[0])).toMatchObject({
      first_name: "Jürgen",
      last_name: "Müller",
      email: "juergen@baeckerei.example",
      phone: "0171 2345678",
      tags: ["Lieferanten", "Wichtig"],
      metadata: { telefon_geschäftlich: "030 1234567", company: "Bäckerei Müller GmbH" },
    });
  });

  it("Mailchimp: TAGS parsed as the quoted list it is, opt-in evidence kept, status from the export", async () => {
    const subscribed = await readFixture("mailchimp-subscribed.csv");
    expect(plain(subscribed.rows[0])).toMatchObject({
      email: "sub.one@example.com",
      status: "subscribed",
      tags: ["VIP", "Blog"],
      metadata: { optin_time: "2023-01-05 10:11:12", optin_ip: "203.0.113.5", confirm_time: "2023-01-05 10:15:00", confirm_ip: "203.0.113.5" },
    });
    expect(subscribed.rows[1].tags).toEqual(["Blog, News"]);
    const unsubscribed = await readFixture("mailchimp-unsubscribed.csv");
    expect(unsubscribed.rows.map((r) => r.status)).toEqual(["unsubscribed", "unsubscribed", "unsubscribed"]);
    expect(plain(unsubscribed.rows[1])).toMatchObject({ metadata: { unsub_reason: "Other", unsub_reason_other: "Too many emails,\nplease stop" } });
    expect(unsubscribed.records.map((r) => r.line)).toEqual([2, 3, 5]);
    const cleaned = await readFixture("mailchimp-cleaned.csv");
    expect(cleaned.rows.map((r) => [r.suppressed, r.suppressed_reason, r.status])).toEqual([
      [true, "bounced", undefined],
      [true, "bounced", undefined],
    ]);
  });

  it("HubSpot: status from 'Unsubscribed from all email' and 'Marketing contact status'", async () => {
    const { rows } = await readFixture("hubspot.csv");
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      ["maria@hub.example", "subscribed"],
      ["tom@hub.example", "unsubscribed"],
      ["priya@hub.example", "subscribed"],
    ]);
    expect(plain(rows[2])).toMatchObject({ phone: "(212) 555-0177", metadata: { hubspot_record_id: "53" } });
  });

  it("vCard from Apple: preferred email and phone, itemN groups, categories, folded lines, UTF-8; the photo is skipped", async () => {
    const { rows, records } = await readFixture("apple.vcf");
    expect(plain(rows[0])).toMatchObject({
      name: "Johnny Appleseed",
      first_name: "Johnny",
      last_name: "Appleseed",
      email: "johnny@icloud.example",
      phone: "(408) 555-0101",
      tags: ["Friends", "VIP"],
      metadata: { other_emails: "johnny@apple.example", other_phones: "+1 (408) 996-1010", company: "Apple Inc.", job_title: "Engineer", note: "Likes apples, pears and plums", birthday: "1980-05-04" },
    });
    expect(records[0].raw).not.toContain("PHOTO");
    expect(plain(rows[1])).toMatchObject({ first_name: "Zoë", last_name: "Núñez", phone: "+34 612 34 56 78" });
    expect(rows[1].metadata).toMatchObject({ note: expect.stringContaining("in the middle of a word.") });
  });

  it("vCard from Google, Outlook (2.1, quoted-printable) and 4.0 (PREF=1, tel: URIs)", async () => {
    const google = await readFixture("google.vcf");
    expect(plain(google.rows[0])).toMatchObject({ email: "ada@example.org", tags: ["Friends"], metadata: { website: "https://ada.example", note: "Met at the\nRoyal Society" } });
    const outlook = await readFixture("outlook.vcf");
    expect(plain(outlook.rows[0])).toMatchObject({
      first_name: "Jürgen",
      email: "juergen@baeckerei.example",
      phone: "0171 2345678", // the mobile number, as in Outlook's CSV
      metadata: { company: "Bäckerei Müller GmbH", note: "Liefert montags\nBitte vorher anrufen, Straße gesperrt bis Juni" },
    });
    const v4 = await readFixture("v4.vcf");
    expect(plain(v4.rows[0])).toMatchObject({ email: "simon@example.com", phone: "+1-418-656-9254", metadata: { other_emails: "simon.perreault@viagenie.example" } });
  });
});

describe("list cells", () => {
  it.each([
    ["* myContacts ::: Friends ::: VIP", ["* myContacts", "Friends", "VIP"]],
    ['"VIP","Blog"', ["VIP", "Blog"]],
    ['"VIP", "Blog, News", "Say ""hi"""', ["VIP", "Blog, News", 'Say "hi"']],
    ["Kernel;VIP", ["Kernel", "VIP"]],
    ["a, b | c", ["a", "b", "c"]],
    ["'quoted' ; \"also\"", ["quoted", "also"]],
    [" ;; , ", []],
  ])("%j → %j", (cell, tags) => {
    expect(splitList(cell)).toEqual(tags);
  });
});

describe("columns named like JavaScript's own properties", () => {
  const headers = ["email", "constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"];

  it("are mapped and read like any other column", () => {
    const mapping = guessMapping(headers);
    expect(Object.keys(mapping)).toEqual(headers);
    const row = rowReader({ headers, mapping, source: null })(["a@x.co", "c", "p", "t", "v", "h"]);
    expect(plain(row)).toEqual({ email: "a@x.co", metadata: { constructor: "c", proto: "p", tostring: "t", valueof: "v", hasownproperty: "h" } });
  });

  it("can be mapped by the user, __proto__ included", () => {
    const given = mappingSchema.parse(JSON.parse('{"__proto__": "email", "constructor": "first_name", "email": "ignore"}'));
    const mapping = resolveMapping(headers, given);
    expect(Object.getOwnPropertyDescriptor(mapping, "__proto__")?.value).toBe("email");
    expect(plain(rowReader({ headers, mapping, source: null })(["x", "Ann", "a@x.co", "", "", ""]))).toMatchObject({ email: "a@x.co", first_name: "Ann" });
  });

  it("a status cell saying 'constructor' is an invalid status, not a crash", () => {
    const row = rowReader({ headers: ["email", "status"], mapping: guessMapping(["email", "status"]), source: null })(["a@x.co", "constructor"]);
    expect(row.status).toBe("constructor");
  });
});

describe("the mapping stays editable", () => {
  it("the user's targets win over the source's table and the guess", async () => {
    const { headers, mapping, source } = await readFixture("outlook.csv");
    const edited = resolveMapping(headers, { "Business Phone": "phone", "Mobile Phone": "ignore", Categories: "metadata.categories" }, mapping);
    const row = rowReader({ headers, mapping: edited, source })((await readFixture("outlook.csv")).records[0].cells);
    expect(plain(row)).toMatchObject({ phone: "+1 503 555 0100", metadata: { categories: "Kernel;VIP" } });
    expect(row).not.toHaveProperty("tags");
  });
});
