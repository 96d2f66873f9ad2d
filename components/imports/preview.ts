"use client";
// Reads the start of the chosen file in the browser: decompress (.gz), detect the encoding and
// delimiter the same way the server does, and parse a few rows for the mapping preview.
import { parse } from "csv-parse/browser/esm/sync";
import { detectDelimiter, detectEncoding, isGzip } from "@/lib/imports/sniff";

export interface Preview {
  headers: string[];
  rows: string[][];
  delimiter: string;
  encoding: string;
}

const PREVIEW_BYTES = 256 * 1024;

async function headBytes(file: File): Promise<Uint8Array> {
  const first = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (!isGzip(first)) return new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const reader = file.stream().pipeThrough(new DecompressionStream("gzip")).getReader();
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
  const delimiter = detectDelimiter(text);
  const records: string[][] = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: maxRows + 1 });
  const [headers = [], ...rows] = records;
  return { headers: headers.map((h) => h.trim()), rows, delimiter, encoding };
}
