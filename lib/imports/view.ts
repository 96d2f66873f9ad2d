import type { Import } from "@/lib/generated/prisma/client";
import type { ImportView } from "./schemas";
import { sourceById } from "./sources";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The only way an import row leaves the server. */
export function serializeImport(row: Import): ImportView {
  return {
    id: row.id,
    object: "import",
    status: row.status,
    file_name: row.fileName,
    file_size: Number(row.fileSize),
    on_conflict: row.onConflict,
    mapping: row.mapping as Record<string, string>,
    total_rows: row.totalRows,
    processed_rows: row.processedRows,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    failed_rows: row.failedRows,
    kept_unsubscribed: row.keptUnsubscribed,
    detected_source: sourceById(row.detectedSource)?.id ?? null,
    default_country: row.defaultCountry,
    resubscribe: row.resubscribe,
    allow_erased: row.allowErased,
    error: row.error,
    errors_url: `/api/v1/contacts/import/${row.id}/errors`,
    created_at: row.createdAt.toISOString(),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
  };
}
