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

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium the end-to-end tests drive: Debian's when present, else undefined (Playwright's own). */
export function systemChromium(): string | undefined {
  return SYSTEM_CHROMIUM.find((file) => existsSync(file));
}

async function playwrightChromiumInstalled() {
  const { chromium } = await import("@playwright/test");
  return existsSync(chromium.executablePath());
}

/**
 * Makes sure a browser exists for Playwright: the system Chromium, else Playwright's own, else
 * Debian's chromium (apt-get, as root), else Playwright's download; or one clear message.
 */
export async function ensureChromium() {
  if (systemChromium() || (await playwrightChromiumInstalled())) return;
  if (process.getuid?.() === 0 && has("apt-get")) {
    aptInstall(["chromium"], "Chromium (for the end-to-end tests)");
    if (systemChromium()) return;
  }
  console.log("No Chromium found; trying Playwright's download…");
  const download = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  if (download.status === 0 && (await playwrightChromiumInstalled())) return;
  throw new Error(
    "The end-to-end tests need Chromium. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) " +
      "or `npx playwright install chromium`, then run the tests again.",
  );
}
