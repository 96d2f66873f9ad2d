// Erasure that sticks: an admin erases a contact from its page, and a later import of a file with
// the same address refuses that row and says why in its report.
import { E2E } from "./env";
import { seedContacts } from "./fixtures";
import { expect, test } from "./test";

test("an admin erases a contact, and re-importing its address is refused as erased", async ({ page, signIn }) => {
  const { apiKey } = await signIn("admin");
  const [id] = await seedContacts(apiKey, [{ email: "gwen@erase.test", first_name: "Gwen", phone: "+14155550177" }]);

  await page.goto(`/contacts/${id}`);
  await page.getByRole("button", { name: "Erase contact" }).click();
  const dialog = page.getByRole("dialog", { name: "Erase this contact?" });
  await expect(dialog).toContainText("gwen@erase.test");
  const erase = dialog.getByRole("button", { name: "Erase permanently" });
  await expect(erase).toBeDisabled();
  await dialog.getByLabel("Type gwen@erase.test to confirm").fill("gwen@erase");
  await expect(erase).toBeDisabled();
  await dialog.getByLabel("Type gwen@erase.test to confirm").fill("gwen@erase.test");
  await erase.click();
  await expect(page.getByRole("status").filter({ hasText: "Contact erased" })).toBeVisible();
  await expect(page).toHaveURL(/\/contacts$/);
  const gone = await fetch(`${E2E.baseURL}/api/v1/contacts/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect(gone.status).toBe(404);

  // The same address comes back in a file: that row is refused, the other one is imported.
  await page.goto("/imports");
  const csv = "email,first_name\ngwen@erase.test,Gwen\nnina@erase.test,Nina\n";
  await page.getByLabel("CSV file").setInputFiles({ name: "again.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("heading", { name: "Map the columns of again.csv" })).toBeVisible();
  await page.getByRole("button", { name: "Start import" }).click();

  const summary = page.getByRole("region", { name: /again\.csv: completed/ });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  await expect(summary.getByText("Created").locator("..")).toContainText("1");
  await expect(summary.getByText("Failed").locator("..")).toContainText("1");
  const errorsLink = summary.getByRole("link", { name: "Download the rejected rows (CSV)" });
  const report = await page.evaluate(async (href) => (await fetch(href)).text(), (await errorsLink.getAttribute("href"))!);
  expect(report).toMatch(/^2,"gwen@erase\.test,Gwen",email: Belongs to a contact that was erased/m);

  // Gwen asked to be added again: the import says so, and her row goes in.
  await page.getByLabel("CSV file").setInputFiles({ name: "back.csv", mimeType: "text/csv", buffer: Buffer.from("email,first_name\ngwen@erase.test,Gwen\n") });
  await expect(page.getByRole("heading", { name: "Map the columns of back.csv" })).toBeVisible();
  await page.getByLabel("Add back people who were erased").check();
  await expect(page.getByText("Only if each of them asked to be added again")).toBeVisible();
  await page.getByRole("button", { name: "Start import" }).click();
  const back = page.getByRole("region", { name: /back\.csv: completed/ });
  await expect(back).toBeVisible({ timeout: 20_000 });
  await expect(back.getByText("Created").locator("..")).toContainText("1");
  const found = await fetch(`${E2E.baseURL}/api/v1/contacts?email=gwen@erase.test`, { headers: { authorization: `Bearer ${apiKey}` } });
  expect((await found.json()).data).toHaveLength(1);
});

test("members see no Erase button", async ({ page, signIn }) => {
  const { apiKey } = await signIn("member");
  const [id] = await seedContacts(apiKey, [{ email: "kept@erase.test" }]);
  await page.goto(`/contacts/${id}`);
  await expect(page.getByRole("button", { name: "Delete contact" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Erase contact" })).toHaveCount(0);
});
