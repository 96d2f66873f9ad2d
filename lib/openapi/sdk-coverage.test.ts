// Every operation of the OpenAPI document has its method in all three SDKs (sdks/coverage.json
// says which), so an endpoint added without SDK methods fails the build.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATION_IDS } from "./operations";
import { Rolo } from "@/sdks/typescript/src/index";

type Sdk = "typescript" | "python" | "go";
const coverage = JSON.parse(readFileSync("sdks/coverage.json", "utf8")) as {
  operations: Record<string, Record<Sdk, string> | null>;
  notInSdks: Record<string, string>;
};
const covered = Object.entries(coverage.operations).filter((e): e is [string, Record<Sdk, string>] => e[1] !== null);

/** Methods of the Go package as "Receiver.Method", read from its source. */
function goMethods() {
  const dir = "sdks/go";
  const source = readdirSync(dir)
    .filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
  return new Set([...source.matchAll(/^func \(\w+ \*?(\w+)\) ([A-Z]\w*)\(/gm)].map(([, receiver, method]) => `${receiver}.${method}`));
}

/** Which dotted attribute paths of a Python client are callable. */
function pythonCallables(paths: string[]): Record<string, boolean> {
  const script = `
import json, sys
sys.path.insert(0, "sdks/python")
from rolo import Rolo
client = Rolo(api_key="sk_test", base_url="http://localhost:1")
out = {}
for p in json.loads(sys.argv[1]):
    obj = client
    try:
        for part in p.split("."):
            obj = getattr(obj, part)
        out[p] = callable(obj)
    except AttributeError:
        out[p] = False
print(json.dumps(out))`;
  const result = spawnSync("python3", ["-c", script, JSON.stringify(paths)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe("SDK coverage of the OpenAPI document", () => {
  it("lists every operation exactly once, with a reason for each one left out", () => {
    expect(Object.keys(coverage.operations).sort()).toEqual([...OPERATION_IDS].sort());
    const left = Object.entries(coverage.operations).filter(([, v]) => v === null).map(([id]) => id);
    expect(Object.keys(coverage.notInSdks).sort()).toEqual(left.sort());
  });

  it("TypeScript has each method", () => {
    const rolo = new Rolo({ apiKey: "sk_test", baseURL: "http://localhost:1" }) as unknown as Record<string, unknown>;
    const missing = covered
      .map(([, sdks]) => sdks.typescript)
      .filter((p) => typeof p.split(".").reduce<any>((obj, part) => obj?.[part], rolo) !== "function");
    expect(missing).toEqual([]);
  });

  it("Python has each method", () => {
    const found = pythonCallables(covered.map(([, sdks]) => sdks.python));
    expect(Object.entries(found).filter(([, ok]) => !ok).map(([p]) => p)).toEqual([]);
  });

  it("Go has each method", () => {
    const methods = goMethods();
    expect(covered.map(([, sdks]) => sdks.go).filter((m) => !methods.has(m))).toEqual([]);
  });
});
