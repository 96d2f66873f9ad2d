import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, allowedMethods } from "./routes";
import * as otherMethods from "./other-methods";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

describe("the API route table", () => {
  it("lists exactly the route files under app/api/v1 with the methods they export", async () => {
    const actual: Record<string, string[]> = {};
    for (const file of routeFiles("app/api/v1")) {
      if (file.includes("[...path]")) continue; // the catch-all: 404 for every path no route claims
      const mod = await import(/* @vite-ignore */ path.resolve(file));
      const route = "/" + path.dirname(file).replace(/^app\//, "");
      // Each file answers the methods it does not define with other-methods' 405.
      expect(mod.OPTIONS, `${file} lacks export * from other-methods`).toBe(otherMethods.OPTIONS);
      actual[route] = METHODS.filter((m) => typeof mod[m] === "function" && mod[m] !== otherMethods[m as keyof typeof otherMethods]);
    }
    const table = Object.fromEntries(Object.entries(API_ROUTES).map(([route, methods]) => [route, [...methods].sort()]));
    for (const route of Object.keys(actual)) actual[route].sort();
    expect(table).toEqual(actual);
  });

  it.each([
    ["/api/v1/contacts", ["GET", "POST", "PUT", "HEAD", "OPTIONS"]],
    ["/api/v1/contacts/", ["GET", "POST", "PUT", "HEAD", "OPTIONS"]],
    ["/api/v1/contacts/con_1", ["GET", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"]],
    ["/api/v1/contacts/batch", ["POST", "OPTIONS"]],
    ["/api/v1/contacts/import/imp_1/errors", ["GET", "HEAD", "OPTIONS"]],
    // A static segment wins from the left: this is import/[id], not [id]/erase or [id]/consent.
    ["/api/v1/contacts/import/erase", ["GET", "HEAD", "OPTIONS"]],
    ["/api/v1/contacts/con_1/erase", ["POST", "OPTIONS"]],
    ["/api/v1/nope", null],
    ["/api/v1/contacts/con_1/extra/deep", null],
    ["/api/v1", null],
  ])("%s answers %j", (pathname, methods) => {
    expect(allowedMethods(pathname)).toEqual(methods);
  });
});
