// Applies a bulk action to its frozen selection in chunks: one set-based statement per chunk,
// committed with the checkpoint. Every action is idempotent, so a resumed chunk is safe.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { finishJob, LeaseLost, leaseHeld, renewLease, takeLease, type JobRef } from "@/lib/jobs/lease";
import { MAX_TAGS } from "@/lib/contacts/schemas";
import { declareWriter, type WriteContext } from "@/lib/activity/context";
import { queueWebhookEvent } from "@/lib/webhooks/events";
import { kickWebhookDrain } from "@/lib/webhooks/kick";
import { serializeBulkJob } from "./view";

const CHUNK = Number(process.env.BULK_CHUNK_ROWS ?? 10_000);

interface Params {
  add: string[];
  remove: string[];
  reason: string | null;
}

/**
 * The statement for one chunk; `batch` is the CTE of the chunk's contact ids. A contact the action
 * would not change (it has every tag to add and none to remove, it is unsubscribed already…) is
 * left alone: its `updated_at` stays, it gets no activity event, and its row is not rewritten.
 */
function actionSql(action: string, p: Params, ws: string) {
  // = ANY of an array, not IN (subquery): the planner then looks each id up by primary key,
  // where the join form read the whole workspace once per chunk (~1 s per 10,000 at 1M contacts).
  const inBatch = Prisma.sql`c.workspace_id = ${ws} AND c.id = ANY (ARRAY(SELECT contact_id FROM batch))`;
  switch (action) {
    case "subscribe":
      // Resubscribing lifts only a suppression that came from unsubscribing.
      return Prisma.sql`UPDATE contacts c SET status = 'subscribed',
          suppressed = CASE WHEN c.suppressed_reason = 'unsubscribed' THEN false ELSE c.suppressed END,
          suppressed_reason = CASE WHEN c.suppressed_reason = 'unsubscribed' THEN NULL ELSE c.suppressed_reason END,
          updated_at = now()
        WHERE ${inBatch} AND (c.status <> 'subscribed' OR c.suppressed_reason IS NOT DISTINCT FROM 'unsubscribed')`;
    case "unsubscribe":
      // An existing suppression (bounced, complained…) keeps its reason.
      return Prisma.sql`UPDATE contacts c SET status = 'unsubscribed', suppressed = true,
          suppressed_reason = CASE WHEN c.suppressed THEN c.suppressed_reason ELSE ${p.reason ?? "unsubscribed"} END,
          updated_at = now()
        WHERE ${inBatch} AND (c.status <> 'unsubscribed' OR NOT c.suppressed)`;
    case "tag": {
      // Left alone: a contact that already has every tag to add and none to remove (compared
      // lower-cased, on the array as one value: evaluating the merge below a second time, to
      // compare its result, cost ~1 s per 100,000 contacts). What this test cannot tell (a tag
      // removed and added back where it was; a contact at MAX_TAGS) is rewritten as before.
      const lowered = Prisma.sql`lower(c.tags::text)::text[]`;
      const unchanged = Prisma.sql`${lowered} @> lower(${p.add}::text[]::text)::text[] AND NOT ${lowered} && lower(${p.remove}::text[]::text)::text[]`;
      return Prisma.sql`UPDATE contacts c SET tags = (
            SELECT coalesce((array_agg(t ORDER BY ord))[1:${MAX_TAGS}], ARRAY[]::text[]) FROM (
              SELECT t, ord FROM unnest(c.tags) WITH ORDINALITY AS k(t, ord)
               WHERE lower(t) <> ALL (SELECT lower(r) FROM unnest(${p.remove}::text[]) r)
              UNION ALL
              SELECT a, 1000 + ord FROM unnest(${p.add}::text[]) WITH ORDINALITY AS n(a, ord)
               WHERE lower(a) <> ALL (SELECT lower(x) FROM unnest(c.tags) x
                                       WHERE lower(x) <> ALL (SELECT lower(r) FROM unnest(${p.remove}::text[]) r))
            ) merged),
          updated_at = now()
        WHERE ${inBatch} AND NOT (${unchanged})`;
    }
    case "delete":
      return Prisma.sql`DELETE FROM contacts c WHERE ${inBatch}`;
  }
  throw new Error(`unknown bulk action ${action}`);
}

export async function processBulkJob(ref: JobRef): Promise<"done" | "busy"> {
  if (!(await takeLease("bulk_jobs", ref))) return "busy";
  const job = await db.bulkJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ref.workspaceId, id: ref.id } } });
  const statement = actionSql(job.action, job.params as unknown as Params, ref.workspaceId);
  let after = job.lastContactId ?? "";
  // The job is the actor of its changes, and announces itself once when it completes.
  const writer: WriteContext = { actor: { type: "bulk", id: job.id, name: `Bulk ${job.action}` }, source: "bulk", webhooks: "off" };
  try {
    for (;;) {
      const done = await db.$transaction(
        async (tx) => {
          // Let GIN indexes (trigram, tags) collect new entries in their pending list and merge
          // them in bulk, instead of merging row by row.
          await declareWriter(tx, writer);
          await tx.$executeRaw`SET LOCAL gin_pending_list_limit = '64MB'`;
          const rows = await tx.$queryRaw<{ last: string | null; n: number }[]>`
            WITH batch AS (
              SELECT contact_id FROM bulk_job_items
               WHERE workspace_id = ${ref.workspaceId} AND job_id = ${ref.id} AND contact_id > ${after}
               ORDER BY contact_id LIMIT ${CHUNK}
            ), applied AS (${statement} RETURNING 1)
            SELECT (SELECT max(contact_id) FROM batch) AS last, (SELECT count(*)::int FROM batch) AS n`;
          const { last, n } = rows[0];
          if (!last) return true;
          const held = await tx.$executeRaw`
            UPDATE bulk_jobs SET processed = processed + ${n}, last_contact_id = ${last}, ${renewLease} WHERE ${leaseHeld(ref)}`;
          if (held !== 1) throw new LeaseLost();
          after = last;
          return n < CHUNK;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
      if (done) break;
    }
    let announced = 0;
    await finishJob("bulk_jobs", ref, "completed", null, async (tx) => {
      const done = await tx.bulkJob.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: ref.workspaceId, id: ref.id } } });
      announced = await queueWebhookEvent(tx, ref.workspaceId, "bulk.completed", serializeBulkJob(done));
    });
    if (announced) await kickWebhookDrain();
    return "done";
  } catch (error) {
    if (error instanceof LeaseLost) return "done";
    throw error;
  }
}
