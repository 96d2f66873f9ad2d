// npm start: database (embedded unless DATABASE_URL), migrations, first-run owner, then Next.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DATA_DIR, prepareDatabase } from "@/lib/db/resolve";
import { NEXT_START_FLAGS } from "./next-start-flags";

if (existsSync(".env")) process.loadEnvFile(".env");
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT ?? "3000";

function sessionSecret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true, mode: 0o755 });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const run = (args: string[], nodeFlags: string[] = []) =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, path.join("node_modules", "next", "dist", "bin", "next"), ...args], {
      stdio: "inherit",
      env: process.env,
    });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => child.kill(signal));
    child.on("exit", (code) => resolve(code ?? 1));
  });

const database = await prepareDatabase((line) => console.log(`[db] ${line}`));
process.env.NEXTAUTH_SECRET = sessionSecret();
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

const { bootstrapFirstRun } = await import("@/lib/workspaces/bootstrap");
const first = await bootstrapFirstRun();

if (!existsSync(path.join(".next", "BUILD_ID")) || process.env.ROLO_REBUILD === "1") {
  console.log("Building the web app (first start only)…");
  if ((await run(["build"])) !== 0) process.exit(1);
}

console.log(`\nRolo is running at http://localhost:${port}`);
console.log(database.embedded ? `Database: embedded PostgreSQL in ${database.dataDir}` : "Database: DATABASE_URL");
if (first) {
  console.log(`\nFirst run: sign in as ${first.email} with password ${first.password}`);
  console.log("(shown only this once; create more users with npm run rolo -- create-user)\n");
}
const code = await run(["start", "-p", port], NEXT_START_FLAGS);
await database.stop();
process.exit(code);
