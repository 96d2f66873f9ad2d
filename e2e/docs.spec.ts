import { expect, test } from "./test";

test("the API reference lists every endpoint from the OpenAPI document", async ({ page, signIn }) => {
  await signIn("member");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "Rolo API reference" })).toBeVisible();
  for (const path of ["/contacts", "/contacts/{id}", "/contacts/batch"]) {
    await expect(page.getByRole("heading", { name: new RegExp(`${path.replace(/[{}]/g, "\\$&")}$`) }).first()).toBeVisible();
  }
  await expect(page.locator("#listContacts")).toContainText("cursor");
});
