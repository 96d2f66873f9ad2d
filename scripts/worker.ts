// npm run worker: a background worker process for imports and bulk actions (scale-out: run several, and set
// ROLO_WORKER=off on the web processes).
import { prepareDatabase } from "@/lib/db/resolve";

const database = await prepareDatabase((line) => console.error(`[db] ${line}`));
const { startWorker, stopWorker } = await import("@/lib/jobs/queue");
await startWorker();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await stopWorker();
    await database.stop();
    process.exit(0);
  });
}
