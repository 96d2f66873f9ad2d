// Behind a transaction-mode PgBouncer, migrations must not go through the pooler (their advisory
// lock is session-level): DATABASE_DIRECT_URL names the database itself, DATABASE_URL stays the
// pooler for everything else.
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ensureDatabase, listMigrations } from "./migrate";
import { prepareDatabase } from "./resolve";

const testUrl = process.env.DATABASE_URL!;
/** Nothing listens on port 1: any use of this URL fails at once. */
const UNREACHABLE = "postgresql://nobody:secret@127.0.0.1:1/rolo";
const direct = new URL(testUrl);
direct.pathname = "/rolo_direct_url_test";

const saved = { url: process.env.DATABASE_URL, direct: process.env.DATABASE_DIRECT_URL };
afterEach(() => {
  process.env.DATABASE_URL = saved.url;
  if (saved.direct === undefined) delete process.env.DATABASE_DIRECT_URL;
  else process.env.DATABASE_DIRECT_URL = saved.direct;
});
afterAll(async () => {
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS rolo_direct_url_test WITH (FORCE)`);
  await admin.end();
});

describe("prepareDatabase with DATABASE_DIRECT_URL", () => {
  it("migrates the direct database and leaves DATABASE_URL (the pooler) to the application", async () => {
    await ensureDatabase(direct.toString());
    process.env.DATABASE_URL = UNREACHABLE;
    process.env.DATABASE_DIRECT_URL = direct.toString();
    const database = await prepareDatabase(() => {});
    expect(database.url).toBe(UNREACHABLE);
    expect(process.env.DATABASE_URL).toBe(UNREACHABLE);
    const client = new pg.Client({ connectionString: direct.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
      expect(rows[0].n).toBe(listMigrations().length);
    } finally {
      await client.end();
    }
  });

  it("migrates DATABASE_URL itself when no direct URL is set", async () => {
    process.env.DATABASE_URL = UNREACHABLE;
    delete process.env.DATABASE_DIRECT_URL;
    await expect(prepareDatabase(() => {})).rejects.toThrow(/ECONNREFUSED/);
  });
});
