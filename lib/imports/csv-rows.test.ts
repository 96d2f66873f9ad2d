import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { fileRecords } from "./file-records";
import { openText, TEXT_SLICE_BYTES } from "./decode";
import { detectDelimiter, detectEncoding } from "./sniff";
import { guessMapping, resolveMapping } from "./mapping";
import { rowReader } from "./rows";

async function parse(bytes: Uint8Array | string, pieceSize = 7) {
  const buf = typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes);
  // Small pieces: every boundary (inside a quote, a multi-byte character, a BOM) gets exercised.
  const pieces = Array.from({ length: Math.ceil(buf.length / pieceSize) }, (_, i) => buf.subarray(i * pieceSize, (i + 1) * pieceSize));
  const out = [];
  for await (const r of fileRecords(Readable.from(pieces))) out.push(r);
  return out;
}

const utf16le = (text: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);

describe("fileRecords (CSV)", () => {
  it("parses UTF-8 with a BOM and gives each record its line number", async () => {
    const rows = await parse("\uFEFFEmail,Name\r\na@x.co,Zoë\r\nb@x.co,Bo\r\n");
    expect(rows.map((r) => r.cells)).toEqual([["Email", "Name"], ["a@x.co", "Zoë"], ["b@x.co", "Bo"]]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.raw)).toEqual(["Email,Name", "a@x.co,Zoë", "b@x.co,Bo"]);
  });

  it("keeps quoted newlines, escaped quotes and delimiters inside quotes", async () => {
    const rows = await parse('email,note\na@x.co,"line one\nline two, with ""quotes"""\nb@x.co,plain\n');
    expect(rows[1].cells).toEqual(["a@x.co", 'line one\nline two, with "quotes"']);
    expect(rows[1].line).toBe(2);
    expect(rows[2].line).toBe(4);
    expect(rows[1].raw).toContain("line two");
  });

  it.each([
    ["semicolons", "email;first name\na@x.co;Ann\n"],
    ["tabs", "email\tfirst name\na@x.co\tAnn\n"],
  ])("detects %s as the delimiter", async (_label, text) => {
    expect((await parse(text))[1].cells).toEqual(["a@x.co", "Ann"]);
  });

  it("reads UTF-16 LE with and without a BOM", async () => {
    for (const bytes of [utf16le("email,name\na@x.co,Zoë\n"), utf16le("email,name\na@x.co,Zoë\n", false)]) {
      expect((await parse(bytes, 5))[1].cells).toEqual(["a@x.co", "Zoë"]);
    }
  });

  it("hands a stored 1 MB piece on in 64 KB slices, with characters across slice edges intact", async () => {
    // A row of 4-byte emoji and 2-byte letters in every alignment, so some character straddles each 64 KB edge.
    const lines = Array.from({ length: 9000 }, (_, i) => `p${i}@x.co,Zoë 😀${"é".repeat(i % 7)}`);
    const text = `email,name\n${lines.join("\n")}\n`;
    for (const bytes of [Buffer.from(text), utf16le(text)]) {
      expect(bytes.length).toBeGreaterThan(TEXT_SLICE_BYTES * 2);
      const { text: chunks } = await openText(Readable.from([bytes]));
      const sizes: number[] = [];
      let joined = "";
      for await (const chunk of chunks) {
        sizes.push(chunk.length);
        joined += chunk;
      }
      expect(Math.max(...sizes)).toBeLessThanOrEqual(TEXT_SLICE_BYTES);
      expect(joined).toBe(text.replace(/^\uFEFF/, ""));
      const rows = await parse(bytes, bytes.length);
      expect(rows).toHaveLength(9001);
      expect(rows[8999].cells).toEqual(["p8998@x.co", `Zoë 😀${"é".repeat(8998 % 7)}`]);
    }
  });

  it("reads Windows-1252 (Excel) when the bytes are not UTF-8", async () => {
    const bytes = Buffer.from([...Buffer.from("email,name\na@x.co,Zo"), 0xeb, ...Buffer.from(" Fran"), 0xe7, ...Buffer.from("ois\n")]);
    expect((await parse(bytes))[1].cells).toEqual(["a@x.co", "Zoë François"]);
  });

  it("reads gzip-compressed files", async () => {
    expect((await parse(gzipSync("email\na@x.co\n"), 4))[1].cells).toEqual(["a@x.co"]);
  });

  it("skips blank lines and tolerates ragged rows", async () => {
    const rows = await parse("email,name\n\na@x.co\nb@x.co,Bo,extra\n");
    expect(rows.map((r) => r.cells)).toEqual([["email", "name"], ["a@x.co"], ["b@x.co", "Bo", "extra"]]);
  });
});

describe("sniffing", () => {
  it("detects encodings and delimiters", () => {
    expect(detectEncoding(Buffer.from("plain ascii"))).toEqual({ encoding: "utf-8", bom: 0 });
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: "utf-8", bom: 3 });
    expect(detectEncoding(Buffer.from([0x61, 0xe9, 0x62])).encoding).toBe("windows-1252");
    expect(detectDelimiter('"a;b",c,d\n1;2;3')).toBe(",");
    expect(detectDelimiter("only")).toBe(",");
  });
});

describe("column mapping", () => {
  it("recognises common exports (Mailchimp, HubSpot, Excel) and sends the rest to metadata", () => {
    expect({ ...guessMapping(["Email Address", "First Name", "Last Name", "Phone Number", "TAGS", "Company", "Member Rating"]) }).toEqual({
      "Email Address": "email",
      "First Name": "first_name",
      "Last Name": "last_name",
      "Phone Number": "phone",
      TAGS: "tags",
      Company: "metadata.company",
      "Member Rating": "metadata.member_rating",
    });
    expect({ ...guessMapping(["E-mail", "e_mail"]) }).toEqual({ "E-mail": "email", e_mail: "metadata.e_mail" });
  });

  it("lets the user's mapping win and turns a row into a contact input", () => {
    const headers = ["Mail", "Plan", "Tags", "Status", "Notes"];
    const mapping = resolveMapping(headers, { Notes: "ignore", Plan: "metadata.plan" });
    const read = rowReader({ headers, mapping, source: null });
    expect(read([" a@x.co ", "pro", "vip; beta", "unsubscribed", "secret"])).toEqual({
      email: "a@x.co",
      tags: ["vip", "beta"],
      status: "unsubscribed",
      metadata: { plan: "pro" },
    });
    // Mailchimp's "cleaned" is a bounce, not an unsubscribe.
    expect(read(["b@x.co", "", "", "cleaned", ""])).toEqual({ email: "b@x.co", suppressed: true, suppressed_reason: "bounced" });
    expect(read(["", "", "", "", ""])).toEqual({});
  });
});
