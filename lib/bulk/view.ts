import type { BulkJob } from "@/lib/generated/prisma/client";
import type { BulkJobView } from "./schemas";

export function serializeBulkJob(job: BulkJob): BulkJobView {
  return {
    id: job.id,
    object: "bulk_job",
    action: job.action,
    status: job.status,
    matched: job.matched,
    processed: job.processed,
    progress: job.matched ? job.processed / job.matched : 1,
    error: job.error,
    created_at: job.createdAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}
