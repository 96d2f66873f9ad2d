// An import writes two chunks at once: the next chunk's statement runs while the previous one is
// still writing, so that PostgreSQL uses both cores (issue 13). Two chunks that may touch the same
// person are still written one after the other, in file order, so the last row still wins.
import { db } from "@/lib/db/client";
import { emailKey } from "@/lib/contacts/sql";
import type { ContactRecord } from "@/lib/contacts/sql";

/** Chunks written at once (1: one after the other, as before). Each holds a database connection. */
export const CHUNKS_IN_FLIGHT = Math.max(1, Number(process.env.IMPORT_CHUNKS_IN_FLIGHT ?? 2));

const emailOf = (email: string) => `e:${email.toLowerCase()}`;
const phoneOf = (phone: string) => `p:${phone}`;

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
  if (!records.length) return keys;
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

function overlap(a: Set<string>, b: Set<string>) {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const key of small) if (large.has(key)) return true;
  return false;
}

interface Write {
  keys: Set<string>;
  done: Promise<void>;
}

/**
 * Starts writes as soon as they may run: at most CHUNKS_IN_FLIGHT at once, and never beside a
 * write whose keys overlap. A failed write is reported by the next `start` or by `drain`, once
 * every other write has settled, so that no write outlives the import's attempt.
 */
export class ChunkWrites {
  private readonly flying = new Set<Write>();

  async start(keys: Set<string>, write: () => Promise<void>) {
    for (const w of [...this.flying]) {
      if (this.flying.size >= CHUNKS_IN_FLIGHT || overlap(w.keys, keys)) await this.settle(w);
    }
    const w: Write = { keys, done: write() };
    this.flying.add(w);
    w.done.then(
      () => this.flying.delete(w),
      () => {}, // kept in the set: settle() or drain() rethrows it
    );
  }

  async drain() {
    for (const w of [...this.flying]) await this.settle(w);
  }

  private async settle(w: Write) {
    try {
      await w.done;
      this.flying.delete(w);
    } catch (error) {
      await Promise.allSettled([...this.flying].map((x) => x.done));
      this.flying.clear();
      throw error;
    }
  }
}
