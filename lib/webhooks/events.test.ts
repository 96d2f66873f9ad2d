// Summary events on the real database: one delivery per enabled endpoint that takes the type, in the
// caller's transaction (rolled back with it).
import { beforeEach, describe, expect, it } from "vitest";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { db } from "@/lib/db/client";
import { createWebhook } from "./endpoints";
import { queueWebhookEvent } from "./events";
import type { WebhookCreateInput } from "./schemas";

let workspaceId: string;
const endpoint = (workspace: string, input: Partial<WebhookCreateInput> = {}) =>
  createWebhook({ workspaceId: workspace, input: { url: "http://127.0.0.1:9/hooks", events: [], enabled: true, ...input } });

beforeEach(async () => {
  process.env.ROLO_WEBHOOKS_ALLOW_PRIVATE = "1";
  workspaceId = (await createTestWorkspace()).workspace.id;
});

const job = { id: "imp_summary", object: "import", status: "completed", created: 3, updated: 1, failed_rows: 0 };

describe("queueWebhookEvent", () => {
  it("queues one message per enabled endpoint that takes the type, with the Standard Webhooks body", async () => {
    const all = await endpoint(workspaceId);
    const imports = await endpoint(workspaceId, { events: ["import.completed"] });
    await endpoint(workspaceId, { events: ["bulk.completed", "contact.created"] });
    await endpoint(workspaceId, { enabled: false });
    const elsewhere = await endpoint((await createTestWorkspace()).workspace.id);

    const queued = await db.$transaction((tx) => queueWebhookEvent(tx, workspaceId, "import.completed", job));
    expect(queued).toBe(2);
    const rows = await db.webhookDelivery.findMany({ where: { workspaceId }, orderBy: { endpointId: "asc" } });
    expect(rows.map((r) => r.endpointId).sort()).toEqual([all.id, imports.id].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ eventType: "import.completed", status: "pending", attempts: 0, contactId: null });
      expect(r.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(r.payload).toEqual({ type: "import.completed", timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), data: job });
      expect(r.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(await db.webhookDelivery.count({ where: { endpointId: elsewhere.id } })).toBe(0);
  });

  it("queues nothing when no endpoint takes the type", async () => {
    await endpoint(workspaceId, { events: ["contact.created"] });
    expect(await db.$transaction((tx) => queueWebhookEvent(tx, workspaceId, "bulk.completed", { id: "job_1" }))).toBe(0);
  });

  it("rolls back with the caller's transaction", async () => {
    await endpoint(workspaceId);
    await expect(
      db.$transaction(async (tx) => {
        await queueWebhookEvent(tx, workspaceId, "bulk.completed", { id: "job_1", object: "bulk_job" });
        throw new Error("the job's completion failed");
      }),
    ).rejects.toThrow("the job's completion failed");
    expect(await db.webhookDelivery.count({ where: { workspaceId } })).toBe(0);
  });
});
