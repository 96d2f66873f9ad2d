// The processes of the scale-out run: free ports, `next start` replicas and `npm run worker`
// processes. Workers are spawned as node itself (tsx as an --import, no npx or npm wrapper), so
// SIGKILL hits the process that holds the database connections.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { openSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { NEXT_START_FLAGS } from "@/scripts/next-start-flags";

export const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

/** Ports other runs on this machine use (dev servers, tests, the main bench): never ours. */
const AVOID = [
  [3210, 3351],
  [54339, 54440],
];
const LOW = 47100;
const HIGH = 47999;

function bindable(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const taken = new Set<number>();
/** A port nobody listens on, from a range away from the ones other runs use. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (taken.has(port) || AVOID.some(([a, b]) => port >= a && port <= b)) continue;
    if (await bindable(port)) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}

export interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
}

function spawnLogged(name: string, dir: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const log = path.join(dir, `${name}.log`);
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", fd, fd] });
  return { name, child, log };
}

async function waitFor(proc: Proc, ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`${proc.name} exited before it was ready (see ${proc.log})`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name} was not ready within ${timeoutMs / 1000} s (see ${proc.log})`);
}

/** One `next start` replica (the build in NEXT_DIST_DIR), ready once the API answers. */
export async function startWeb(name: string, dir: string, port: number, env: NodeJS.ProcessEnv) {
  const proc = spawnLogged(name, dir, ["--max-old-space-size=256", ...NEXT_START_FLAGS, NEXT_BIN, "start", "-p", String(port)], env);
  await waitFor(proc, async () => (await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).ok, 120_000);
  return { ...proc, baseURL: `http://127.0.0.1:${port}` };
}

/** One `npm run worker` process, ready once its queue worker started. */
export async function startWorker(name: string, dir: string, env: NodeJS.ProcessEnv) {
  const proc = spawnLogged(name, dir, ["--max-old-space-size=256", "--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], env);
  await waitFor(proc, async () => readFileSync(proc.log, "utf8").includes("[queue] worker"), 60_000);
  return proc;
}

export async function stop(proc: Proc, signal: NodeJS.Signals = "SIGTERM") {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = once(proc.child, "exit");
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
