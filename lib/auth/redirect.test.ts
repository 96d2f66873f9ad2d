import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { safeRedirectPath } from "@/lib/auth/redirect";

const ORIGIN = "http://localhost:3000";

describe("safeRedirectPath", () => {
  it.each([
    "//evil.example/pwned",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "http://evil.example/contacts",
    "HTTPS://evil.example",
    "http://localhost:3000@evil.example/",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "///evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://localhost:3001/contacts",
    "https://localhost:3000/contacts",
    "",
    null,
    undefined,
    42,
  ])("refuses %j", (raw) => {
    expect(safeRedirectPath(raw, ORIGIN)).toBe("/contacts");
  });

  it.each([
    ["/contacts", "/contacts"],
    ["/contacts?tag=vip&search=a#top", "/contacts?tag=vip&search=a#top"],
    ["/settings/api-keys", "/settings/api-keys"],
    ["http://localhost:3000/imports", "/imports"],
    ["imports", "/imports"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    // A scheme-relative-looking path on the same scheme is a path here, not a host.
    ["http:evil.example", "/evil.example"],
    // User info before our own host: still our origin.
    ["//evil.example@localhost:3000", "/"],
  ])("keeps the same-origin %j as %j", (raw, path) => {
    expect(safeRedirectPath(raw, ORIGIN)).toBe(path);
  });

  it("next-auth's redirect callback lands on our own origin whatever it is given", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    expect(await redirect({ url: "//evil.example/pwned", baseUrl: ORIGIN })).toBe(`${ORIGIN}/contacts`);
    expect(await redirect({ url: "/\\evil.example", baseUrl: ORIGIN })).toBe(`${ORIGIN}/contacts`);
    expect(await redirect({ url: "https://evil.example", baseUrl: ORIGIN })).toBe(`${ORIGIN}/contacts`);
    expect(await redirect({ url: "/login", baseUrl: ORIGIN })).toBe(`${ORIGIN}/login`);
    expect(await redirect({ url: `${ORIGIN}/contacts?x=1`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/contacts?x=1`);
  });
});
