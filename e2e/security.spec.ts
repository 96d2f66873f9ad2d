// The sign-in surface in a real browser: same-origin redirects only, sign-out that ends the
// session on the server, the throttle message, and pages that run under the CSP (any refused
// script would show up as a console error, which fails every journey).
import { expect, test } from "./test";
import { seedWorkspace } from "./fixtures";

test("a hostile callbackUrl lands on our own page after sign-in", async ({ page, baseURL }) => {
  const { user } = await seedWorkspace();
  for (const callbackUrl of ["//evil.example/pwned", "/\\evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByRole("textbox", { name: "Email" }).fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/contacts/);
    expect(new URL(page.url()).origin).toBe(baseURL);
    expect(new URL(page.url()).pathname).toBe("/contacts");
  }
});

test("sign-out ends the session on the server: a copied cookie opens neither pages nor the API", async ({ page, context, signIn }) => {
  await signIn();
  const cookies = await context.cookies();
  expect((await page.request.get("/api/v1/contacts")).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await context.addCookies(cookies);
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/v1/contacts")).status()).toBe(401);
});

test("after 10 wrong passwords the form says to wait, even for the right one", async ({ page }) => {
  const { user } = await seedWorkspace();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(user.email);
  const attempt = async (password: string) => {
    await page.getByLabel("Password").fill(password);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  };
  for (let i = 0; i < 10; i++) {
    await attempt(`wrong-${i}`);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await attempt(user.password);
  await expect(page.locator("form").getByRole("alert")).toHaveText("Too many attempts, try again in 15 minutes.");
  await expect(page).toHaveURL(/\/login/);
});

test("pages carry the security headers", async ({ page }) => {
  const res = await page.goto("/login");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});
