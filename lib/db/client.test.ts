// query() with a signal: an abandoned query stops in PostgreSQL, and its connection is safe to reuse.
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, query } from "./client";

const sleeping = () =>
  db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(30)%'`;

describe("query with an AbortSignal", () => {
  it("cancels the running query in PostgreSQL when the signal aborts", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const running = query(Prisma.sql`SELECT pg_sleep(30) AS slept`, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 300));
    expect((await sleeping())[0].n).toBe(1);
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: "57014" }); // canceling statement due to user request
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await sleeping())[0].n).toBe(0);
  });

  it("does not run at all for a signal that already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(query(Prisma.sql`SELECT pg_sleep(30)`, { signal: controller.signal })).rejects.toThrow(/abort/i);
    expect((await sleeping())[0].n).toBe(0);
  });

  it("leaves the pool's connections usable: an abort after the answer cancels nothing", async () => {
    for (let i = 0; i < 20; i++) {
      const controller = new AbortController();
      const rows = await query<{ v: number }>(Prisma.sql`SELECT ${i}::int AS v`, { signal: controller.signal });
      controller.abort();
      expect(rows[0].v).toBe(i);
    }
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => query<{ v: number }>(Prisma.sql`SELECT ${i}::int AS v, pg_sleep(0.01)`)));
    expect(answers.map((r) => r[0].v)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
