// CSV text → records with their line numbers, streamed: the delimiter is detected from the first
// line, csv-parse reads quoted fields, embedded newlines and escaped quotes. A guard in front of
// it bounds what one record may cost (size, columns) and counts records without parsing them.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { detectDelimiter } from "./sniff";
import { ImportFileError, maxRecordChars } from "./limits";
import { RecordGuard } from "./record-guard";

export interface FileRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
  raw: string;
  /** Set when the record could not be read (a broken vCard): the row fails with this reason. */
  error?: string;
}

async function* guarded(text: AsyncIterable<string>, guard: RecordGuard): AsyncGenerator<string> {
  for await (const chunk of text) {
    guard.check(chunk);
    yield chunk;
  }
  guard.end();
}

/** Number of records (the header row included), read with the guard alone: no parsing. */
export async function countCsvRecords(text: AsyncIterable<string>, head: string): Promise<number> {
  const guard = new RecordGuard(detectDelimiter(head));
  for await (const _ of guarded(text, guard));
  return guard.records;
}

export async function* csvRecords(text: AsyncIterable<string>, head: string): AsyncGenerator<FileRecord> {
  const delimiter = detectDelimiter(head);
  const input = Readable.from(guarded(text, new RecordGuard(delimiter)), { objectMode: true });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
    bom: true,
    max_record_size: maxRecordChars(),
  });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      // The record without its line end, and how many lines it spans (counted, not split: per row).
      const end = raw.endsWith("\r\n") ? raw.length - 2 : raw.endsWith("\n") || raw.endsWith("\r") ? raw.length - 1 : raw.length;
      const trimmed = end === raw.length ? raw : raw.slice(0, end);
      let spans = 1;
      for (let i = trimmed.indexOf("\n"); i !== -1; i = trimmed.indexOf("\n", i + 1)) spans++;
      yield { line: info.lines - spans + 1, cells: record, raw: trimmed };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("CSV_")) throw new ImportFileError(`The file could not be read as CSV: ${(error as Error).message}`);
    throw error;
  } finally {
    input.destroy();
  }
}
