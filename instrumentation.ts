// Next calls register() once when the server starts: the job worker (imports, bulk actions) runs in-process unless
// ROLO_WORKER=off (then run `npm run worker` processes instead).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.ROLO_WORKER === "off" || !process.env.DATABASE_URL) return;
  const { startWorker } = await import("@/lib/jobs/queue");
  await startWorker();
}
