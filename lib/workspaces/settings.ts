// Reading and changing a workspace's settings (today: the default country for phone numbers).
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/api/errors";
import { DEFAULT_COUNTRY } from "@/lib/contacts/phone";
import type { Workspace } from "@/lib/generated/prisma/client";
import type { WorkspaceView } from "./schemas";
import type { z } from "zod";
import type { workspaceUpdateSchema } from "./schemas";

function serializeWorkspace(row: Workspace): WorkspaceView {
  return { id: row.id, object: "workspace", name: row.name, slug: row.slug, default_country: row.defaultCountry, created_at: row.createdAt.toISOString() };
}

export async function getWorkspace({ workspaceId }: { workspaceId: string }) {
  const row = await db.workspace.findUnique({ where: { id: workspaceId } });
  if (!row) throw notFound("Workspace");
  return serializeWorkspace(row);
}

export async function updateWorkspace({ workspaceId, input }: { workspaceId: string; input: z.output<typeof workspaceUpdateSchema> }) {
  const row = await db.workspace.update({ where: { id: workspaceId }, data: { defaultCountry: input.default_country } });
  return serializeWorkspace(row);
}

/** The country national phone numbers are read in, for this workspace. */
export async function workspaceDefaultCountry(workspaceId: string): Promise<string> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { defaultCountry: true } });
  return row?.defaultCountry ?? DEFAULT_COUNTRY;
}
