// A real Rolo for tests that talk HTTP: a throwaway embedded PostgreSQL, a production build (unless
// skipped) and `next start`. Used by the Playwright server and by the SDK integration runs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { ensureDatabase, migrate } from "@/lib/db/migrate";
import { NEXT_START_FLAGS } from "@/scripts/next-start-flags";

export interface TestServerOptions {
  port: number;
  /** 0 picks a free port. */
  dbPort?: number;
  dbName: string;
  secret: string;
  build: boolean;
  extraEnv?: Record<string, string>;
}

export interface TestServer {
  baseURL: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  web: ChildProcess;
  stop(): Promise<void>;
}

const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `rolo-${options.dbName}-`));
  chmodSync(dir, 0o755); // reachable by the postgres user when running as root
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: options.dbPort ?? 0 });
  const discard = async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return await startWeb(options, db.url, discard);
  } catch (error) {
    await discard(); // never leave a database running behind a failed start
    throw error;
  }
}

async function startWeb(options: TestServerOptions, postgresUrl: string, discard: () => Promise<void>): Promise<TestServer> {
  if (options.dbPort && !postgresUrl.includes(`:${options.dbPort}/`)) throw new Error(`port ${options.dbPort} is busy`);
  const databaseUrl = postgresUrl.replace(/\/postgres$/, `/${options.dbName}`);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);

  const baseURL = `http://localhost:${options.port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: options.secret,
    NEXTAUTH_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.extraEnv,
  };
  if (options.build) {
    const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { env, stdio: "inherit" });
    if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
  }
  const web = spawn(process.execPath, [...NEXT_START_FLAGS, NEXT_BIN, "start", "-p", String(options.port)], { env, stdio: "inherit" });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    web.kill("SIGTERM");
    await discard();
  };
  return { baseURL, databaseUrl, env, web, stop };
}

/** Resolves once the server answers, or rejects when it exits or the deadline passes. */
export async function waitForServer(server: TestServer, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  server.web.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error("the web server exited before it answered");
    try {
      const response = await fetch(`${server.baseURL}/api/v1/openapi.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the web server did not answer within ${timeoutMs / 1000} s`);
}
