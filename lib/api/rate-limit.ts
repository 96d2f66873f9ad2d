// Per-key fixed-window rate limit. Counters live in each web process: with N replicas behind a
// load balancer a key may use up to N × the limit (see README, "Scaling out").
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetSeconds: number;
  allowed: boolean;
}

const WINDOW_MS = 60_000;
const windows = new Map<string, { start: number; count: number }>();

export function rateLimitPerMinute() {
  return Number(process.env.RATE_LIMIT_PER_MINUTE ?? 1200);
}

export function takeToken(owner: string, limit = rateLimitPerMinute(), now = Date.now()): RateLimitState {
  const start = now - (now % WINDOW_MS);
  let w = windows.get(owner);
  if (!w || w.start !== start) {
    if (windows.size > 50_000) windows.clear();
    w = { start, count: 0 };
    windows.set(owner, w);
  }
  w.count += 1;
  return {
    limit,
    remaining: Math.max(0, limit - w.count),
    resetSeconds: Math.ceil((start + WINDOW_MS - now) / 1000),
    allowed: w.count <= limit,
  };
}

export function rateLimitHeaders(s: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(s.limit),
    "RateLimit-Remaining": String(s.remaining),
    "RateLimit-Reset": String(s.resetSeconds),
    ...(s.allowed ? {} : { "Retry-After": String(s.resetSeconds) }),
  };
}
