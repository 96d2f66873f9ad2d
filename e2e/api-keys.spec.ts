import { expect, test } from "./test";

test("create an API key, see it once, use it, revoke it", async ({ page, signIn }) => {
  await signIn();
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Key name").fill("CRM sync");
  await page.getByLabel("Scope").selectOption("read_only");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByLabel("New API key").textContent())!.trim();
  expect(secret).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row", { name: /CRM sync/ });
  await expect(row).toContainText(`…${secret.slice(-4)}`);
  await expect(row).toContainText("Read only");

  const auth = { authorization: `Bearer ${secret}` };
  expect((await fetch("http://localhost:3210/api/v1/contacts", { headers: auth })).status).toBe(200);
  expect((await fetch("http://localhost:3210/api/v1/contacts", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" })).status).toBe(403);

  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByRole("row", { name: /CRM sync/ })).not.toContainText("Never");

  await page.getByRole("button", { name: "Revoke CRM sync" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /CRM sync/ })).toHaveCount(0);
  expect((await fetch("http://localhost:3210/api/v1/contacts", { headers: auth })).status).toBe(401);
});
