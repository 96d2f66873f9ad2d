import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { emailKey } from "./sql";
import { ApiError, toApiError } from "@/lib/api/errors";

/** The id of the contact that already holds this email or phone, if any. */
export async function findExistingId(workspaceId: string, contact: { email?: string | null; phone?: string | null }) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM contacts WHERE workspace_id = ${workspaceId}
      AND (${Prisma.raw(emailKey("email"))} = lower(${contact.email ?? null}) COLLATE "C" OR phone = ${contact.phone ?? null}) LIMIT 1`;
  return rows[0]?.id ?? null;
}

/** Maps an error; a conflict gains `existing_id` so the client can go to the contact that clashes. */
export async function conflictWith(error: unknown, workspaceId: string, contact: { email?: string | null; phone?: string | null }) {
  const apiError = toApiError(error);
  if (apiError.code !== "conflict") return apiError;
  const existingId = await findExistingId(workspaceId, contact);
  return new ApiError("conflict", "A contact with this email or phone already exists", undefined, existingId ? { existing_id: existingId } : undefined);
}
