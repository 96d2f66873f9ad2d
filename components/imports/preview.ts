"use client";
// Reads the start of the chosen file in the browser: decompress (.gz), detect the encoding and
// delimiter (or a vCard) the same way the server does, parse a few rows for the mapping preview,
// then count the file's rows as it streams, for the sentence about what the import will do.
import { parse } from "csv-parse/browser/esm/sync";
import { detectDelimiter, detectEncoding, isGzip } from "@/lib/imports/sniff";
import { RecordGuard } from "@/lib/imports/record-guard";
import { isCardStart, looksLikeVcard, parseVcardText, VCARD_HEADERS } from "@/lib/imports/vcard";

export interface Preview {
  format: "csv" | "vcard";
  headers: string[];
  rows: string[][];
  /** CSV only. */
  delimiter: string | null;
  encoding: string;
}

const PREVIEW_BYTES = 256 * 1024;

async function isGzipFile(file: File) {
  return isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
}

/** The file's bytes as a stream, decompressed when it is gzip. */
async function bytes(file: File): Promise<ReadableStream<Uint8Array>> {
  const stream = file.stream() as ReadableStream<Uint8Array>;
  return (await isGzipFile(file)) ? stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>) : stream;
}

async function headBytes(file: File): Promise<Uint8Array> {
  if (!(await isGzipFile(file))) return new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const reader = (await bytes(file)).getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < PREVIEW_BYTES) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export async function previewFile(file: File, maxRows = 5): Promise<Preview> {
  const head = await headBytes(file);
  const { encoding, bom } = detectEncoding(head);
  let text = new TextDecoder(encoding).decode(head.subarray(bom));
  // Only whole lines: the sample may end mid-row.
  if (head.length >= PREVIEW_BYTES) text = text.slice(0, text.lastIndexOf("\n") + 1);
  if (looksLikeVcard(text)) {
    const rows = parseVcardText(text, maxRows).flatMap((card) => (card.cells ? [card.cells] : []));
    return { format: "vcard", headers: VCARD_HEADERS, rows, delimiter: null, encoding };
  }
  const delimiter = detectDelimiter(text);
  const records: string[][] = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: maxRows + 1 });
  const [headers = [], ...rows] = records;
  return { format: "csv", headers: headers.map((h) => h.trim()), rows, delimiter, encoding };
}

/** The file's data rows (or vCards), counted as it streams by without keeping it. */
export async function countRows(file: File, preview: Preview): Promise<number> {
  const decoder = new TextDecoder(preview.encoding);
  const reader = (await bytes(file)).getReader();
  const guard = new RecordGuard(preview.delimiter ?? ",", Infinity, Infinity);
  let cards = 0;
  let carry = "";
  for (;;) {
    const { value, done } = await reader.read();
    const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
    if (preview.format === "csv") guard.check(text);
    else {
      const lines = (carry + text).split("\n");
      carry = done ? "" : lines.pop()!;
      cards += lines.filter((line) => isCardStart(line.replace(/\r$/, ""))).length;
    }
    if (done) break;
  }
  guard.end();
  // The header row is one of the CSV's records (TextDecoder drops a byte order mark).
  return preview.format === "csv" ? Math.max(0, guard.records - 1) : cards;
}
