// npm run test:sdks: each SDK's offline unit tests, then its integration tests against a real Rolo
// (a throwaway database, `next start`, a key minted by the admin CLI). Uses the existing production
// build unless there is none or --build is given. `-- <sdk>` runs one SDK only.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startTestServer, waitForServer } from "@/lib/testing/server";
import { ensureGo } from "./toolchains";

const SDKS = {
  typescript: {
    dir: "sdks/typescript",
    unit: ["npm", "test"],
    integration: ["npm", "run", "test:integration"],
  },
  python: {
    dir: "sdks/python",
    unit: ["python3", "-m", "unittest", "discover", "-s", "tests", "-p", "test_unit*.py", "-v"],
    integration: ["python3", "-m", "unittest", "discover", "-s", "tests", "-p", "test_integration*.py", "-v"],
  },
  go: {
    dir: "sdks/go",
    unit: ["go", "test", "-count=1", "-run", "^TestUnit", "./..."],
    integration: ["go", "test", "-count=1", "-run", "^TestIntegration", "./..."],
  },
} as const;
type SdkName = keyof typeof SDKS;

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--")) as SdkName[];
const selected = (only.length ? only : (Object.keys(SDKS) as SdkName[])).filter((name) => {
  if (!(name in SDKS)) throw new Error(`unknown SDK ${name}; one of ${Object.keys(SDKS).join(", ")}`);
  return true;
});
const distDir = process.env.NEXT_DIST_DIR || ".next";
const build = args.includes("--build") || !existsSync(path.join(distDir, "BUILD_ID"));

function run(command: readonly string[], options: SpawnSyncOptions) {
  console.log(`\n$ (${options.cwd}) ${command.join(" ")}`);
  const result = spawnSync(command[0], command.slice(1), { stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed in ${options.cwd} (exit ${result.status})`);
}

if (selected.includes("go")) ensureGo();
if (selected.includes("typescript") && !existsSync("sdks/typescript/node_modules")) {
  run(["npm", "ci", "--no-audit", "--no-fund"], { cwd: "sdks/typescript" });
}
for (const name of selected) run(SDKS[name].unit, { cwd: SDKS[name].dir, env: process.env });

const port = Number(process.env.ROLO_SDK_TEST_PORT ?? 3220);
const server = await startTestServer({
  port,
  dbName: "rolo_sdk",
  secret: "sdk-test-session-secret",
  build,
});
let failed = false;
try {
  await waitForServer(server);
  run(["npx", "tsx", "--conditions=react-server", "scripts/rolo.ts", "create-workspace", "--name", "SDK", "--slug", "sdk"], {
    cwd: ".",
    env: server.env,
  });
  const minted = spawnSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/rolo.ts", "create-api-key", "--workspace", "sdk", "--name", "sdk tests"],
    { env: server.env, encoding: "utf8" },
  );
  const apiKey = minted.stdout.trim();
  if (minted.status !== 0 || !apiKey.startsWith("sk_")) throw new Error(`could not mint an API key: ${minted.stderr}`);
  const env = { ...process.env, ROLO_BASE_URL: server.baseURL, ROLO_API_KEY: apiKey };
  for (const name of selected) run(SDKS[name].integration, { cwd: SDKS[name].dir, env });
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  failed = true;
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
