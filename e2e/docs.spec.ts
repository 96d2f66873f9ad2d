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

test("each endpoint shows its example in curl, TypeScript, Python and Go; the chosen language applies everywhere", async ({ page, signIn }) => {
  await signIn("member");
  await page.goto("/docs");
  const create = page.locator("#createContact");
  await expect(create.getByRole("tabpanel")).toContainText('curl -X POST "$ROLO_BASE_URL/api/v1/contacts"');
  await create.getByRole("tab", { name: "Go" }).click();
  await expect(create.getByRole("tabpanel")).toContainText("client.Contacts.Create(ctx, &rolo.CreateContactParams{");
  await expect(page.locator("#listContacts").getByRole("tabpanel")).toContainText("client.Contacts.List(ctx");
  await create.getByRole("tab", { name: "Go" }).press("ArrowRight"); // wraps around to curl
  await expect(create.getByRole("tab", { name: "curl" })).toBeFocused();
  await create.getByRole("tab", { name: "Python" }).click();
  await page.reload();
  await expect(page.locator("#batchUpsertContacts").getByRole("tabpanel")).toContainText("client.contacts.batch_upsert(contacts=[");
});
