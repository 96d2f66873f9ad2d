// Load for the profile: `concurrency` clients in closed loops, each response checked, with the
// window (monotonic µs, the clock V8 stamps profile samples with) and the server's CPU time.
import { readFileSync } from "node:fs";

export interface LoadRun {
  requests: number;
  seconds: number;
  rps: number;
  /** [start, end] in microseconds of the monotonic clock. */
  window: [number, number];
  /** CPU milliseconds the server process used (user + system) during the run. */
  serverCpuMs: number;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const TICK_MS = 10; // /proc/<pid>/stat counts in clock ticks of 1/100 s on Linux

/** utime + stime of a process in ms. */
export function cpuMs(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

export async function drive(opts: { url: string; headers?: Record<string, string>; seconds: number; concurrency: number; pid: number }): Promise<LoadRun> {
  const check = (res: Response, body: { data?: unknown[] }) => {
    if (res.status !== 200 || !Array.isArray(body.data) || body.data.length === 0) throw new Error(`${opts.url} → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  };
  const cpu0 = cpuMs(opts.pid);
  const start = nowUs();
  const deadline = start + opts.seconds * 1e6;
  let requests = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (nowUs() < deadline) {
        const res = await fetch(opts.url, { headers: opts.headers });
        check(res, await res.json());
        requests++;
      }
    }),
  );
  const end = nowUs();
  const seconds = (end - start) / 1e6;
  return { requests, seconds, rps: requests / seconds, window: [start, end], serverCpuMs: cpuMs(opts.pid) - cpu0 };
}
