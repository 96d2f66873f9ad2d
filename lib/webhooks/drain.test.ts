// The outbox drainer on the real database with a real receiver: the retry schedule after failures,
// at-least-once delivery after a drainer dies mid-send, and no double sends between drainers.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { db } from "@/lib/db/client";
import { startReceiver, type Receiver } from "./test-receiver";
import { claimDue, drainWebhooks, LEASE_SECONDS, MAX_ATTEMPTS, recordAttempt, RETRY_DELAYS_SECONDS, retryDelaySeconds } from "./drain";

let receiver: Receiver;
let api: ReturnType<typeof client>;
let endpointId: string;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "1";
  receiver.respondWith(200);
  api = client((await createTestWorkspace()).key);
  endpointId = (await api.post("/api/v1/webhooks", { url: receiver.url })).body.id;
});
afterEach(() => {
  delete process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE;
});

const testEvent = async () => (await api.post(`/api/v1/webhooks/${endpointId}/test`)).body.id as string;
const row = (id: string) => db.webhookDelivery.findFirstOrThrow({ where: { id } });
const makeDue = (id: string) => db.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE id = ${id}`;
const secondsUntil = (d: Date | null) => (d!.getTime() - Date.now()) / 1000;
const sentTimes = (id: string) => receiver.received.filter((r) => r.headers["webhook-id"] === id).length;

/** Drains until the delivery satisfies `done` (another test file's worker may drain it first). */
async function settle(id: string, done: (d: Awaited<ReturnType<typeof row>>) => boolean) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await drainWebhooks({ budgetMs: 2_000 });
    const current = await row(id);
    if (done(current)) return current;
    if (Date.now() > deadline) throw new Error(`delivery ${id} did not settle: ${JSON.stringify(current)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("retry schedule", () => {
  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h between attempts (about a day), then fails", () => {
    expect(RETRY_DELAYS_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(RETRY_DELAYS_SECONDS.reduce((a, b) => a + b) / 3600).toBeGreaterThan(24);
    expect([1, 2, 7, 8, 9].map(retryDelaySeconds)).toEqual([5, 300, 36000, null, null]);
  });

  it("after a 500 the delivery stays pending with the status and the next retry, until out of attempts", async () => {
    receiver.respondWith(500);
    const id = await testEvent();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) await makeDue(id);
      const current = await settle(id, (d) => d.attempts >= attempt);
      expect(current).toMatchObject({ attempts: attempt, lastStatus: 500, lastError: "HTTP 500 Internal Server Error", deliveredAt: null });
      if (attempt < MAX_ATTEMPTS) {
        expect(current.status).toBe("pending");
        const wait = RETRY_DELAYS_SECONDS[attempt - 1];
        expect(secondsUntil(current.nextAttemptAt)).toBeGreaterThan(wait - 3);
        expect(secondsUntil(current.nextAttemptAt)).toBeLessThanOrEqual(wait + 1);
      } else {
        expect(current).toMatchObject({ status: "failed", nextAttemptAt: null });
      }
    }
    expect(sentTimes(id)).toBe(MAX_ATTEMPTS);

    // The API's log shows it; a later success (after a replay) records the 2xx.
    const log = (await api.get(`/api/v1/webhooks/${endpointId}/deliveries?status=failed`)).body.data;
    expect(log).toMatchObject([{ id, status: "failed", attempts: 8, last_status: 500, next_attempt_at: null }]);
    receiver.respondWith(200);
    await api.post(`/api/v1/webhooks/${endpointId}/deliveries/${id}/replay`);
    expect(await settle(id, (d) => d.status === "delivered")).toMatchObject({ attempts: 1, lastStatus: 200, lastError: null });
  });
});

describe("at least once, never twice at once", () => {
  /** Claims this delivery as a drainer would, retrying if another drainer happened to take it first. */
  async function claimOnly(): Promise<{ id: string; claim: Awaited<ReturnType<typeof claimDue>>[number] }> {
    for (let i = 0; i < 5; i++) {
      const id = await testEvent();
      await db.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour' WHERE id = ${id}`;
      await makeDue(id);
      const claim = (await claimDue(1000)).find((c) => c.id === id);
      if (claim) return { id, claim };
    }
    throw new Error("could not claim a delivery");
  }

  it("a delivery claimed by a drainer that died is sent again once its lease runs out", async () => {
    const { id, claim } = await claimOnly();
    // The drainer "dies" here: it never sends nor records anything.
    const leased = await row(id);
    expect(leased).toMatchObject({ status: "pending", attempts: 0 });
    expect(secondsUntil(leased.nextAttemptAt)).toBeGreaterThan(LEASE_SECONDS - 5);
    // While leased, no other drainer takes it.
    expect((await claimDue(1000)).some((c) => c.id === id)).toBe(false);
    await drainWebhooks({ budgetMs: 1_000 });
    expect(sentTimes(id)).toBe(0);

    // The lease runs out: the next drain sends it.
    await makeDue(id);
    expect(await settle(id, (d) => d.status === "delivered")).toMatchObject({ attempts: 1, lastStatus: 200 });
    expect(sentTimes(id)).toBe(1);

    // The dead drainer coming back late cannot overwrite the outcome.
    expect(await recordAttempt(claim, { ok: false, status: 503, error: "HTTP 503" })).toBe(false);
    expect(await row(id)).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200 });
  });

  it("concurrent claims never hand out the same delivery twice", async () => {
    const ids = await Promise.all(Array.from({ length: 24 }, testEvent));
    await db.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() + interval '1 hour' WHERE id = ANY(${ids})`;
    await db.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE id = ANY(${ids})`;
    const claims = (await Promise.all([claimDue(7), claimDue(7), claimDue(7), claimDue(7), claimDue(7)])).flat();
    const claimed = claims.map((c) => c.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    await db.$executeRaw`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ANY(${ids})`; // let them go
  });

  it("drainers running side by side send each delivery exactly once", async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, testEvent));
    await Promise.all([drainWebhooks({ limit: 4 }), drainWebhooks({ limit: 4 }), drainWebhooks({ limit: 4 })]);
    for (const id of ids) await settle(id, (d) => d.status === "delivered");
    expect(ids.map(sentTimes)).toEqual(ids.map(() => 1));
  });

  it("a delivery of an endpoint disabled after it was queued is given up without a send", async () => {
    const id = await testEvent();
    await db.webhookEndpoint.updateMany({ where: { id: endpointId }, data: { enabled: false } }); // as a race would leave it
    expect(await settle(id, (d) => d.status !== "pending")).toMatchObject({ status: "failed", attempts: 0, lastError: "The endpoint was disabled" });
    expect(sentTimes(id)).toBe(0);
  });
});
