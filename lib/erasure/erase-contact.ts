// Erasure (the right to be forgotten): the contact goes with its activity, its consent records and
// what the server kept of it elsewhere; only keyed hashes of its email and phone stay, so that the
// address is refused when it comes back (lib/erasure/tombstones.ts). One transaction: all or nothing.
import { writeAs } from "@/lib/activity/context";
import { notFound } from "@/lib/api/errors";
import { looksLikeContactId } from "@/lib/contacts/get-contact";
import { ensureErasureKey, identityHashes } from "./tombstones";
import type { ErasureView } from "./schemas";

export async function eraseContact({ workspaceId, id }: { workspaceId: string; id: string }): Promise<ErasureView> {
  if (!looksLikeContactId(id)) throw notFound();
  // `erase` in the writer's context: the deletion's own webhook carries the contact's id only.
  return writeAs(
    async (tx) => {
      const [contact] = await tx.$queryRaw<{ email: string | null; phone: string | null }[]>`
        SELECT email::text AS email, phone FROM contacts WHERE workspace_id = ${workspaceId} AND id = ${id} FOR UPDATE`;
      if (!contact) throw notFound();
      const tombstones = identityHashes(await ensureErasureKey(tx, workspaceId), contact);
      await tx.$executeRaw`
        INSERT INTO erased_identities (workspace_id, hash, kind)
        SELECT ${workspaceId}, t.hash, t.kind FROM jsonb_to_recordset(${JSON.stringify(tombstones)}::jsonb) AS t(hash text, kind text)
        ON CONFLICT DO NOTHING`;
      await tx.$executeRaw`DELETE FROM contacts WHERE workspace_id = ${workspaceId} AND id = ${id}`;
      // Its timeline and consent records, the contact.deleted event just recorded included.
      await tx.$executeRaw`DELETE FROM contact_events WHERE workspace_id = ${workspaceId} AND contact_id = ${id}`;
      // Messages about it, sent or not, keep its id only (the deletion's own already does).
      await tx.$executeRaw`
        UPDATE webhook_deliveries
           SET payload = jsonb_build_object('type', payload -> 'type', 'timestamp', payload -> 'timestamp',
                 'data', jsonb_build_object('contact', jsonb_build_object('id', contact_id, 'object', 'contact', 'erased', true)))
         WHERE workspace_id = ${workspaceId} AND contact_id = ${id} AND payload #> '{data,contact,erased}' IS NULL`;
      // Stored responses that an Idempotency-Key replay would show again, and import report lines
      // that quote its email.
      await tx.$executeRaw`DELETE FROM idempotency_records WHERE workspace_id = ${workspaceId} AND strpos(response_body, ${id}) > 0`;
      if (contact.email) {
        await tx.$executeRaw`DELETE FROM import_errors WHERE workspace_id = ${workspaceId} AND strpos(lower(row), ${contact.email.toLowerCase()}) > 0`;
      }
      return {
        object: "erasure" as const,
        contact_id: id,
        erased: true as const,
        tombstones: tombstones.map((t) => t.kind),
        erased_at: new Date().toISOString(),
      };
    },
    { erase: true },
  );
}
