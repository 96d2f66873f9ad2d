// Security headers as Next sends them: next.config's headers() for every path, the proxy's
// per-request Content-Security-Policy (with the nonce Next renders into its scripts) and HSTS for
// pages, and for the API a fixed policy (next.config) and HSTS from the route.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";
import { call } from "@/lib/testing/api";
import { API_CONTENT_SECURITY_POLICY, contentSecurityPolicy, perRequestSecurityHeaders, secureCookies } from "@/lib/http/security-headers";

const saved = { TRUST_PROXY: process.env.TRUST_PROXY, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const directives = (policy: string) => Object.fromEntries(policy.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("next.config headers()", () => {
  it("sends nosniff, Referrer-Policy, Permissions-Policy and X-Frame-Options on every path", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*");
    const headers = Object.fromEntries(all!.headers.map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(headers["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("the proxy's Content-Security-Policy", () => {
  it.each(["/contacts", "/login", "/contacts/%E0%A4%A", "/api/auth/session"])("is on %s", (path) => {
    const res = proxy(new NextRequest(`http://localhost:3000${path}`));
    const policy = res.headers.get("content-security-policy")!;
    const d = directives(policy);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["script-src"]).toEqual(["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{24}'$/)]);
    expect(policy).not.toContain("unsafe-eval");
    expect(d["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("hands Next the same policy on the request (for the nonce), fresh for each request", () => {
    const a = perRequestSecurityHeaders(new Headers());
    const b = perRequestSecurityHeaders(new Headers());
    expect(a.forwarded.get("content-security-policy")).toBe(a.response["Content-Security-Policy"]);
    expect(a.response["Content-Security-Policy"]).toContain(`'nonce-${a.nonce}'`);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it("allows eval in development only", () => {
    expect(contentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { dev: false })).not.toContain("'unsafe-eval'");
  });
});

describe("API responses", () => {
  it("carry a fixed policy that lets nothing load or frame them, from next.config for every /api/v1 path", async () => {
    const rules = await nextConfig.headers!();
    const api = rules.find((r) => r.source === "/api/v1/:path*");
    expect(api!.headers).toEqual([{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }]);
    expect(directives(API_CONTENT_SECURITY_POLICY)).toEqual({ "default-src": ["'none'"], "frame-ancestors": ["'none'"] });
    // The proxy does not add a page's policy to the ones it answers (a malformed escape).
    expect(proxy(new NextRequest("http://localhost:3000/api/v1/contacts/%ZZ")).headers.get("content-security-policy")).toBeNull();
  });

  it.each([
    ["a route", "GET", "/api/v1/openapi.json"],
    ["a wrong method", "DELETE", "/api/v1/openapi.json"],
    ["an unknown path", "GET", "/api/v1/nope"],
    ["a handler's error", "GET", "/api/v1/contacts"],
  ])("carry HSTS over https only: %s", async (_what, method, path) => {
    process.env.NEXTAUTH_URL = "https://rolo.example";
    expect((await call(method, path)).headers.get("strict-transport-security")).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect((await call(method, path)).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("https: HSTS and Secure cookies", () => {
  const hsts = (headers: Record<string, string>) =>
    proxy(new NextRequest("http://localhost:3000/contacts", { headers })).headers.get("strict-transport-security");

  it("sends HSTS when NEXTAUTH_URL is https", () => {
    process.env.NEXTAUTH_URL = "https://rolo.example";
    expect(hsts({})).toMatch(/^max-age=\d{8}; includeSubDomains$/);
  });

  it("believes X-Forwarded-Proto only with TRUST_PROXY=1", () => {
    expect(hsts({ "x-forwarded-proto": "https" })).toBeNull();
    process.env.TRUST_PROXY = "1";
    expect(hsts({ "x-forwarded-proto": "https" })).toMatch(/^max-age=/);
    expect(hsts({ "x-forwarded-proto": "http" })).toBeNull();
  });

  it("marks next-auth's cookies Secure on https requests", () => {
    const res = () => {
      const headers = new Headers();
      headers.append("set-cookie", "next-auth.session-token=abc; Path=/; HttpOnly; SameSite=Lax");
      headers.append("set-cookie", "next-auth.csrf-token=def; Path=/; HttpOnly; Secure; SameSite=Lax");
      return new Response("{}", { status: 200, headers });
    };
    const req = new Request("http://localhost:3000/api/auth/session", { headers: { "x-forwarded-proto": "https" } });
    expect(secureCookies(req, res()).headers.getSetCookie()[0]).not.toContain("Secure");
    process.env.TRUST_PROXY = "1";
    const cookies = secureCookies(req, res()).headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toBe("next-auth.session-token=abc; Path=/; HttpOnly; SameSite=Lax; Secure");
    expect(cookies[1]).toBe("next-auth.csrf-token=def; Path=/; HttpOnly; Secure; SameSite=Lax");
  });
});
