// The server Playwright tests against: a fresh embedded PostgreSQL, a production build, next start.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { ensureDatabase, migrate } from "@/lib/db/migrate";
import { E2E } from "@/e2e/env";

const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-e2e-"));
chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: E2E.dbPort });
if (!server.url.includes(`:${E2E.dbPort}/`)) throw new Error(`port ${E2E.dbPort} is busy`);
await ensureDatabase(E2E.databaseUrl);
await migrate(E2E.databaseUrl);

const env = {
  ...process.env,
  DATABASE_URL: E2E.databaseUrl,
  NEXTAUTH_SECRET: E2E.secret,
  NEXTAUTH_URL: E2E.baseURL,
  NEXT_TELEMETRY_DISABLED: "1",
};
const next = path.join("node_modules", "next", "dist", "bin", "next");
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [next, "build"], { env, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const web = spawn(process.execPath, [next, "start", "-p", String(E2E.port)], { env, stdio: "inherit" });
const shutdown = async () => {
  web.kill("SIGTERM");
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
web.on("exit", shutdown);
