// What a killed worker leaves behind: a running job with an expired lease and a checkpoint
// halfway. Another worker takes the lease over and finishes from the checkpoint.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { client } from "@/lib/testing/api";
import { createTestWorkspace } from "@/lib/testing/fixtures";
import { stalledJobs } from "@/lib/jobs/lease";
import { processBulkJob } from "./process-bulk-job";

// Chunks of 3 contacts, so that a few contacts make several chunks (read when the module loads).
vi.hoisted(() => {
  process.env.BULK_CHUNK_ROWS = "3";
});

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

  it("writes two chunks at once: a later one commits while an earlier one waits, and a restart applies only the chunks not done", async () => {
    const ws = await createTestWorkspace();
    const api = client(ws.key);
    const created = await api.post("/api/v1/contacts/batch", { contacts: Array.from({ length: 6 }, (_, i) => ({ email: `c${i}@chunks.test` })) });
    const ids: string[] = created.body.results.map((r: { id: string }) => r.id).sort();
    // Queued and not in the queue: no other test file's worker takes it.
    const ref = { workspaceId: ws.workspace.id, id: `job_chunks${Date.now()}` };
    await db.bulkJob.create({ data: { ...ref, action: "tag", params: { add: ["chunked"], remove: [], reason: null }, matched: 6 } });
    await db.bulkJobItem.createMany({ data: ids.map((contactId) => ({ workspaceId: ref.workspaceId, jobId: ref.id, contactId })) });
    const doneChunks = async () => (await db.$queryRaw<{ d: string }[]>`SELECT done_chunks::text AS d FROM bulk_jobs WHERE id = ${ref.id}`)[0].d;

    // Chunk 0 is ids[0..2], chunk 1 ids[3..5]. A transaction holds ids[0], so chunk 0 waits.
    let release!: () => void;
    let held!: (pid: number) => void;
    const released = new Promise<void>((r) => (release = r));
    const isHeld = new Promise<number>((r) => (held = r));
    const holder = db.$transaction(
      async (tx) => {
        const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`
          SELECT pg_backend_pid() AS pid FROM contacts WHERE workspace_id = ${ref.workspaceId} AND id = ${ids[0]} FOR UPDATE`;
        held(pid);
        await released;
      },
      { timeout: 60_000 },
    );
    const holderPid = await isHeld;
    const run = processBulkJob(ref);
    await expect.poll(doneChunks, { timeout: 20_000 }).toBe("{[1,2)}");
    expect((await api.get(`/api/v1/contacts/bulk/${ref.id}`)).body).toMatchObject({ status: "running", processed: 3 });
    const chunk1 = () => db.contact.findMany({ where: { workspaceId: ref.workspaceId, id: { in: ids.slice(3) } }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const chunk1Before = await chunk1();

    // Chunk 0's connection dies (as with a killed worker): the run fails, chunk 1 stays done.
    await db.$queryRaw`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${holderPid}::int = ANY (pg_blocking_pids(pid))`;
    await expect(run).rejects.toThrow();
    release();
    await holder;
    expect(await doneChunks()).toBe("{[1,2)}");

    // Started again: only chunk 0 is applied, and each contact is counted once.
    expect(await processBulkJob(ref)).toBe("done");
    expect((await api.get(`/api/v1/contacts/bulk/${ref.id}`)).body).toMatchObject({ status: "completed", matched: 6, processed: 6 });
    expect(await doneChunks()).toBe("{[0,2)}");
    expect((await api.get("/api/v1/contacts?tag=chunked&limit=10")).body.total).toBe(6);
    expect(await chunk1()).toEqual(chunk1Before);
  }, 60_000);
});
