// Builds dist/esm and dist/cjs with tsc (each with its .d.ts), and marks each folder's module
// format so Node reads the .js files right whatever the root package.json says.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(`${root}/dist`, { recursive: true, force: true });
for (const [config, dir, type] of [
  ["tsconfig.json", "esm", "module"],
  ["tsconfig.cjs.json", "cjs", "commonjs"],
]) {
  execFileSync(process.execPath, [tsc, "-p", config], { cwd: root, stdio: "inherit" });
  mkdirSync(`${root}/dist/${dir}`, { recursive: true });
  writeFileSync(`${root}/dist/${dir}/package.json`, JSON.stringify({ type }) + "\n");
}
