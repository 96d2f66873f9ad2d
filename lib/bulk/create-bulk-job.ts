// Creates a bulk job: the selection (ids, or filter and/or segment minus excluded ids) is copied into
// bulk_job_items in the same statement, so it is fixed from this moment on.
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { notFound } from "@/lib/api/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterSql } from "@/lib/contacts/filters";
import { RETURNING } from "@/lib/contacts/sql";
import { serializeContact, type ContactRow } from "@/lib/contacts/serialize";
import { enqueue } from "@/lib/jobs/queue";
import { processBulkJob } from "./process-bulk-job";
import type { BulkActionName, BulkPreview, BulkRequest } from "./schemas";
import { serializeBulkJob } from "./view";

function selectionSql(workspaceId: string, request: BulkRequest) {
  const where = request.ids
    ? Prisma.sql`c.workspace_id = ${workspaceId} AND c.id = ANY(${request.ids}::text[])`
    : filterSql(workspaceId, { ...request.filter, segment: request.segment, segmentFilter: request.segmentFilter });
  const excluded = request.exclude_ids?.length ? Prisma.sql` AND NOT (c.id = ANY(${request.exclude_ids}::text[]))` : Prisma.empty;
  return Prisma.sql`${where}${excluded}`;
}

export async function previewBulk({ workspaceId, request }: { workspaceId: string; request: BulkRequest }): Promise<BulkPreview> {
  const where = selectionSql(workspaceId, request);
  const [count, sample] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM contacts c WHERE ${where}`,
    db.$queryRaw<ContactRow[]>`SELECT ${Prisma.raw(RETURNING)} FROM contacts c WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT 5`,
  ]);
  return { object: "bulk_preview", dry_run: true, matched: count[0].n, sample: sample.map(serializeContact) };
}

/** Selections up to this size finish before POST answers (one chunk, ~0.1–0.3 s at 1M contacts). */
const ANSWER_DONE_UP_TO = 1_000;

export async function createBulkJob({ workspaceId, action, request }: { workspaceId: string; action: BulkActionName; request: BulkRequest }) {
  const id = newId("job");
  const params = { add: request.add ?? [], remove: request.remove ?? [], reason: request.reason ?? null };
  const job = await db.$transaction(async (tx) => {
    await tx.bulkJob.create({ data: { workspaceId, id, action, params } });
    // Ids of other workspaces never match: they are ignored, never touched, never revealed.
    const matched = await tx.$executeRaw`
      INSERT INTO bulk_job_items (workspace_id, job_id, contact_id)
      SELECT ${workspaceId}, ${id}, c.id FROM contacts c WHERE ${selectionSql(workspaceId, request)}`;
    return tx.bulkJob.update({ where: { workspaceId_id: { workspaceId, id } }, data: { matched } });
  });
  const ref = { workspaceId, id };
  await enqueue("bulk", ref);
  // Start at once in this process; the queue is the safety net if this process dies (or the run
  // fails). A small selection is done before the answer, which then says `completed`: the client
  // need not poll, and a dashboard selection shows its result at once.
  const run = processBulkJob(ref).catch((error) => console.error("[bulk]", error));
  if (job.matched > ANSWER_DONE_UP_TO) return serializeBulkJob(job);
  await run;
  return getBulkJob({ workspaceId, id });
}

export async function getBulkJob({ workspaceId, id }: { workspaceId: string; id: string }) {
  const job = /^job_[0-9A-Za-z]{1,64}$/.test(id) ? await db.bulkJob.findUnique({ where: { workspaceId_id: { workspaceId, id } } }) : null;
  if (!job) throw notFound("Bulk job");
  return serializeBulkJob(job);
}
