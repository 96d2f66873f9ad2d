// Proves the committed migrations build exactly the tables, columns, enums and Prisma-declared
// indexes of prisma/schema.prisma (Prisma's own `migrate diff` needs a native engine we cannot
// download here). Indexes that Prisma cannot express (trigram, expression) live only in SQL.
import { readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";

const PRISMA_TO_PG: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp with time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

interface Model {
  table: string;
  columns: Map<string, { type: string; nullable: boolean }>;
  indexes: { columns: string[]; unique: boolean }[];
}

function parseSchema(source: string) {
  const enums = new Map<string, string[]>();
  for (const m of source.matchAll(/enum (\w+) \{([^}]*)\}/g)) {
    enums.set(m[1], m[2].split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//")));
  }
  const models = new Map<string, Model>();
  for (const m of source.matchAll(/model (\w+) \{([\s\S]*?)\n\}/g)) {
    const lines = m[2].split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
    const fieldToColumn = new Map<string, string>();
    const model: Model = { table: /@@map\("(\w+)"\)/.exec(m[2])?.[1] ?? m[1], columns: new Map(), indexes: [] };
    for (const line of lines.filter((l) => !l.startsWith("@@"))) {
      const [name, rawType] = line.split(/\s+/);
      const base = rawType.replace(/[?[\]]/g, "");
      // Unsupported("int4multirange"): a PostgreSQL type Prisma cannot express, named as PostgreSQL does.
      const unsupported = /^Unsupported\("(\w+)"\)/.exec(rawType)?.[1];
      if (!PRISMA_TO_PG[base] && !enums.has(base) && !unsupported) continue; // relation field
      const column = /@map\("(\w+)"\)/.exec(line)?.[1] ?? name;
      fieldToColumn.set(name, column);
      let type = unsupported ?? (enums.has(base) ? base : PRISMA_TO_PG[base]);
      if (line.includes("@db.Citext")) type = "citext";
      if (line.includes("@db.SmallInt")) type = "smallint";
      if (rawType.endsWith("[]")) type = `${type}[]`;
      model.columns.set(column, { type, nullable: rawType.endsWith("?") });
      if (/@id\b/.test(line)) model.indexes.push({ columns: [column], unique: true });
      if (/@unique\b/.test(line)) model.indexes.push({ columns: [column], unique: true });
    }
    for (const line of lines.filter((l) => l.startsWith("@@"))) {
      const kind = /^@@(id|unique|index)\(\[([^\]]*)\]/.exec(line);
      if (!kind) continue;
      const columns = kind[2].split(",").map((f) => fieldToColumn.get(f.trim())!);
      model.indexes.push({ columns, unique: kind[1] !== "index" });
    }
    models.set(m[1], model);
  }
  return { enums, models };
}

describe("migrations match prisma/schema.prisma", async () => {
  const { enums, models } = parseSchema(readFileSync("prisma/schema.prisma", "utf8"));
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const q = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;

  it("has every table of the schema and no other", async () => {
    const tables = (await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`)).map((r) => r.table_name);
    expect(tables.sort()).toEqual([...models.values()].map((m) => m.table).sort());
  });

  it("has the enums with the same labels", async () => {
    for (const [name, labels] of enums) {
      const rows = await q(`SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder`, [name]);
      expect(rows.map((r) => r.enumlabel), name).toEqual(labels);
    }
  });

  it("has every column with its type and nullability, and no other", async () => {
    for (const model of models.values()) {
      const rows = await q(
        `SELECT column_name, is_nullable, format_type(a.atttypid, NULL) AS type
           FROM information_schema.columns c
           JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_name))::regclass AND a.attname = c.column_name
          WHERE c.table_schema = 'public' AND c.table_name = $1`,
        [model.table],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.column_name, { type: r.type.replace(/"/g, ""), nullable: r.is_nullable === "YES" }]));
      expect(actual, model.table).toEqual(Object.fromEntries(model.columns));
    }
  });

  it("has every primary key, unique constraint and index the schema declares", async () => {
    for (const model of models.values()) {
      const rows = await q(
        `SELECT ix.indisunique AS unique, array_agg(a.attname::text ORDER BY k.ord) AS columns
           FROM pg_index ix
           JOIN pg_class t ON t.oid = ix.indrelid
           CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
           LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          WHERE t.relname = $1
          GROUP BY ix.indexrelid, ix.indisunique`,
        [model.table],
      );
      const actual = rows.map((r) => `${r.unique ? "unique" : "index"}(${r.columns.join(",")})`);
      for (const index of model.indexes) {
        expect(actual, model.table).toContain(`${index.unique ? "unique" : "index"}(${index.columns.join(",")})`);
      }
    }
  });

  it("leads every index of a workspace-owned table with workspace_id (except global sweeps: the API key hash lookup, expired idempotency records, due webhook deliveries)", async () => {
    const rows = await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('contacts', 'memberships', 'api_keys', 'idempotency_records', 'contact_counts', 'imports', 'import_files', 'import_errors', 'bulk_jobs', 'bulk_job_items', 'segments', 'contact_events', 'webhook_endpoints', 'webhook_deliveries', 'erased_identities')`);
    const offenders = rows.filter((r) => !/\("?workspace_id"?/.test(r.indexdef) && !["api_keys_key_hash_key", "memberships_user_id_idx", "idempotency_records_created_at_idx", "webhook_deliveries_due_idx"].includes(r.indexname));
    expect(offenders.map((r) => r.indexname)).toEqual([]);
  });
});
