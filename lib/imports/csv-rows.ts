// The stored file as CSV records with their line numbers: gunzip, decode, detect the delimiter,
// parse with csv-parse (quoted fields, embedded newlines, escaped quotes), all streaming.
import { Readable, Transform } from "node:stream";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { detectDelimiter, detectEncoding, isGzip } from "./sniff";

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
  raw: string;
}

function decoder(encoding: string, bom: number) {
  const textDecoder = new TextDecoder(encoding);
  let skip = bom;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      let bytes = chunk;
      if (skip) {
        const cut = Math.min(skip, bytes.length);
        bytes = bytes.subarray(cut);
        skip -= cut;
      }
      done(null, textDecoder.decode(bytes, { stream: true }));
    },
    flush(done) {
      done(null, textDecoder.decode());
    },
  });
}

/** Peeks at the first bytes of a (maybe gzipped) stream, then replays them. */
async function peek(stream: Readable, bytes = 64 * 1024): Promise<{ head: Buffer; stream: Readable }> {
  const taken: Buffer[] = [];
  let size = 0;
  const iterator = stream[Symbol.asyncIterator]();
  while (size < bytes) {
    const { value, done } = await iterator.next();
    if (done) break;
    taken.push(value);
    size += value.length;
  }
  async function* replay() {
    yield* taken;
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      yield value as Buffer;
    }
  }
  return { head: Buffer.concat(taken), stream: Readable.from(replay(), { objectMode: false }) };
}

export async function* csvRecords(source: Readable): AsyncGenerator<CsvRecord> {
  let { head, stream } = await peek(source);
  if (isGzip(head)) ({ head, stream } = await peek(stream.pipe(createGunzip())));
  const { encoding, bom } = detectEncoding(head);
  const text = stream.pipe(decoder(encoding, bom));
  const delimiter = detectDelimiter(new TextDecoder(encoding).decode(head.subarray(bom)));
  const parser = text.pipe(
    parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, raw: true, bom: true }),
  );
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    const trimmed = raw.replace(/\r?\n$/, "");
    const spans = trimmed.split("\n").length;
    yield { line: info.lines - spans + 1, cells: record, raw: trimmed };
  }
}
