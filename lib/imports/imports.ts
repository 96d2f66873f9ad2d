// Reading, listing and canceling imports, and the rejected-rows report.
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/api/errors";
import { serializeImport } from "./view";
import { csvCell } from "@/lib/csv";

const looksLikeImportId = (id: string) => /^imp_[0-9A-Za-z]{1,64}$/.test(id);

export async function getImport({ workspaceId, id }: { workspaceId: string; id: string }) {
  const row = looksLikeImportId(id) ? await db.import.findUnique({ where: { workspaceId_id: { workspaceId, id } } }) : null;
  if (!row) throw notFound("Import");
  return serializeImport(row);
}

export async function listImports({ workspaceId }: { workspaceId: string }) {
  const rows = await db.import.findMany({ where: { workspaceId, fileName: { not: "" } }, orderBy: { createdAt: "desc" }, take: 50 });
  return { object: "list" as const, data: rows.map(serializeImport) };
}

export async function cancelImport({ workspaceId, id }: { workspaceId: string; id: string }) {
  const current = await getImport({ workspaceId, id });
  if (!["queued", "running"].includes(current.status)) throw new ApiError("conflict", `The import is already ${current.status}`);
  // A running chunk sees the status change at its checkpoint and rolls back.
  await db.$executeRaw`UPDATE imports SET status = 'canceled', finished_at = now(), updated_at = now(), lease_owner = NULL, lease_until = NULL
                       WHERE workspace_id = ${workspaceId} AND id = ${id} AND status IN ('queued', 'running')`;
  await db.$executeRaw`DELETE FROM import_files WHERE workspace_id = ${workspaceId} AND import_id = ${id}`;
  return getImport({ workspaceId, id });
}

/** The rejected rows as CSV (line, row, reason), streamed page by page. */
export async function importErrorsCsv({ workspaceId, id }: { workspaceId: string; id: string }) {
  await getImport({ workspaceId, id });
  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode("line,row,reason\r\n"));
      }
      const rows = await db.$queryRaw<{ line: number; row: string; reason: string }[]>`
        SELECT line, row, reason FROM import_errors WHERE workspace_id = ${workspaceId} AND import_id = ${id} AND line > ${after}
         ORDER BY line LIMIT 1000`;
      if (!rows.length) return controller.close();
      after = rows[rows.length - 1].line;
      controller.enqueue(encoder.encode(rows.map((r) => [r.line, r.row, r.reason].map(csvCell).join(",") + "\r\n").join("")));
    },
  });
}
