// The uploaded file lives in import_files as 1 MB pieces: any worker on any machine can read it,
// it is written in the same transaction as its import row, and it is dropped once imported.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { db } from "@/lib/db/client";

export const PIECE_BYTES = 1024 * 1024;

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Streams `source` into numbered pieces; memory stays at one piece. Returns the size, the head and the sha256. */
export async function storePieces(tx: Tx, ref: { workspaceId: string; importId: string }, source: AsyncIterable<Buffer>) {
  let seq = 0;
  let size = 0;
  let head: Buffer | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const digest = createHash("sha256");
  const flush = async () => {
    if (!pendingBytes) return;
    const piece = Buffer.concat(pending);
    head ??= piece.subarray(0, 64 * 1024);
    await tx.$executeRaw`INSERT INTO import_files (workspace_id, import_id, seq, data) VALUES (${ref.workspaceId}, ${ref.importId}, ${seq++}, ${piece})`;
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of source) {
    size += chunk.length;
    digest.update(chunk);
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= PIECE_BYTES) await flush();
  }
  await flush();
  return { size, head: head ?? Buffer.alloc(0), sha256: digest.digest("hex") };
}

/** The stored file as a stream, one piece in memory at a time. */
export function readPieces(ref: { workspaceId: string; importId: string }): Readable {
  async function* pieces() {
    for (let seq = 0; ; seq++) {
      const rows = await db.$queryRaw<{ data: Uint8Array }[]>`
        SELECT data FROM import_files WHERE workspace_id = ${ref.workspaceId} AND import_id = ${ref.importId} AND seq = ${seq}`;
      if (!rows[0]) return;
      yield Buffer.from(rows[0].data);
    }
  }
  return Readable.from(pieces());
}


/** Prisma drops a `__proto__` key from Json values, and a column may be called that: the mapping is written as JSON text. */
export async function storeMapping(client: Tx | typeof db, ref: { workspaceId: string; id: string }, mapping: Record<string, string>) {
  await client.$executeRaw`UPDATE imports SET mapping = ${JSON.stringify(mapping)}::jsonb WHERE workspace_id = ${ref.workspaceId} AND id = ${ref.id}`;
}
