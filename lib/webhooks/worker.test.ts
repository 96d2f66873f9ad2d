// The job worker (scripts/worker.ts, a real child process) drains the outbox: its sweep sends
// messages no write kicked, and a kick (test event, replay, API write) has them sent without waiting for it.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { startWorker, stopWorker } from "@/lib/testing/worker";
import { db } from "@/lib/db/client";
import { startReceiver, type Receiver } from "./test-receiver";
import { queueWebhookEvent } from "./events";

let receiver: Receiver;
let worker: ChildProcess | undefined;
let api: ReturnType<typeof client>;
let endpoint: { id: string; secret: string };
let workspaceId: string;

beforeAll(async () => {
  process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "1";
  receiver = await startReceiver();
  const ws = await createTestWorkspace();
  workspaceId = ws.workspace.id;
  api = client(ws.key);
  endpoint = (await api.post("/api/v1/webhooks", { url: receiver.url })).body;
});
afterAll(async () => {
  if (worker) await stopWorker(worker);
  await receiver.close();
});

describe("the worker drains the webhook outbox", () => {
  it("its sweep sends a message that no write kicked", async () => {
    await db.$transaction((tx) => queueWebhookEvent(tx, workspaceId, "bulk.completed", { id: "job_swept", object: "bulk_job" }));
    // A long sweep interval: only the sweep the worker runs when it starts can send it.
    worker = await startWorker({ JOB_SWEEP_SECONDS: "600" });
    const got = await receiver.waitFor((r) => JSON.parse(r.body).type === "bulk.completed", 20_000);
    expect(new Webhook(endpoint.secret).verify(got.body, got.headers)).toMatchObject({ data: { id: "job_swept" } });
  });

  it("a kick has a test event sent at once, long before the next sweep", async () => {
    const { id } = (await api.post(`/api/v1/webhooks/${endpoint.id}/test`)).body;
    const got = await receiver.waitFor((r) => r.headers["webhook-id"] === id, 10_000);
    expect(JSON.parse(got.body).type).toBe("webhook.test");
    await expect.poll(async () => (await db.webhookDelivery.findFirstOrThrow({ where: { id } })).status, { timeout: 5_000 }).toBe("delivered");
  });

  it("an API write in a workspace with an endpoint kicks too (kickIfSubscribed)", async () => {
    const contact = (await api.post("/api/v1/contacts", { email: "kicked@hooks.test" })).body;
    await api.patch(`/api/v1/contacts/${contact.id}`, { first_name: "Kicked" });
    const got = await receiver.waitFor((r) => JSON.parse(r.body).type === "contact.updated", 10_000);
    expect(JSON.parse(got.body).data).toMatchObject({ contact: { id: contact.id }, changes: { first_name: { from: null, to: "Kicked" } } });
  });
});
