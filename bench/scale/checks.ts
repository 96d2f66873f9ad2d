// The exact end state of the scale-out run, read on the direct connection: every count is
// compared with what the inputs imply, never with another count from the same code path alone.
import pg from "pg";
import { EMAIL_DOMAIN, expectedPersonSql, type ImportPlan } from "./imports";

export interface Check {
  what: string;
  expected: number | string;
  actual: number | string;
  ok: boolean;
}

interface CheckInput {
  url: string;
  workspaceId: string;
  plan: ImportPlan;
  importIds: string[];
  bulkId: string;
  bulkTag: string;
  /** Ids of every contact the API load created (201). */
  apiCreatedIds: string[];
}

export async function finalChecks(i: CheckInput): Promise<Check[]> {
  const client = new pg.Client({ connectionString: i.url });
  await client.connect();
  const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await client.query(sql, params)).rows[0])[0]);
  const checks: Check[] = [];
  const check = (what: string, expected: number | string, actual: number | string) => checks.push({ what, expected, actual, ok: expected === actual });
  try {
    const ws = i.workspaceId;
    const imports = (
      await client.query(
        `SELECT id, status::text, total_rows, processed_rows, created, updated, skipped, failed_rows, attempts FROM imports WHERE workspace_id = $1 AND id = ANY($2) ORDER BY array_position($2, id)`,
        [ws, i.importIds],
      )
    ).rows;
    for (const [n, im] of imports.entries()) {
      const name = `import ${"AB"[n]}`;
      check(`${name}: status`, "completed", im.status);
      check(`${name}: created + updated + skipped + failed = rows`, i.plan.rows, im.created + im.updated + im.skipped + im.failed_rows);
      check(`${name}: processed rows`, i.plan.rows, im.processed_rows);
      check(`${name}: failed rows (the files hold no bad row)`, 0, im.failed_rows);
      if (n === 0) check("import A: resumed after its worker was SIGKILLed (attempts > 1)", "yes", im.attempts > 1 ? "yes" : `no (${im.attempts})`);
    }
    const sum = (k: string) => imports.reduce((s, im) => s + Number(im[k]), 0);
    check("imports: created in total = distinct people", i.plan.distinct, sum("created"));
    check("imports: updated in total = people in both files", i.plan.shared, sum("updated"));

    const bulk = (await client.query(`SELECT status::text, matched, processed FROM bulk_jobs WHERE workspace_id = $1 AND id = $2`, [ws, i.bulkId])).rows[0];
    check("bulk tag: status", "completed", bulk.status);
    check("bulk tag: processed = matched", bulk.matched, bulk.processed);
    check("bulk tag: contacts carrying the tag = matched", bulk.matched, await one(`SELECT count(*)::int FROM contacts WHERE workspace_id = $1 AND tags @> ARRAY[$2]::text[]`, [ws, i.bulkTag]));

    const people = `SELECT substring(email FROM '^person\\.(\\d+)@')::int AS n FROM contacts WHERE workspace_id = $1 AND email LIKE '%@${EMAIL_DOMAIN}'`;
    check("imported people present (every expected one, nothing else)", i.plan.distinct, await one(`SELECT count(*)::int FROM (${people}) p WHERE ${expectedPersonSql(i.plan.rows)}`, [ws]));
    check("imported people: rows in the table", i.plan.distinct, await one(`SELECT count(*)::int FROM (${people}) p`, [ws]));
    check("API creates (201) found by id", i.apiCreatedIds.length, await one(`SELECT count(*)::int FROM contacts WHERE workspace_id = $1 AND id = ANY($2)`, [ws, i.apiCreatedIds]));
    check("API-created rows in the table", i.apiCreatedIds.length, await one(`SELECT count(*)::int FROM contacts WHERE workspace_id = $1 AND email LIKE '%@load.test'`, [ws]));
    const expectedTotal = i.plan.distinct + i.apiCreatedIds.length;
    check("contacts total = distinct people + API creates", expectedTotal, await one(`SELECT count(*)::int FROM contacts WHERE workspace_id = $1`, [ws]));
    check("trigger-kept total (contact_counts) = contacts total", expectedTotal, await one(`SELECT coalesce(sum(n), 0)::int FROM contact_counts WHERE workspace_id = $1`, [ws]));
    check(
      "duplicate emails",
      0,
      await one(`SELECT count(*)::int FROM (SELECT lower(email) FROM contacts WHERE workspace_id = $1 AND email IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d`, [ws]),
    );
    // Session state that a pooled connection would have kept: none may be left behind.
    check("advisory locks left held", 0, await one(`SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory'`));
    check("connections left idle in transaction", 0, await one(`SELECT count(*)::int FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'`));
  } finally {
    await client.end();
  }
  return checks;
}
