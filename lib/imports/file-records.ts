// An uploaded file (CSV or vCard, maybe gzipped, any common encoding) as records: the first one
// is the header row. Both passes of an import (counting, importing) read it through here, so the
// limits hold in both.
import type { Readable } from "node:stream";
import { openText } from "./decode";
import { countCsvRecords, csvRecords, type FileRecord } from "./csv-rows";
import { countVcardRecords, vcardRecords } from "./vcard-rows";
import { looksLikeVcard } from "./vcard";

export type { FileRecord } from "./csv-rows";

export async function* fileRecords(source: Readable | AsyncIterable<Buffer>): AsyncGenerator<FileRecord> {
  const { head, text } = await openText(source);
  yield* looksLikeVcard(head) ? vcardRecords(text) : csvRecords(text, head);
}

/** Data records in the file (the header row not counted), without parsing them. */
export async function countDataRecords(source: Readable | AsyncIterable<Buffer>): Promise<number> {
  const { head, text } = await openText(source);
  const records = looksLikeVcard(head) ? await countVcardRecords(text) : await countCsvRecords(text, head);
  return Math.max(0, records - 1);
}
