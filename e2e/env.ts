// Where the end-to-end server and its throwaway database live.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// E2E_PORT / E2E_DB_PORT let two runs share a machine (with NEXT_DIST_DIR for separate builds).
const port = Number(process.env.E2E_PORT ?? 3210);

export const E2E = {
  port,
  dbPort: Number(process.env.E2E_DB_PORT ?? 54339),
  baseURL: `http://localhost:${port}`,
  /** The e2e server writes its database URL here (mode 600): the password is random per run. */
  databaseUrlFile: path.join(os.tmpdir(), `rolo-e2e-${port}.database-url`),
  secret: "e2e-session-secret",
};

/** The running e2e server's database URL (for fixtures that seed straight into it). */
export function e2eDatabaseUrl() {
  try {
    return readFileSync(E2E.databaseUrlFile, "utf8").trim();
  } catch {
    throw new Error(`${E2E.databaseUrlFile} is missing: start the e2e server (scripts/e2e-server.ts) first`);
  }
}
