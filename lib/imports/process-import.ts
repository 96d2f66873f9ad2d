// Runs one import: streams the stored file, and for every chunk of rows commits the contacts,
// the rejected rows and the checkpoint in one transaction. A killed process resumes from the last
// committed chunk; a lease on the import row keeps a second worker out.
import { db } from "@/lib/db/client";
import { upsertContacts } from "@/lib/contacts/upsert-contacts";
import { finishJob, LeaseLost, leaseHeld, renewLease, takeLease, type JobRef } from "@/lib/jobs/lease";
import { csvRecords, type CsvRecord } from "./csv-rows";
import { hasContactColumn, resolveMapping, rowToContact, type Mapping } from "./mapping";
import { readPieces } from "./storage";

export const CHUNK_ROWS = Number(process.env.IMPORT_CHUNK_ROWS ?? 5000);

async function finish(ref: JobRef, status: "completed" | "failed", error: string | null = null) {
  // The file has done its job (the error report stays); only the lease holder may drop it.
  if (await finishJob("imports", ref, status, error)) {
    await db.$executeRaw`DELETE FROM import_files WHERE workspace_id = ${ref.workspaceId} AND import_id = ${ref.id}`;
  }
}

const issueText = (details: unknown) =>
  Array.isArray(details) ? details.map((d: { path: string; message: string }) => `${d.path}: ${d.message}`).join("; ") : "Invalid row";

async function commitChunk(ref: JobRef, job: { onConflict: "update" | "skip" }, headers: string[], mapping: Mapping, chunk: CsvRecord[]) {
  await db.$transaction(
    async (tx) => {
      const result = await upsertContacts({
        workspaceId: ref.workspaceId,
        items: chunk.map((r) => rowToContact(headers, mapping, r.cells)),
        source: "import",
        client: tx,
        onConflict: job.onConflict,
        importId: ref.id,
        minimal: true,
      });
      const rejected = result.results.flatMap((r, i) =>
        r.status === "failed" ? [{ line: chunk[i].line, row: chunk[i].raw, reason: r.error?.code === "conflict" ? r.error.message : issueText(r.error?.details) }] : [],
      );
      if (rejected.length) {
        await tx.$executeRaw`
          INSERT INTO import_errors (workspace_id, import_id, line, row, reason)
          SELECT ${ref.workspaceId}, ${ref.id}, e.line, e.row, e.reason
            FROM jsonb_to_recordset(${JSON.stringify(rejected)}::jsonb) AS e(line int, row text, reason text)
          ON CONFLICT DO NOTHING`;
      }
      // The checkpoint commits with the rows; losing the lease (cancel, or another worker after
      // ours expired) rolls the chunk back.
      const n = await tx.$executeRaw`
        UPDATE imports SET processed_rows = processed_rows + ${chunk.length}, created = created + ${result.created},
               updated = updated + ${result.updated}, skipped = skipped + ${result.skipped}, failed_rows = failed_rows + ${result.failed},
               ${renewLease}
         WHERE ${leaseHeld(ref)}`;
      if (n !== 1) throw new LeaseLost();
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export async function processImport(ref: JobRef): Promise<"done" | "busy"> {
  if (!(await takeLease("imports", ref))) return "busy";
  const where = { workspaceId_id: { workspaceId: ref.workspaceId, id: ref.id } };
  const job = await db.import.findUniqueOrThrow({ where });
  try {
    const records = csvRecords(readPieces({ workspaceId: ref.workspaceId, importId: ref.id }));
    const first = await records.next();
    if (first.done) return await finish(ref, "failed", "The file has no header row").then(() => "done" as const);
    const headers = first.value.cells.map((h) => h.trim());
    const mapping = resolveMapping(headers, job.mapping as Mapping);
    if (!hasContactColumn(mapping)) {
      await finish(ref, "failed", `No email or phone column: found ${headers.slice(0, 20).join(", ")}. Map a column to email or phone.`);
      return "done";
    }
    if (job.totalRows === null) {
      let total = 0;
      for await (const _ of csvRecords(readPieces({ workspaceId: ref.workspaceId, importId: ref.id }))) total++;
      await db.import.update({ where, data: { totalRows: Math.max(0, total - 1), mapping } });
    }
    let skip = job.processedRows; // resume after the last committed chunk
    let chunk: CsvRecord[] = [];
    // The next chunk is parsed while the previous one commits; commits stay in file order.
    let committing: Promise<void> = Promise.resolve();
    for await (const record of records) {
      if (skip > 0) {
        skip--;
        continue;
      }
      chunk.push(record);
      if (chunk.length >= CHUNK_ROWS) {
        await committing;
        committing = commitChunk(ref, job, headers, mapping, chunk);
        committing.catch(() => {}); // surfaced by the next await
        chunk = [];
      }
    }
    await committing;
    if (chunk.length) await commitChunk(ref, job, headers, mapping, chunk);
    await finish(ref, "completed");
    return "done";
  } catch (error) {
    if (error instanceof LeaseLost) return "done"; // canceled, or another worker took over
    const message = error instanceof Error ? error.message : String(error);
    // Unreadable files fail the job for good; anything else is retried by the queue.
    if (/Invalid Record Length|Quote Not Closed|incorrect header check|unexpected end of file|CSV_/i.test(message)) {
      await finish(ref, "failed", `The file could not be read as CSV: ${message}`);
      return "done";
    }
    throw error;
  }
}
