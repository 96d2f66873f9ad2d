// npm on this machine writes package-lock.json without the other platforms' optional packages
// (npm/cli#4828, #8320), and then `npm ci` refuses the lock. This adds the missing records from
// the registry. Run after changing dependencies: node scripts/lockfile-platforms.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    let info;
    try {
      info = JSON.parse(execFileSync("npm", ["view", `${name}@${spec}`, "--json", "version", "dist", "os", "cpu", "libc", "engines", "license"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    } catch {
      // Not on the registry we can reach: record it as optional so `npm ci` accepts the lock and
      // skips it (a failed optional install is not an error).
      packages[`node_modules/${name}`] = { version: spec, ...(entry.dev ? { dev: true } : {}), optional: true };
      added++;
      continue;
    }
    const v = Array.isArray(info) ? info[info.length - 1] : info;
    packages[`node_modules/${name}`] = {
      version: v.version,
      resolved: v.dist.tarball,
      integrity: v.dist.integrity,
      ...(v.cpu ? { cpu: v.cpu } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(v.engines ? { engines: v.engines } : {}),
      ...(v.libc ? { libc: v.libc } : {}),
      ...(v.license ? { license: v.license } : {}),
      optional: true,
      ...(v.os ? { os: v.os } : {}),
    };
    added++;
    console.log(`added ${name}@${v.version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`${added} platform packages added`);
