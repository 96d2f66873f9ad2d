// One throwaway embedded PostgreSQL for the whole test run, migrated from scratch.
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { ensureDatabase, migrate } from "@/lib/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-test-"));
  chmodSync(dir, 0o755); // reachable by the postgres user when running as root
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 0 });
  const url = server.url.replace(/\/postgres$/, "/rolo_test");
  await ensureDatabase(url);
  await migrate(url);
  project.provide("databaseUrl", url);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
