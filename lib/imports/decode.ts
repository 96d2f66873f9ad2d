// The stored bytes as text, streamed: gunzip (capped: a small upload may not inflate without
// bound), detect the encoding, drop the byte order mark. Errors of the file itself surface as
// ImportFileError, so the job fails once with the reason instead of being retried.
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { detectEncoding, isGzip, type Encoding } from "./sniff";
import { formatBytes, ImportFileError, maxInflatedBytes } from "./limits";

/** Takes the first bytes of a byte stream and gives them back in front of the rest. */
async function peek(source: AsyncIterable<Buffer>, bytes = 64 * 1024): Promise<{ head: Buffer; rest: AsyncGenerator<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const { value, done } = await iterator.next();
    if (done) break;
    taken.push(value);
    size += value.length;
  }
  async function* rest() {
    yield* taken;
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      yield value as Buffer;
    }
  }
  return { head: Buffer.concat(taken), rest: rest() };
}

/** Inflates a gzip stream, failing as soon as it has produced more than the cap. */
async function* gunzip(source: AsyncIterable<Buffer>, cap: number): AsyncGenerator<Buffer> {
  const inflater = createGunzip();
  let sourceError: unknown = null;
  void (async () => {
    try {
      for await (const chunk of source) {
        if (inflater.destroyed) return;
        if (!inflater.write(chunk)) await new Promise((resolve) => inflater.once("drain", resolve).once("close", resolve));
      }
      inflater.end();
    } catch (error) {
      sourceError = error; // reading the stored file failed: not the file's fault, may be retried
      inflater.destroy(error as Error);
    }
  })();
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > cap) throw new ImportFileError(`The file inflates to more than ${formatBytes(cap)}; split it into smaller files`);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    if (sourceError) throw sourceError;
    throw new ImportFileError(`The file is not valid gzip: ${(error as Error).message}`);
  } finally {
    inflater.destroy();
  }
}

/**
 * Bytes decoded at a time. A stored piece is 1 MB, and csv-parse reads whatever it is handed in
 * one go: 1 MB of rows held the event loop (and with it the worker's database replies, or the web
 * server sharing the process) for up to a quarter of a second.
 */
export const TEXT_SLICE_BYTES = 64 * 1024;

async function* decodeText(bytes: AsyncIterable<Buffer>, encoding: Encoding, bom: number): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  let skip = bom;
  for await (const chunk of bytes) {
    let piece = chunk;
    if (skip) {
      const cut = Math.min(skip, piece.length);
      piece = piece.subarray(cut);
      skip -= cut;
    }
    // The streaming decoder carries a character split between slices over to the next one.
    for (let at = 0; at < piece.length; at += TEXT_SLICE_BYTES) {
      const text = decoder.decode(piece.subarray(at, at + TEXT_SLICE_BYTES), { stream: true });
      if (text) yield storable(text);
    }
  }
  const tail = decoder.decode();
  if (tail) yield storable(tail);
}

/** PostgreSQL stores no NUL character in text or jsonb: a stray one becomes U+FFFD instead of failing a chunk. */
const storable = (text: string) => (text.includes("\u0000") ? text.replace(/\u0000/g, "\uFFFD") : text);

/** The file as text chunks, with its first 64 KB decoded (to sniff the format and delimiter). */
export async function openText(source: Readable | AsyncIterable<Buffer>): Promise<{ head: string; text: AsyncGenerator<string> }> {
  let { head, rest } = await peek(source);
  if (isGzip(head)) ({ head, rest } = await peek(gunzip(rest, maxInflatedBytes())));
  const { encoding, bom } = detectEncoding(head);
  return { head: new TextDecoder(encoding).decode(head.subarray(bom)), text: decodeText(rest, encoding, bom) };
}
