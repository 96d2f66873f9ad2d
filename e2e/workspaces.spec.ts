import { expect, login, test } from "./test";
import { addSecondWorkspace, seedContacts, seedWorkspace } from "./fixtures";

test("a user in two workspaces switches between them and sees each one's contacts only", async ({ page }) => {
  const first = await seedWorkspace("owner");
  await seedContacts(first.apiKey, [{ email: "only.in.first@people.test" }]);
  const second = await addSecondWorkspace(first.user.email, "viewer");
  await login(page, first.user.email, first.user.password);
  await expect(page.getByRole("link", { name: "only.in.first@people.test" })).toBeVisible();

  await page.getByRole("combobox", { name: "Workspace" }).selectOption({ label: second.name });
  await expect(page.getByRole("link", { name: "only.in.second@people.test" })).toBeVisible();
  await expect(page.getByRole("link", { name: "only.in.first@people.test" })).toHaveCount(0);
  // The role follows the workspace: a viewer there.
  await expect(page.getByText("· viewer")).toBeVisible();
  await expect(page.getByRole("link", { name: "New contact" })).toHaveCount(0);
});
