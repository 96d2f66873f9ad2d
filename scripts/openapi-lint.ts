// npm run test:openapi: lints the generated OpenAPI document with Redocly (redocly.yaml:
// `recommended`) and Spectral (.spectral.yaml: `spectral:oas`). Fails on any error or warning.
// Builds the document in-process (no server); `--keep` leaves the written file for inspection,
// `--file <path>` lints that file instead.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openApiDocument } from "@/lib/openapi/document";

interface Problem {
  tool: string;
  severity: string;
  rule: string;
  where: string;
  message: string;
}

// Offline here and in CI: no telemetry or update checks (each waits on the network).
const QUIET_ENV = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
const bin = (name: string) => path.resolve("node_modules/.bin", name);

function run(cmd: string, args: string[]) {
  const result = spawnSync(cmd, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", ...QUIET_ENV },
  });
  if (result.error) throw result.error;
  return result.stdout;
}

function redocly(file: string): Problem[] {
  const out = run(bin("redocly"), ["lint", file, "--config", "redocly.yaml", "--format", "json", "--max-problems", "10000"]);
  const report = JSON.parse(out.slice(out.indexOf("{"))) as {
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  return report.problems
    .filter((p) => p.severity !== "ignore")
    .map((p) => ({
      tool: "redocly",
      severity: p.severity === "warn" ? "warning" : p.severity,
      rule: p.ruleId,
      where: p.location[0]?.pointer ?? "",
      message: p.message,
    }));
}

const SPECTRAL_SEVERITY = ["error", "warning", "info", "hint"];

function spectral(file: string): Problem[] {
  const out = run(bin("spectral"), ["lint", file, "--ruleset", ".spectral.yaml", "--format", "json", "--quiet"]);
  const results = JSON.parse(out.slice(out.indexOf("["))) as {
    code: string;
    severity: number;
    message: string;
    path: string[];
  }[];
  return results.map((r) => ({
    tool: "spectral",
    severity: SPECTRAL_SEVERITY[r.severity],
    rule: r.code,
    where: r.path.join("."),
    message: r.message,
  }));
}

const given = process.argv.indexOf("--file");
const dir = mkdtempSync(path.join(tmpdir(), "rolo-openapi-"));
const file = given > 0 ? path.resolve(process.argv[given + 1]) : path.join(dir, "openapi.json");
if (given < 0) writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
try {
  let failed = false;
  for (const [tool, lint] of [
    ["Redocly (recommended)", redocly],
    ["Spectral (spectral:oas)", spectral],
  ] as const) {
    const problems = lint(file);
    const count = (s: string) => problems.filter((p) => p.severity === s).length;
    console.log(`${tool}: ${count("error")} errors, ${count("warning")} warnings`);
    for (const p of problems) console.log(`  ${p.severity} ${p.rule} at ${p.where}: ${p.message}`);
    if (count("error") + count("warning") > 0) failed = true;
  }
  if (failed) {
    console.error("The OpenAPI document must lint with 0 errors and 0 warnings (see lib/openapi/).");
    process.exitCode = 1;
  }
} finally {
  if (process.argv.includes("--keep")) console.log(`Document kept at ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
