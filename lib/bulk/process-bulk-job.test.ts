// What a killed worker leaves behind: a running job with an expired lease and a checkpoint
// halfway. Another worker takes the lease over and finishes from the checkpoint.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { stalledJobs } from "@/lib/jobs/lease";
import { processBulkJob } from "./process-bulk-job";

describe("a bulk job whose worker died", () => {
  it("is found by the stall sweep and finishes from its checkpoint, processing each contact once", async () => {
    const ws = await createTestWorkspace();
    const api = client(ws.key);
    const created = await api.post("/api/v1/contacts/batch", { contacts: Array.from({ length: 40 }, (_, i) => ({ email: `r${i}@resume.test` })) });
    const ids: string[] = created.body.results.map((r: { id: string }) => r.id).sort();
    const ref = { workspaceId: ws.workspace.id, id: `job_resume${Date.now()}` };
    await db.bulkJob.create({
      data: {
        workspaceId: ref.workspaceId,
        id: ref.id,
        action: "tag",
        params: { add: ["resumed"], remove: [], reason: null },
        status: "running",
        matched: 40,
        processed: 25,
        lastContactId: ids[24],
        leaseOwner: "a-dead-worker",
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    await db.bulkJobItem.createMany({ data: ids.map((contactId) => ({ workspaceId: ref.workspaceId, jobId: ref.id, contactId })) });

    expect((await stalledJobs("bulk_jobs")).map((j) => j.id)).toContain(ref.id);
    // Test files run in parallel on one database: another file's worker sweep may take the stalled
    // job first ("busy"). Either way it must finish from the checkpoint, each contact once.
    expect(["done", "busy"]).toContain(await processBulkJob(ref));
    await expect
      .poll(async () => (await api.get(`/api/v1/contacts/bulk/${ref.id}`)).body.status, { timeout: 20_000 })
      .toBe("completed");
    const job = (await api.get(`/api/v1/contacts/bulk/${ref.id}`)).body;
    expect(job).toMatchObject({ status: "completed", matched: 40, processed: 40 });
    // Only the part after the checkpoint was applied by the new worker.
    expect((await api.get("/api/v1/contacts?tag=resumed&limit=100")).body.total).toBe(15);
  });

  it("is left alone while another worker's lease is alive", async () => {
    const ws = await createTestWorkspace();
    const ref = { workspaceId: ws.workspace.id, id: `job_busy${Date.now()}` };
    await db.bulkJob.create({
      data: { workspaceId: ref.workspaceId, id: ref.id, action: "delete", status: "running", leaseOwner: "alive", leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await processBulkJob(ref)).toBe("busy");
    expect((await stalledJobs("bulk_jobs")).map((j) => j.id)).not.toContain(ref.id);
  });
});
