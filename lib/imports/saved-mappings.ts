// Mappings a workspace confirmed, per header row: the next file with the same layout gets the
// same mapping proposed (and used, when its import names none).
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { emptyMapping, mappingTargetSchema, normalizeHeader, resolveMapping, targetOf, type Mapping } from "./mapping";
import { describeSource, proposeMapping } from "./sources";
import type { ImportMappingView } from "./schemas";

/** Case, spacing and a byte order mark do not make a different layout. */
export const headerHash = (headers: string[]) => createHash("sha256").update(JSON.stringify(headers.map(normalizeHeader))).digest("hex");

export async function findSavedMapping(workspaceId: string, headers: string[]): Promise<Mapping | null> {
  const row = await db.importMapping.findUnique({ where: { workspaceId_headerHash: { workspaceId, headerHash: headerHash(headers) } } });
  if (!row || !Array.isArray(row.targets)) return null;
  const targets = row.targets as unknown[];
  const mapping = emptyMapping();
  headers.forEach((header, i) => {
    const target = mappingTargetSchema.safeParse(targets[i]);
    if (target.success) mapping[header] = target.data;
  });
  return mapping;
}

export async function saveMapping(workspaceId: string, headers: string[], mapping: Mapping) {
  const targets = headers.map((h) => targetOf(mapping, h) ?? "ignore");
  const key = { workspaceId, headerHash: headerHash(headers) };
  await db.importMapping.upsert({
    where: { workspaceId_headerHash: key },
    create: { ...key, headers, targets },
    update: { headers, targets, updatedAt: new Date() },
  });
}

/** POST /contacts/import/mapping: what the recogniser sees in a header row, and the mapping it would use. */
export async function proposeImportMapping({ workspaceId, headers }: { workspaceId: string; headers: string[] }): Promise<ImportMappingView> {
  const trimmed = headers.map((h) => h.trim());
  const { source, mapping } = proposeMapping(trimmed);
  const saved = await findSavedMapping(workspaceId, trimmed);
  return {
    object: "import_mapping",
    detected_source: source?.id ?? null,
    description: source ? describeSource(source) : null,
    mapping: { ...(saved ? resolveMapping(trimmed, saved, mapping) : mapping) },
    saved: saved !== null,
  };
}
