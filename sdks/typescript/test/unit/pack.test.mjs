// `npm pack` yields a package that installs and loads with import and require, types included.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("npm pack → npm install → import, require and type-check the package", { timeout: 180_000 }, (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rolo-sdk-pack-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  npm(["pack", "--pack-destination", dir], root); // runs prepack, i.e. the build
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  assert.equal(tarball, "rolo-sdk-0.1.0.tgz");
  const files = execFileSync("tar", ["-tzf", path.join(dir, tarball)], { encoding: "utf8" }).split("\n");
  assert.ok(files.includes("package/dist/esm/index.js") && files.includes("package/dist/cjs/index.d.ts"));
  assert.ok(!files.some((f) => f.startsWith("package/src/") || f.startsWith("package/test/")), "only dist ships");

  const app = path.join(dir, "app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", path.join(dir, tarball)], app);

  writeFileSync(
    path.join(app, "esm.mjs"),
    `import Rolo, { Rolo as Named, NotFoundError, VERSION } from "@rolo/sdk";
     const rolo = new Rolo({ apiKey: "sk_test" });
     if (Rolo !== Named || typeof rolo.contacts.list !== "function" || typeof NotFoundError !== "function") process.exit(1);
     const { verifyWebhook } = await import("@rolo/sdk/webhooks");
     if (typeof verifyWebhook !== "function") process.exit(1);
     console.log("esm", VERSION);`,
  );
  writeFileSync(
    path.join(app, "cjs.cjs"),
    `const { Rolo, NotFoundError, VERSION } = require("@rolo/sdk");
     const Default = require("@rolo/sdk").default;
     const rolo = new Rolo({ apiKey: "sk_test" });
     if (Default !== Rolo || typeof rolo.contacts.imports.create !== "function" || typeof NotFoundError !== "function") process.exit(1);
     if (typeof require("@rolo/sdk/webhooks").verifyWebhook !== "function") process.exit(1);
     console.log("cjs", VERSION);`,
  );
  assert.equal(execFileSync(process.execPath, ["esm.mjs"], { cwd: app, encoding: "utf8" }).trim(), "esm 0.1.0");
  assert.equal(execFileSync(process.execPath, ["cjs.cjs"], { cwd: app, encoding: "utf8" }).trim(), "cjs 0.1.0");

  // The types resolve through the exports map for both import and require (moduleResolution node16).
  writeFileSync(
    path.join(app, "use.mts"),
    `import Rolo, { type Contact } from "@rolo/sdk";\nimport { verifyWebhook } from "@rolo/sdk/webhooks";\nconst c: Promise<Contact> = new Rolo().contacts.get("con_1");\nconst m: string = verifyWebhook("{}", {}, "whsec_x").type;\nvoid c, m;\n`,
  );
  writeFileSync(
    path.join(app, "use.cts"),
    `import { Rolo, type Contact } from "@rolo/sdk";\nimport { verifyWebhook } from "@rolo/sdk/webhooks";\nconst c: Promise<Contact> = new Rolo().contacts.get("con_1");\nconst m: string = verifyWebhook("{}", {}, "whsec_x").type;\nvoid c, m;\n`,
  );
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const args = [
    tsc,
    "--noEmit",
    "--strict",
    "--module",
    "node16",
    "--moduleResolution",
    "node16",
    "--lib",
    "es2022,dom",
    "use.mts",
    "use.cts",
  ];
  try {
    execFileSync(process.execPath, args, { cwd: app, encoding: "utf8" });
  } catch (error) {
    assert.fail(`the installed package does not type-check:\n${error.stdout}${error.stderr}`);
  }
});
