// Runs one import: streams the stored file, and for every chunk of rows commits the contacts,
// the rejected rows and the checkpoint (which rows it covered) in one transaction. Two chunks
// are written at once (chunk-writes.ts), so they may commit out of order: a killed
// process resumes with the rows that no committed chunk covered. A lease on the import row
// keeps a second worker out. A file that cannot be read fails at once; any other error is
// retried, at most maxAttempts() times.
import { db } from "@/lib/db/client";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { validateItemsYielding, writeItems, type ValidatedItems } from "@/lib/contacts/upsert-contacts";
import { finishJob, LeaseLost, leaseHeld, renewLease, takeLease, type JobRef } from "@/lib/jobs/lease";
import { countDataRecords, fileRecords, type FileRecord } from "./file-records";
import { ChunkWrites } from "./chunk-writes";
import { keysTouched } from "./chunk-keys";
import { hasContactColumn, resolveMapping, type Mapping } from "./mapping";
import { ImportFileError, maxAttempts } from "./limits";
import { rowReader } from "./rows";
import { findSavedMapping, saveMapping } from "./saved-mappings";
import { recogniseSource, sourceMapping } from "./sources";
import { readPieces } from "./storage";
import { declareWriter, type WriteContext } from "@/lib/activity/context";
import { evidenceOf } from "@/lib/activity/evidence";
import { queueWebhookEvent } from "@/lib/webhooks/events";
import { kickWebhookDrain } from "@/lib/webhooks/kick";
import { serializeImport } from "./view";

/**
 * Rows per chunk (one transaction). Each chunk's statement and transaction cost a fixed amount on
 * top of its rows; at 10,000 rather than 5,000 an import of 100,000 rows took about a fifth less.
 */
export const CHUNK_ROWS = Number(process.env.IMPORT_CHUNK_ROWS ?? 10_000);
/** A chunk also ends at 8 M characters of rows: with 1 MB records, a full chunk of them would not fit in memory. */
const CHUNK_CHARS = 8 * 1024 * 1024;

async function finish(ref: JobRef, status: "completed" | "failed", error: string | null = null) {
  let announced = 0;
  // A completed import announces itself once (import.completed), with the status change.
  const announce =
    status === "completed"
      ? async (tx: Pick<typeof db, "$executeRaw" | "import">) => {
          const row = await tx.import.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ref.workspaceId, id: ref.id } } });
          announced = await queueWebhookEvent(tx, ref.workspaceId, "import.completed", serializeImport(row));
        }
      : undefined;
  // The file has done its job (the error report stays); only the lease holder may drop it.
  if (await finishJob("imports", ref, status, error, announce)) {
    await db.$executeRaw`DELETE FROM import_files WHERE workspace_id = ${ref.workspaceId} AND import_id = ${ref.id}`;
    if (announced) await kickWebhookDrain();
  }
}

const issueText = (details: unknown) =>
  Array.isArray(details) ? details.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`).join("; ") : "Invalid row";
const keptText = (kept: string) =>
  `Kept ${kept}: this person opted out before and the file says subscribed; import with resubscribe=true only if they asked to be subscribed again`;

interface Plan {
  read: (cells: string[]) => Record<string, unknown>;
  onConflict: "update" | "skip";
  defaultCountry: string;
  keepConsent: boolean;
  /** Rows may bring back the email or phone of an erased contact; otherwise they fail as `erased`. */
  allowErased: boolean;
  /** The import as the actor of its changes; one summary webhook instead of one per row. */
  writer: WriteContext;
}

interface Chunk {
  /** The position of its first row in the file (0 = the first row after the header); its rows are consecutive. */
  start: number;
  records: FileRecord[];
  /** The records that could be read, and their rows checked against the contact schema. */
  readable: FileRecord[];
  items: ValidatedItems;
  /** What its write may touch (chunk-keys.ts). */
  keys: Set<string>;
}

/** A chunk made ready while the previous ones are written: rows validated, and what it may touch looked up. */
async function prepareChunk(ref: JobRef, plan: Plan, start: number, records: FileRecord[]): Promise<Chunk> {
  const readable = records.filter((r) => r.error === undefined);
  const items = await validateItemsYielding(
    readable.map((r) => plan.read(r.cells)),
    { source: "import", defaultCountry: plan.defaultCountry, dropInvalidPhones: true },
  );
  return { start, records, readable, items, keys: await keysTouched(ref.workspaceId, items.records) };
}

async function commitChunk(ref: JobRef, plan: Plan, { start, records: chunk, readable, items }: Chunk) {
  await db.$transaction(
    async (tx) => {
      await declareWriter(tx, { ...plan.writer, evidence: evidenceOf(items.records) });
      const result = await writeItems(ref.workspaceId, items, { client: tx, onConflict: plan.onConflict, importId: ref.id, minimal: true, keepConsent: plan.keepConsent, allowErased: plan.allowErased });
      // One line of the report per row: why it failed, or what was kept or left out of it.
      const report = chunk.filter((r) => r.error !== undefined).map((r) => ({ line: r.line, row: r.raw, reason: r.error! }));
      result.results.forEach((r, i) => {
        const reasons = [
          r.status === "failed" ? (r.error?.code === "conflict" ? r.error.message : issueText(r.error?.details)) : null,
          r.kept ? keptText(r.kept) : null,
          ...(r.notes ?? []),
        ].filter(Boolean);
        if (reasons.length) report.push({ line: readable[i].line, row: readable[i].raw, reason: reasons.join("; ") });
      });
      if (report.length) {
        await tx.$executeRaw`
          INSERT INTO import_errors (workspace_id, import_id, line, row, reason)
          SELECT ${ref.workspaceId}, ${ref.id}, e.line, e.row, e.reason
            FROM jsonb_to_recordset(${JSON.stringify(report)}::jsonb) AS e(line int, row text, reason text)
          ON CONFLICT DO NOTHING`;
      }
      const failed = result.failed + chunk.length - readable.length;
      const kept = result.results.filter((r) => r.kept).length;
      // The checkpoint commits with the rows; losing the lease (cancel, or another worker after
      // ours expired) rolls the chunk back.
      const n = await tx.$executeRaw`
        UPDATE imports SET processed_rows = processed_rows + ${chunk.length},
               done_rows = done_rows + int4multirange(int4range(${start}::int, ${start + chunk.length}::int)), created = created + ${result.created},
               updated = updated + ${result.updated}, skipped = skipped + ${result.skipped}, failed_rows = failed_rows + ${failed},
               kept_unsubscribed = kept_unsubscribed + ${kept}, ${renewLease}
         WHERE ${leaseHeld(ref)}`;
      if (n !== 1) throw new LeaseLost();
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** The rows that committed chunks covered, as a membership test for positions read in order. */
async function doneRows(ref: JobRef) {
  const [{ done }] = await db.$queryRaw<{ done: string }[]>`
    SELECT done_rows::text AS done FROM imports WHERE workspace_id = ${ref.workspaceId} AND id = ${ref.id}`;
  // int4multirange text is canonical: {[0,10000),[20000,30000)}, sorted and disjoint.
  const spans = [...done.matchAll(/\[(\d+),(\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  let i = 0;
  return {
    has(position: number) {
      while (i < spans.length && position >= spans[i][1]) i++;
      return i < spans.length && position >= spans[i][0];
    },
  };
}

export async function processImport(ref: JobRef): Promise<"done" | "busy"> {
  if (!(await takeLease("imports", ref))) return "busy";
  const where = { workspaceId_id: { workspaceId: ref.workspaceId, id: ref.id } };
  const job = await db.import.update({ where, data: { attempts: { increment: 1 } } });
  if (job.attempts > maxAttempts()) {
    await finish(ref, "failed", `The import stopped ${maxAttempts()} times without finishing${job.error ? `; the last error: ${job.error}` : ""}`);
    return "done";
  }
  const file = () => readPieces({ workspaceId: ref.workspaceId, importId: ref.id });
  const writes = new ChunkWrites();
  try {
    const records = fileRecords(file());
    const first = await records.next();
    if (first.done) return await finish(ref, "failed", "The file has no header row").then(() => "done" as const);
    const headers = first.value.cells.map((h) => h.trim());
    const source = recogniseSource(headers);
    const given = (job.mapping ?? {}) as Mapping;
    let mapping = given;
    if (job.totalRows === null) {
      // First start: the user's mapping over the one saved for this layout, over the source's.
      mapping = resolveMapping(headers, given, await findSavedMapping(ref.workspaceId, headers), sourceMapping(headers, source));
      if (!hasContactColumn(mapping)) {
        await finish(ref, "failed", `No email or phone column: found ${headers.slice(0, 20).join(", ")}. Map a column to email or phone.`);
        return "done";
      }
      if (Object.keys(given).length) await saveMapping(ref.workspaceId, headers, mapping);
      const total = await countDataRecords(file());
      // One statement: a resumed import finds the count and the whole mapping, or neither. (JSON text,
      // not Prisma's Json: Prisma drops a "__proto__" key, and a column may be called that.)
      await db.$executeRaw`
        UPDATE imports SET total_rows = ${total}, detected_source = ${source?.id ?? null}, mapping = ${JSON.stringify(mapping)}::jsonb
         WHERE workspace_id = ${ref.workspaceId} AND id = ${ref.id}`;
    }
    const plan: Plan = {
      read: rowReader({ headers, mapping: resolveMapping(headers, mapping), source }),
      onConflict: job.onConflict,
      defaultCountry: job.defaultCountry,
      keepConsent: !job.resubscribe,
      allowErased: job.allowErased,
      writer: { actor: { type: "import", id: ref.id, name: job.fileName }, source: "import", webhooks: "off" },
    };
    const done = await doneRows(ref); // a resumed import skips what committed chunks covered
    let chunk: FileRecord[] = [];
    let chunkStart = 0;
    let chunkChars = 0;
    // The next chunk is parsed and validated while the previous ones are written.
    const flush = async () => {
      const prepared = await prepareChunk(ref, plan, chunkStart, chunk);
      await writes.start(prepared.keys, () => commitChunk(ref, plan, prepared));
      chunk = [];
      chunkChars = 0;
    };
    let index = -1;
    for await (const record of records) {
      // Parsing is CPU work on the thread that also handles the database's replies: give those a
      // turn now and then, so the commit of the previous chunk is never kept waiting.
      if (++index % 200 === 0) await yieldToEventLoop();
      if (done.has(index)) {
        if (chunk.length) await flush(); // a chunk covers consecutive rows
        continue;
      }
      if (!chunk.length) chunkStart = index;
      chunk.push(record);
      chunkChars += record.raw.length;
      if (chunk.length >= CHUNK_ROWS || chunkChars >= CHUNK_CHARS) await flush();
    }
    if (chunk.length) await flush();
    await writes.drain();
    await finish(ref, "completed");
    return "done";
  } catch (error) {
    await writes.settleAll(); // a chunk still writing (the file failed to parse further on) ends first
    if (error instanceof LeaseLost) return "done"; // canceled, or another worker took over
    if (error instanceof ImportFileError) {
      await finish(ref, "failed", error.message);
      return "done";
    }
    // Anything else may pass (a database restart): the queue retries, and the next start reports
    // this error if it is the last one.
    const message = error instanceof Error ? error.message : String(error);
    await db.$executeRaw`UPDATE imports SET error = ${message.slice(0, 1000)} WHERE ${leaseHeld(ref)}`.catch(() => {});
    throw error;
  }
}
