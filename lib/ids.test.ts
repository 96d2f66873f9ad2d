// Ids: prefix, 16 base62 characters, time first (so an import's new rows sit together in every
// index keyed by id), then enough randomness that two ids of one millisecond never meet.
import { describe, expect, it } from "vitest";
import { newId, randomBase62 } from "./ids";

describe("newId", () => {
  it("is the prefix and 16 base62 characters", () => {
    expect(newId("con")).toMatch(/^con_[0-9A-Za-z]{16}$/);
  });

  it("sorts by creation time, byte by byte (as the database's C-ordered indexes see it)", async () => {
    const early = newId("con");
    await new Promise((r) => setTimeout(r, 5));
    const late = newId("con");
    expect(Buffer.compare(Buffer.from(early), Buffer.from(late))).toBe(-1);
  });

  it("never repeats within one millisecond's worth of a chunk", () => {
    const ids = Array.from({ length: 50_000 }, () => newId("con"));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("randomBase62", () => {
  it("uses every base62 character about equally (rejection sampling, pooled bytes)", () => {
    const counts = new Map<string, number>();
    for (const ch of randomBase62(62_000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800); // 1,000 expected each
  });
});
