// The Postgres-backed job queue (pg-boss): jobs are delivered to a worker, retried when a worker
// dies, and requeued by the stall sweep after a crash. One lease per job row keeps processing
// to one worker at a time (lib/jobs/lease.ts).
import PgBoss from "pg-boss";
import { processImport } from "@/lib/imports/process-import";
import { processBulkJob } from "@/lib/bulk/process-bulk-job";
import { purgeExpiredIdempotencyRecords } from "@/lib/api/idempotency";
import { stalledJobs, WORKER_ID, type JobRef, type JobTable } from "./lease";
import { drainWebhooks, hasDueDeliveries, WEBHOOK_QUEUE } from "@/lib/webhooks/drain";

const QUEUES = {
  import: { table: "imports", run: processImport },
  bulk: { table: "bulk_jobs", run: processBulkJob },
} satisfies Record<string, { table: JobTable; run: (ref: JobRef) => Promise<unknown> }>;
type QueueName = keyof typeof QUEUES;

const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss>; sweeping?: NodeJS.Timeout };

/**
 * Processes booting together on a fresh database can deadlock creating the same queue (pg-boss
 * takes locks in different orders; found by npm run bench:scale): Postgres aborts one of them,
 * which simply tries again.
 */
async function createQueue(instance: PgBoss, name: string, options: Omit<PgBoss.Queue, "name">) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await instance.createQueue(name, { name, ...options });
    } catch (error) {
      if ((error as { code?: string }).code !== "40P01" || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

function boss(): Promise<PgBoss> {
  return (globalForBoss.boss ??= (async () => {
    const instance = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 3, schema: "pgboss" });
    instance.on("error", (error) => console.error("[queue]", error.message));
    await instance.start();
    for (const name of Object.keys(QUEUES)) {
      await createQueue(instance, name, { retryLimit: 5, retryDelay: 5, expireInSeconds: 4 * 3600 });
    }
    // Stately: at most one drain waiting and one running; more requests while one waits are dropped (it drains them too).
    await createQueue(instance, WEBHOOK_QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 300 });
    return instance;
  })());
}

export async function enqueue(queue: QueueName, ref: JobRef) {
  await (await boss()).send(queue, ref);
}

/** Asks a worker to drain the webhook outbox (lib/webhooks/kick.ts calls it after writes that queue messages). */
export async function enqueueWebhookDrain() {
  await (await boss()).send(WEBHOOK_QUEUE, {});
}

/** Starts processing jobs in this process (the web server by default, or `npm run worker`). */
export async function startWorker({ sweepSeconds = Number(process.env.JOB_SWEEP_SECONDS ?? process.env.IMPORT_SWEEP_SECONDS ?? 15) } = {}) {
  const queue = await boss();
  for (const [name, { run }] of Object.entries(QUEUES)) {
    await queue.work<JobRef>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
      await run(job.data);
    });
  }
  await queue.work(WEBHOOK_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async () => {
    await drainWebhooks();
  });
  const sweep = async () => {
    await purgeExpiredIdempotencyRecords(); // stored responses older than 24 h
    for (const [name, { table }] of Object.entries(QUEUES)) {
      for (const ref of await stalledJobs(table)) await queue.send(name, ref, { singletonKey: ref.id, singletonSeconds: sweepSeconds });
    }
    if (await hasDueDeliveries()) await queue.send(WEBHOOK_QUEUE, {}); // retries that came due, and messages no write kicked
  };
  await sweep();
  globalForBoss.sweeping ??= setInterval(() => void sweep().catch((e) => console.error("[queue] sweep:", e.message)), sweepSeconds * 1000);
  console.log(`[queue] worker ${WORKER_ID} started (imports, bulk actions, webhooks)`);
}

export async function stopWorker() {
  if (globalForBoss.sweeping) clearInterval(globalForBoss.sweeping);
  globalForBoss.sweeping = undefined;
  const instance = await globalForBoss.boss;
  globalForBoss.boss = undefined;
  await instance?.stop({ graceful: true, wait: true, timeout: 5000 });
}
