// What an import chunk's write may touch. An import writes two chunks at once
// (chunk-writes.ts); two chunks that may reach the same person are still written one
// after the other, in file order, so the last row still wins.
import { db } from "@/lib/db/client";
import { emailKey } from "@/lib/contacts/sql";
import type { ContactRecord } from "@/lib/contacts/sql";
import { emailMatchKey as emailOf, phoneMatchKey as phoneOf } from "@/lib/contacts/upsert-contacts";

/**
 * Everything a chunk's write may touch: its rows' emails and phones, and every contact that holds
 * one of them now, with that contact's own email and phone. Two chunks whose sets are disjoint
 * cannot reach the same contact: a row reaches a contact by email, by phone, or by taking a phone
 * that contact holds, and a contact that one chunk changes is found under its current keys.
 */
export async function keysTouched(workspaceId: string, records: ContactRecord[]): Promise<Set<string>> {
  const keys = new Set<string>();
  const emails: string[] = [];
  const phones: string[] = [];
  for (const r of records) {
    if (typeof r.email === "string") {
      emails.push(r.email);
      keys.add(emailOf(r.email));
    }
    if (typeof r.phone === "string") {
      phones.push(r.phone);
      keys.add(phoneOf(r.phone));
    }
  }
  if (!emails.length && !phones.length) return keys;
  // Shaped like the upsert's own matching: the rows on the outer side of a LEFT JOIN (never the
  // contacts, so a contact cannot be compared with every row), from a function the planner
  // sizes at 100 rows. In a big workspace that is one index probe per row; in a young one, whose
  // size the statistics put near zero, one hash over its contacts. (A LATERAL probe, or
  // `= ANY (array)`, compared every contact of the young benchmark workspace with every row of
  // the chunk: 20 s and more per chunk.) OFFSET 0 keeps the outer joins outer.
  const holders = await db.$queryRawUnsafe<{ id: string; email: string | null; phone: string | null }[]>(
    `SELECT id, email, phone FROM (
       SELECT c.id, c.email, c.phone FROM jsonb_array_elements_text($2::jsonb) AS k(email)
         LEFT JOIN contacts c ON c.workspace_id = $1 AND ${emailKey("c.email")} = ${emailKey("k.email")}
       UNION
       SELECT c.id, c.email, c.phone FROM jsonb_array_elements_text($3::jsonb) AS k(phone)
         LEFT JOIN contacts c ON c.workspace_id = $1 AND c.phone = k.phone
       OFFSET 0) found
     WHERE id IS NOT NULL`,
    workspaceId,
    JSON.stringify(emails),
    JSON.stringify(phones),
  );
  for (const c of holders) {
    keys.add(`c:${c.id}`);
    if (c.email) keys.add(emailOf(c.email));
    if (c.phone) keys.add(phoneOf(c.phone));
  }
  return keys;
}
