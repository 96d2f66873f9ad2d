// The Postgres-backed job queue (pg-boss): imports are delivered to one worker at a time, retried
// when a worker dies, and picked up again by the stall sweep after a crash.
import PgBoss from "pg-boss";
import { processImport, stalledImports, WORKER_ID } from "./process-import";

const QUEUE = "import";
const globalForBoss = globalThis as unknown as { boss?: Promise<PgBoss>; sweeping?: NodeJS.Timeout };

function boss(): Promise<PgBoss> {
  return (globalForBoss.boss ??= (async () => {
    const instance = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 3, schema: "pgboss" });
    instance.on("error", (error) => console.error("[queue]", error.message));
    await instance.start();
    await instance.createQueue(QUEUE, { name: QUEUE, retryLimit: 5, retryDelay: 5, expireInSeconds: 4 * 3600 });
    return instance;
  })());
}

export async function enqueueImport(ref: { workspaceId: string; importId: string }) {
  await (await boss()).send(QUEUE, ref);
}

/** Starts processing imports in this process (the web server by default, or `npm run worker`). */
export async function startImportWorker({ sweepSeconds = Number(process.env.IMPORT_SWEEP_SECONDS ?? 15) } = {}) {
  const queue = await boss();
  await queue.work<{ workspaceId: string; importId: string }>(QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    await processImport(job.data);
  });
  const sweep = async () => {
    for (const ref of await stalledImports()) await queue.send(QUEUE, ref, { singletonKey: ref.importId, singletonSeconds: sweepSeconds });
  };
  await sweep();
  globalForBoss.sweeping ??= setInterval(() => void sweep().catch((e) => console.error("[queue] sweep:", e.message)), sweepSeconds * 1000);
  console.log(`[queue] import worker ${WORKER_ID} started`);
}

export async function stopImportWorker() {
  if (globalForBoss.sweeping) clearInterval(globalForBoss.sweeping);
  globalForBoss.sweeping = undefined;
  const instance = await globalForBoss.boss;
  globalForBoss.boss = undefined;
  await instance?.stop({ graceful: true, wait: true, timeout: 5000 });
}
