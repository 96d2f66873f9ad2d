// wait() for imports and bulk jobs: poll until the job reaches a final status.
import { RoloError } from "./errors.js";
import { sleep, type RequestOptions } from "./transport.js";

export interface WaitOptions extends RequestOptions {
  /** Milliseconds between polls (default 1 000). */
  pollInterval?: number;
  /** Milliseconds to wait in all before throwing a RoloError with code `wait_timeout` (default 10 minutes). */
  maxWait?: number;
}

const FINAL = new Set(["completed", "failed", "canceled"]);

/** Resolves with the job once it is completed, failed or canceled; the caller reads its status. */
export async function pollUntilDone<T extends { id: string; status: string }>(
  get: () => Promise<T>,
  options: WaitOptions = {},
): Promise<T> {
  const { pollInterval = 1000, maxWait = 10 * 60_000, signal } = options;
  const deadline = Date.now() + maxWait;
  for (;;) {
    const job = await get();
    if (FINAL.has(job.status)) return job;
    if (Date.now() + pollInterval > deadline) {
      throw new RoloError(`${job.id} is still ${job.status} after ${Math.round(maxWait / 1000)} s`, {
        code: "wait_timeout",
        body: job,
      });
    }
    await sleep(pollInterval, signal);
  }
}
