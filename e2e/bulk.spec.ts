import { expect, test } from "./test";
import { seedContacts } from "./fixtures";

test("filter, select all matching, add a tag, see the result, export the view", async ({ page, signIn }) => {
  const { apiKey } = await signIn("member");
  await seedContacts(
    apiKey,
    Array.from({ length: 70 }, (_, i) => ({ email: `p${i}@${i % 2 ? "odd" : "even"}.bulk.test`, first_name: i === 3 ? "=cmd()" : `P${i}` })),
  );
  await page.reload();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("odd.bulk");
  await expect(page.getByText(/^35 contacts · page/)).toBeVisible();
  await expect(page.locator('table[aria-busy="false"]')).toBeVisible();

  await page.getByLabel("Rows per page").selectOption("25");
  await expect(page.locator("tbody tr")).toHaveCount(25);
  await page.getByLabel("Select all on this page").check();
  const bar = page.getByRole("region", { name: "Selection" });
  await expect(bar).toContainText("25 selected");
  await bar.getByRole("button", { name: "Select all 35 matching" }).click();
  await expect(bar).toContainText("35 selected");

  await bar.getByRole("button", { name: "Add tag" }).click();
  const dialog = page.getByRole("dialog", { name: "Add tag 35 contacts?" });
  await dialog.getByLabel("Tag").fill("odd-ones");
  await dialog.getByRole("button", { name: "Add tag 35" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated tags of 35 contacts" })).toBeVisible();
  await expect(bar).toHaveCount(0);

  await page.getByRole("searchbox", { name: "Search contacts" }).fill("");
  await page.getByLabel("Tag", { exact: true }).fill("odd-ones");
  await page.getByLabel("Tag", { exact: true }).press("Enter");
  await expect(page.getByText(/^35 contacts · page/)).toBeVisible();

  // Export the current view.
  await expect(page).toHaveURL(/tag=odd-ones/);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", /tag=odd-ones/);
  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  expect(href).toContain("tag=odd-ones");
  const csv = await page.evaluate(async (url) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(await (await fetch(url)).arrayBuffer()), href!);
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv.trim().split("\r\n")).toHaveLength(36);
  expect(csv).toContain("odd-ones");
});

test("deleting many contacts asks for the exact count and DELETE", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, Array.from({ length: 1000 }, (_, i) => ({ email: `d${i}@del.bulk.test` })));
  await seedContacts(apiKey, Array.from({ length: 5 }, (_, i) => ({ email: `x${i}@keep.bulk.test` })));
  await page.reload();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("del.bulk");
  await expect(page.getByText("1,000 contacts")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("bulk.test");
  await expect(page.getByText("1,005 contacts")).toBeVisible();
  await expect(page.locator('table[aria-busy="false"]')).toBeVisible();
  await page.getByLabel("Select all on this page").check();
  const bar = page.getByRole("region", { name: "Selection" });
  await bar.getByRole("button", { name: "Select all 1,005 matching" }).click();
  await bar.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 1,005 contacts?" });
  await expect(dialog).toContainText("permanently deletes 1,005 contacts");
  const confirm = dialog.getByRole("button", { name: "Delete 1,005" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type DELETE to confirm").fill("DELETE");
  await confirm.click();
  await expect(page.getByRole("status").filter({ hasText: "Deleted 1,005 contacts" })).toBeVisible();
  await expect(page.getByText("No contacts match these filters.")).toBeVisible();
});
