// A job row is processed by one worker at a time: the worker holds a lease that it renews with
// every checkpoint. A worker that dies lets its lease run out, and the stall sweep requeues the job.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;
export const LEASE_SECONDS = Number(process.env.JOB_LEASE_SECONDS ?? process.env.IMPORT_LEASE_SECONDS ?? 60);

export type JobTable = "imports" | "bulk_jobs";
export interface JobRef {
  workspaceId: string;
  id: string;
}

/** Thrown inside a checkpoint transaction when the job was canceled or another worker took over. */
export class LeaseLost extends Error {}

const table = (t: JobTable) => Prisma.raw(t);

/** Takes (or renews) the lease; false when another live worker holds it or the job is over. */
export async function takeLease(t: JobTable, ref: JobRef) {
  const n = await db.$executeRaw`
    UPDATE ${table(t)} SET status = 'running', started_at = coalesce(started_at, now()), lease_owner = ${WORKER_ID},
           lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()
     WHERE workspace_id = ${ref.workspaceId} AND id = ${ref.id} AND status IN ('queued', 'running')
       AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ${WORKER_ID})`;
  return n === 1;
}

/** The checkpoint statement's lease clause: renews it, and matches nothing if it was lost. */
export const leaseHeld = (ref: JobRef) =>
  Prisma.sql`workspace_id = ${ref.workspaceId} AND id = ${ref.id} AND status = 'running' AND lease_owner = ${WORKER_ID}`;
export const renewLease = Prisma.sql`lease_until = now() + make_interval(secs => ${LEASE_SECONDS}), updated_at = now()`;

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Ends the job if this worker still holds it; true when it did. Both job tables share the
 * ImportStatus enum. `announce` runs in the same transaction once the job is over (its webhook
 * summary commits with the status, or neither does).
 */
export async function finishJob(
  t: JobTable,
  ref: JobRef,
  status: "completed" | "failed",
  error: string | null = null,
  announce?: (tx: Tx) => Promise<unknown>,
) {
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      UPDATE ${table(t)} SET status = ${status}::"ImportStatus", error = ${error}, finished_at = now(), updated_at = now(),
             lease_owner = NULL, lease_until = NULL
       WHERE ${leaseHeld(ref)}`;
    if (n === 1 && announce) await announce(tx);
    return n === 1;
  });
}

/** Jobs whose worker died (expired lease) or that were never picked up. */
export async function stalledJobs(t: JobTable) {
  return db.$queryRaw<JobRef[]>`
    SELECT workspace_id AS "workspaceId", id FROM ${table(t)}
     WHERE (status = 'running' AND lease_until < now())
        OR (status = 'queued' AND created_at < now() - interval '1 minute')
     LIMIT 100`;
}
