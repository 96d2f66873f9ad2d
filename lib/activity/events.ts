// Reading the event stream: a contact's timeline (newest first, keyset by the event sequence) and
// the events behind its consent record. Events are written only by the triggers on contacts.
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/api/errors";
import { looksLikeContactId } from "@/lib/contacts/get-contact";
import type { EventView } from "./schemas";

export interface EventRow {
  seq: bigint;
  contact_id: string;
  type: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  request_id: string | null;
  context: { source?: string; ip?: string; user_agent?: string; evidence?: Record<string, string> } | null;
  created_at: Date;
}

/** `changes` as the API shows it (rolo_changes_view: {"field": {from, to}}, metadata key by key). */
export const EVENT_COLUMNS = `seq, contact_id, type, rolo_changes_view(changes) AS changes, actor_type, actor_id, actor_name, request_id, context, created_at`;

export const actorOf = (row: EventRow) => ({ type: row.actor_type as EventView["actor"]["type"], id: row.actor_id, name: row.actor_name });

export const provenanceOf = (row: EventRow) => ({
  source: row.context?.source ?? "system",
  ip: row.context?.ip ?? null,
  user_agent: row.context?.user_agent ?? null,
  evidence: row.context?.evidence ?? null,
});

export function serializeEvent(row: EventRow): EventView {
  return {
    object: "event",
    id: `evt_${row.seq}`,
    type: row.type as EventView["type"],
    contact_id: row.contact_id,
    changes: row.changes,
    actor: actorOf(row),
    request_id: row.request_id,
    context: row.context ? provenanceOf(row) : null,
    created_at: row.created_at.toISOString(),
  };
}

const encodeCursor = (seq: bigint) => Buffer.from(`evt:${seq}`).toString("base64url");
function decodeCursor(cursor: string): bigint {
  const match = /^evt:(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match || BigInt(match[1]) > 9223372036854775807n) throw new ApiError("invalid_request", "The cursor is malformed", [{ path: "cursor", message: "Not a cursor this endpoint issued" }]);
  return BigInt(match[1]);
}

/** A contact's events, newest first. A deleted contact keeps its timeline (who deleted it, and when). */
export async function listActivity({ workspaceId, id, limit, cursor }: { workspaceId: string; id: string; limit: number; cursor?: string }) {
  if (!looksLikeContactId(id)) throw notFound();
  const before = cursor ? decodeCursor(cursor) : 9223372036854775807n;
  const rows = await db.$queryRawUnsafe<EventRow[]>(
    `SELECT ${EVENT_COLUMNS} FROM contact_events WHERE workspace_id = $1 AND contact_id = $2 AND seq < $3
      ORDER BY seq DESC LIMIT $4`,
    workspaceId,
    id,
    before,
    limit + 1,
  );
  if (rows.length === 0 && !cursor) {
    // No events: the contact predates the stream, or does not exist (here).
    const exists = await db.$queryRaw<unknown[]>`SELECT 1 FROM contacts WHERE workspace_id = ${workspaceId} AND id = ${id}`;
    if (exists.length === 0) throw notFound();
  }
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return {
    object: "list" as const,
    data: page.map(serializeEvent),
    has_more: hasMore,
    next_cursor: hasMore ? encodeCursor(page[page.length - 1].seq) : null,
  };
}
