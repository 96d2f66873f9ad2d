// Writes an import's chunks two at once, each in its own transaction on its own connection, so
// that PostgreSQL uses both cores while the worker prepares the next chunk (issue 13). Chunks may
// then commit out of order: each records the rows it covered, and a resumed import skips exactly
// those. No write ever waits for another in JavaScript while it holds locks, so PostgreSQL sees
// (and breaks) any cycle of waits.

/** Chunks written at once (1: one after the other; anything but a whole number ≥ 1 means 2). Each holds a database connection. */
const configured = Number(process.env.IMPORT_CHUNKS_IN_FLIGHT ?? 2);
export const CHUNKS_IN_FLIGHT = Number.isInteger(configured) && configured >= 1 ? configured : 2;

function overlap(a: Set<string>, b: Set<string>) {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return true;
  return false;
}

interface Write {
  keys: Set<string>;
  done: Promise<void>;
}

/**
 * Starts writes as soon as they may run: at most `inFlight` at once, and never beside a write
 * whose keys (what it may touch, chunk-keys.ts) overlap. A failed write is reported by the next
 * `start` or by `drain`, once every other write has settled, so that no write outlives the
 * import's attempt.
 */
export class ChunkWrites {
  private readonly flying = new Set<Write>();

  constructor(private readonly inFlight = CHUNKS_IN_FLIGHT) {}

  async start(keys: Set<string>, write: () => Promise<void>) {
    for (const w of [...this.flying]) {
      if (this.flying.size >= this.inFlight || overlap(w.keys, keys)) await this.settle(w);
    }
    const w: Write = { keys, done: write() };
    this.flying.add(w);
    w.done.then(
      () => this.flying.delete(w),
      () => {}, // kept in the set: settle() or drain() rethrows it
    );
  }

  async drain() {
    for (const w of [...this.flying]) await this.settle(w);
  }

  /** Waits until no write is running, whatever their outcome: after an error elsewhere in the job. */
  async settleAll() {
    await Promise.allSettled([...this.flying].map((w) => w.done));
    this.flying.clear();
  }

  private async settle(w: Write) {
    try {
      await w.done;
      this.flying.delete(w);
    } catch (error) {
      await this.settleAll();
      throw error;
    }
  }
}
