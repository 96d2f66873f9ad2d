// Toolchains the test run needs beyond Node: installed with apt-get when running as root, else one
// clear message saying what to install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function has(command: string) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function aptInstall(packages: string[], why: string) {
  if (process.getuid?.() !== 0) {
    throw new Error(`${why} is missing. Install it first, e.g.: sudo apt-get install -y ${packages.join(" ")}`);
  }
  console.log(`Installing ${packages.join(" ")} from Debian for ${why}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", ...packages]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed; install ${packages.join(" ")} by hand`);
  }
}

/** Go for the Go SDK's tests (Debian's golang-go is 1.19, which the SDK targets). */
export function ensureGo() {
  if (has("go")) return;
  if (existsSync("/usr/lib/go/bin/go")) {
    process.env.PATH = `/usr/lib/go/bin:${process.env.PATH}`;
    return;
  }
  aptInstall(["golang-go"], "Go (for the Go SDK tests)");
  if (!has("go")) throw new Error("golang-go installed but `go` is not on PATH");
}
