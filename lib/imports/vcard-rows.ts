// vCard text → one record per card under VCARD_HEADERS, streamed. Memory stays at one card: an
// embedded photo is dropped as it streams by, even when it is one unfolded multi-megabyte line.
import { formatBytes, ImportFileError, maxRecordChars } from "./limits";
import type { FileRecord } from "./csv-rows";
import { cardToCells, isCardEnd, isCardStart, SKIPPED_PROPERTY, Unfolder, VCARD_HEADERS } from "./vcard";

/**
 * Physical lines with their numbers. A line longer than the cap is cut to its start when it is
 * embedded media (or a continuation of it) and refused otherwise.
 */
async function* physicalLines(text: AsyncIterable<string>, max: number): AsyncGenerator<[line: string, number: number]> {
  let partial = "";
  let discarding = false;
  let number = 0;
  for await (const chunk of text) {
    let start = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", start)) {
      const piece = chunk.slice(start, nl);
      const line = discarding ? partial : partial + piece;
      partial = "";
      discarding = false;
      start = nl + 1;
      yield [line.endsWith("\r") ? line.slice(0, -1) : line, ++number];
    }
    if (discarding) continue;
    partial += chunk.slice(start);
    if (partial.length > max) {
      if (!SKIPPED_PROPERTY.test(partial) && !/^[ \t]/.test(partial)) throw new ImportFileError(`Line ${number + 1} is longer than ${formatBytes(max)}`);
      partial = partial.slice(0, 1024);
      discarding = true;
    }
  }
  if (partial) yield [partial, ++number];
}

export async function* vcardRecords(text: AsyncIterable<string>): AsyncGenerator<FileRecord> {
  const max = maxRecordChars();
  yield { line: 0, cells: VCARD_HEADERS, raw: "" };
  let card: Unfolder | null = null;
  let start = 0;
  let size = 0;
  for await (const [line, number] of physicalLines(text, max)) {
    if (isCardStart(line)) {
      card = new Unfolder();
      start = number;
      size = 0;
    } else if (card && isCardEnd(line)) {
      const raw = ["BEGIN:VCARD", ...card.lines, "END:VCARD"].join("\n");
      const result = cardToCells(card.lines);
      yield "cells" in result ? { line: start, cells: result.cells, raw } : { line: start, cells: [], raw, error: result.error };
      card = null;
    } else if (card && card.push(line)) {
      size += line.length;
      if (size > max) throw new ImportFileError(`The vCard starting on line ${start} is larger than ${formatBytes(max)} without its photo`);
    }
  }
}

/** Number of records (the header included): one per BEGIN:VCARD. */
export async function countVcardRecords(text: AsyncIterable<string>): Promise<number> {
  let cards = 0;
  for await (const [line] of physicalLines(text, maxRecordChars())) if (isCardStart(line)) cards++;
  return cards + 1;
}
