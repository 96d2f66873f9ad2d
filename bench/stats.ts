/** A target's mark in the results table. */
export const check = (ok: boolean) => (ok ? "✓" : "✗");

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Sequential latency of `fn` (after warm-up): p50 and p95 in ms. */
export async function latency(fn: (i: number) => Promise<unknown>, runs = 200, warmup = 20) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i + warmup);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Requests per second of `fn` with `concurrency` workers for `seconds`. */
export async function throughput(fn: () => Promise<unknown>, concurrency = 8, seconds = 8) {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await fn();
        count++;
      }
    }),
  );
  return count / seconds;
}
