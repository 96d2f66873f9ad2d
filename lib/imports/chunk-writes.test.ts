import { describe, expect, it } from "vitest";
import { ChunkWrites } from "./chunk-writes";

/** A write that runs until released, and says when it started. */
function gate() {
  let release!: (error?: Error) => void;
  let started = false;
  const done = new Promise<void>((resolve, reject) => (release = (error) => (error ? reject(error) : resolve())));
  return { write: () => ((started = true), done), release, started: () => started };
}
const tick = () => new Promise((r) => setTimeout(r, 10));

describe("ChunkWrites", () => {
  it("runs two disjoint writes at once, and a third only when one finishes", async () => {
    const writes = new ChunkWrites(2);
    const [a, b, c] = [gate(), gate(), gate()];
    await writes.start(new Set(["e:a"]), a.write);
    await writes.start(new Set(["e:b"]), b.write);
    expect(a.started() && b.started()).toBe(true);
    const third = writes.start(new Set(["e:c"]), c.write);
    await tick();
    expect(c.started()).toBe(false);
    a.release();
    await third;
    expect(c.started()).toBe(true);
    b.release();
    c.release();
    await writes.drain();
  });

  it("waits for a write whose keys overlap, even with a free slot", async () => {
    const writes = new ChunkWrites(2);
    const [a, b] = [gate(), gate()];
    await writes.start(new Set(["e:a", "c:con_1"]), a.write);
    const second = writes.start(new Set(["p:+1", "c:con_1"]), b.write);
    await tick();
    expect(b.started()).toBe(false);
    a.release();
    await second;
    expect(b.started()).toBe(true);
    b.release();
    await writes.drain();
  });

  it("reports a failed write only once every other write has settled", async () => {
    const writes = new ChunkWrites(2);
    const [a, b] = [gate(), gate()];
    await writes.start(new Set(["e:a"]), a.write);
    await writes.start(new Set(["e:b"]), b.write);
    const drained = writes.drain().then(
      () => "resolved",
      (e: Error) => e.message,
    );
    a.release(new Error("chunk failed"));
    await tick();
    let outcome: string | null = null;
    void drained.then((o) => (outcome = o));
    await tick();
    expect(outcome).toBeNull(); // b is still writing
    b.release();
    expect(await drained).toBe("chunk failed");
  });
});
