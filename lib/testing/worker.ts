// A real import worker: `scripts/worker.ts` as a child process on the test database.
import { spawn, type ChildProcess } from "node:child_process";

export function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  // node itself, not an npx wrapper: a SIGKILL must kill the worker, not orphan it mid-import.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    // Its sweep drains every test file's webhook outbox too: let it reach their local receivers as they do.
    env: { ...process.env, IMPORT_SWEEP_SECONDS: "1", ROLO_WEBHOOKS_ALLOW_PRIVATE: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes("[queue] worker")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`worker exited (${code}):\n${output}`)));
  });
}

export function stopWorker(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
