// API load for the scale-out run: `concurrency` clients, each bound to one replica (round robin),
// each looping over three list requests (first page with its exact total) and one create. Every
// create that answered 201 is remembered, so the final check can find each of them.
import { percentile } from "../stats";

export interface LoadResult {
  label: string;
  replicas: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  /** Ids of the contacts created (201). */
  createdIds: string[];
  errors: number;
  errorSamples: string[];
}

export interface LoadOptions {
  label: string;
  bases: string[];
  key: string;
  concurrency: number;
  /** Stops after this many seconds, or when `until` resolves. */
  seconds?: number;
  until?: Promise<unknown>;
}

export async function driveLoad(o: LoadOptions): Promise<LoadResult> {
  let done = false;
  const deadline = o.seconds ? setTimeout(() => (done = true), o.seconds * 1000) : null;
  void o.until?.then(
    () => (done = true),
    () => (done = true),
  );
  const times: number[] = [];
  const createdIds: string[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(what);
  };
  const headers = { authorization: `Bearer ${o.key}` };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async (_, client) => {
      const base = `${o.bases[client % o.bases.length]}/api/v1`;
      for (let n = 0; !done; n++) {
        const t = performance.now();
        try {
          if (n % 4 === 3) {
            const res = await fetch(`${base}/contacts`, {
              method: "POST",
              headers: { ...headers, "content-type": "application/json" },
              body: JSON.stringify({ email: `load.${o.label}.${client}.${n}@load.test`, first_name: "Load" }),
            });
            const body = await res.json();
            if (res.status === 201) createdIds.push(body.id);
            else fail(`POST /contacts → ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
          } else {
            const res = await fetch(`${base}/contacts?limit=20`, { headers });
            const body = await res.text();
            if (res.status !== 200) fail(`GET /contacts → ${res.status} ${body.slice(0, 200)}`);
          }
        } catch (error) {
          fail(`${(error as Error).message}`);
        }
        times.push(performance.now() - t);
      }
    }),
  );
  if (deadline) clearTimeout(deadline);
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    label: o.label,
    replicas: o.bases.length,
    seconds,
    requests: times.length,
    rps: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    createdIds,
    errors,
    errorSamples,
  };
}
