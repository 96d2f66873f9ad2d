// Whatever the upload, reading it stays bounded: inflated size, record size and column count are
// capped in both passes (counting and importing), and the failure says what was wrong.
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { countDataRecords, fileRecords } from "./file-records";
import { ImportFileError, MAX_COLUMNS } from "./limits";

const stream = (bytes: Buffer | string, piece = 64 * 1024) => {
  const buf = Buffer.from(bytes);
  return Readable.from(Array.from({ length: Math.ceil(buf.length / piece) }, (_, i) => buf.subarray(i * piece, (i + 1) * piece)));
};
async function readAll(bytes: Buffer | string, piece?: number) {
  const out = [];
  for await (const r of fileRecords(stream(bytes, piece))) out.push(r);
  return out;
}
/** Both passes over the same bytes: the error each one ends with. */
const bothPasses = (bytes: Buffer) => Promise.all([readAll(bytes).catch((e: Error) => e), countDataRecords(stream(bytes)).catch((e: Error) => e)]);

afterEach(() => {
  delete process.env.IMPORT_MAX_INFLATED_BYTES;
  delete process.env.IMPORT_MAX_RECORD_BYTES;
});

describe("a gzip bomb", () => {
  it("stops at the inflated-size cap in both passes", async () => {
    // 4 MB of rows, compressed to a few KB by repeating one gzipped 1 MB member.
    const member = gzipSync("bomb@example.com,Bomb\n".repeat(Math.ceil((1024 * 1024) / 22)));
    const bomb = Buffer.concat([gzipSync("email,name\n"), ...Array(4).fill(member)]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    process.env.IMPORT_MAX_INFLATED_BYTES = String(2 * 1024 * 1024);
    for (const result of await bothPasses(bomb)) {
      expect(result).toBeInstanceOf(ImportFileError);
      expect((result as Error).message).toBe("The file inflates to more than 2 MB; split it into smaller files");
    }
    delete process.env.IMPORT_MAX_INFLATED_BYTES;
    expect(await countDataRecords(stream(bomb))).toBe(4 * Math.ceil((1024 * 1024) / 22));
  });

  it("a file that is not gzip after its magic bytes fails as unreadable", async () => {
    const broken = Buffer.concat([gzipSync("email\na@b.co\n").subarray(0, 12), Buffer.from("not deflate data at all")]);
    for (const result of await bothPasses(broken)) expect((result as Error).message).toMatch(/^The file is not valid gzip/);
  });
});

describe("one huge record", () => {
  it("a 64 MB quoted cell (65 KB gzipped) is refused after 1 MB, without holding it", async () => {
    const cell = "x".repeat(64 * 1024 * 1024);
    const bytes = gzipSync(`email,note\na@b.co,"${cell}"\n`);
    expect(bytes.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage();
    const results = await bothPasses(bytes);
    const after = process.memoryUsage();
    for (const result of results) expect((result as Error).message).toBe("The record starting on line 2 is larger than 1 MB (is a quote left open?)");
    // The cell itself is 128 MB as a JavaScript string: nothing close to it was kept.
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(48 * 1024 * 1024);
  });

  it("the cap is configurable and counts quoted newlines into the record", async () => {
    process.env.IMPORT_MAX_RECORD_BYTES = "100";
    const ok = `email,note\na@b.co,"${"y".repeat(40)}\n${"y".repeat(40)}"\n`;
    expect(await readAll(ok)).toHaveLength(2);
    const tooBig = `email,note\na@b.co,short\nb@b.co,"${"y".repeat(60)}\n${"y".repeat(60)}"\n`;
    for (const result of await bothPasses(Buffer.from(tooBig))) expect((result as Error).message).toMatch(/^The record starting on line 3 is larger than 1 KB/);
  });
});

describe("too many columns", () => {
  it(`refuses a row over ${MAX_COLUMNS} columns in both passes, even when every cell is empty`, async () => {
    const bytes = Buffer.from(`email\na@b.co\n${",".repeat(5000)}\n`);
    for (const result of await bothPasses(bytes)) expect((result as Error).message).toBe("Line 3 has more than 1,000 columns");
    expect(await readAll(`email${",x".repeat(MAX_COLUMNS - 1)}\na@b.co\n`)).toHaveLength(2);
  });
});

describe("counting without parsing", () => {
  it.each([
    ["quoted newlines and escaped quotes", 'email,note\na@b.co,"one\ntwo ""three""\nfour"\nb@b.co,x\n'],
    ["CRLF, blank lines and no final newline", "email,note\r\n\r\na@b.co,x\r\n\r\n\r\nb@b.co,y"],
    ["a stray quote inside an unquoted cell", 'email,size\na@b.co,5" screen\nb@b.co,7"\n'],
    ["rows of empty cells", "email,name\n,\na@b.co,\n,,,\n"],
    ["semicolons", "email;name\na@b.co;\"x;y\"\n"],
    ["a BOM and UTF-16", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("email\r\na@b.co\r\n\r\nb@b.co\r\n", "utf16le")])],
  ])("%s: the count matches the records the import reads", async (_label, text) => {
    const bytes = Buffer.from(text as string | Buffer);
    expect(await countDataRecords(stream(bytes, 3))).toBe((await readAll(bytes)).length - 1);
  });
});

describe("text PostgreSQL cannot store", () => {
  it("a NUL character becomes U+FFFD instead of failing the chunk", async () => {
    const rows = await readAll("email,name\na@b.co,A\u0000B\n");
    expect(rows[1].cells).toEqual(["a@b.co", "A\uFFFDB"]);
    expect(rows[1].raw).not.toContain("\u0000");
  });
});

describe("vCard files", () => {
  const card = (lines: string[]) => ["BEGIN:VCARD", "VERSION:3.0", ...lines, "END:VCARD"].join("\r\n") + "\r\n";

  it("skip a 20 MB photo on one unfolded line, and keep memory at one card", async () => {
    const photo = "A".repeat(20 * 1024 * 1024);
    const bytes = Buffer.from(card(["FN:Big Photo", "EMAIL:big@photo.example", `PHOTO;ENCODING=b;TYPE=JPEG:${photo}`, "NOTE:after the photo"]) + card(["FN:Next", "EMAIL:next@photo.example"]));
    const before = process.memoryUsage();
    const rows = await readAll(bytes);
    const after = process.memoryUsage();
    expect(rows.map((r) => r.cells[3])).toEqual(["Email", "big@photo.example", "next@photo.example"]);
    expect(rows[1].cells[7]).toBe("after the photo");
    expect(rows[1].raw).not.toContain("AAAA");
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 1024 * 1024);
    expect(await countDataRecords(stream(bytes))).toBe(2);
  });

  it("refuse a card over the size cap without its photo, and a long line that is not media", async () => {
    process.env.IMPORT_MAX_RECORD_BYTES = "2000";
    const note = card(["FN:Long", "EMAIL:long@x.example", ...Array.from({ length: 40 }, (_, i) => `NOTE:${"n".repeat(60)}${i}`)]);
    await expect(readAll(note)).rejects.toThrow("The vCard starting on line 1 is larger than 2 KB without its photo");
    await expect(readAll(card(["FN:Long", `NOTE:${"n".repeat(5000)}`]), 1000)).rejects.toThrow("Line 4 is longer than 2 KB");
    await expect(countDataRecords(stream(card(["FN:Long", `NOTE:${"n".repeat(5000)}`]), 1000))).rejects.toThrow(ImportFileError);
  });

  it("a card ical.js cannot read fails as its own row; the others import", async () => {
    const rows = await readAll(card(["FN:Broken", "EMAIL:x@y.example", "a line without a colon"]) + card(["FN:Fine", "EMAIL:fine@x.example"]));
    expect(rows).toHaveLength(3);
    expect(rows[1].error).toMatch(/^Not a readable vCard/);
    expect(rows[2].cells[3]).toBe("fine@x.example");
  });
});
