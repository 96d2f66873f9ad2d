// npm run worker: a background worker process for imports (scale-out: run several, and set
// ROLO_WORKER=off on the web processes).
import { prepareDatabase } from "@/lib/db/resolve";

const database = await prepareDatabase((line) => console.error(`[db] ${line}`));
const { startImportWorker, stopImportWorker } = await import("@/lib/imports/queue");
await startImportWorker();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await stopImportWorker();
    await database.stop();
    process.exit(0);
  });
}
