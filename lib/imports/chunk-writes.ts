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
  // One index probe per email and per phone (LATERAL behind OFFSET 0 keeps it a nested loop). An
  // `= ANY (array)` filter instead compared every contact of a young workspace, whose size the
  // planner's statistics put near zero, with every row of the chunk: 20 s per chunk at 130,000.
  const holders = await db.$queryRawUnsafe<{ id: string; email: string | null; phone: string | null }[]>(
    `SELECT c.id, c.email, c.phone FROM unnest($2::text[]) AS k(email) CROSS JOIN LATERAL (
       SELECT id, email, phone FROM contacts WHERE workspace_id = $1 AND ${emailKey("email")} = ${emailKey("k.email")} OFFSET 0) c
     UNION
     SELECT c.id, c.email, c.phone FROM unnest($3::text[]) AS k(phone) CROSS JOIN LATERAL (
       SELECT id, email, phone FROM contacts WHERE workspace_id = $1 AND phone = k.phone OFFSET 0) c`,
    workspaceId,
    emails,
    phones,
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
