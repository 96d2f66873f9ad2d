import { expect, test } from "./test";
import { seedContacts } from "./fixtures";

const people = Array.from({ length: 60 }, (_, i) => ({
  email: `${String.fromCharCode(97 + (i % 26))}${i}@people.test`,
  first_name: i === 42 ? "Zelda" : `Person${i}`,
  last_name: "Tester",
  status: i % 6 === 0 ? "unsubscribed" : "subscribed",
  tags: i % 5 === 0 ? ["vip"] : [],
}));

test("signed-out visitors are sent to the login page", async ({ page }) => {
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to Rolo" })).toBeVisible();
});

test("wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill("nobody@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
});

test("search, sort, filter and paginate the contacts table, with state in the URL", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, people);
  await page.reload();
  const rows = page.locator("tbody tr");
  // The table keeps the previous rows on screen while the next ones load (aria-busy).
  const settled = () => expect(page.locator('table[aria-busy="false"]')).toBeVisible();
  await expect(page.getByText("60 contacts · page 1 of 2")).toBeVisible();

  // Debounced search updates the rows and the URL; reload keeps it.
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("zelda");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Zelda Tester");
  // The search's exact total follows the rows in its own request (GET /contacts/count).
  await expect(page.getByText("1 contact · page 1 of 1")).toBeVisible();
  await expect(page).toHaveURL(/search=zelda/);
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search contacts" })).toHaveValue("zelda");
  await expect(rows).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("");
  await expect(page.getByText("60 contacts")).toBeVisible();

  // Sort by email, ascending.
  await page.getByRole("button", { name: /Email/ }).click();
  await expect(page).toHaveURL(/sort=/);
  await expect(page.locator("tbody tr td:nth-child(2)").first()).toHaveText("a0@people.test");
  const emails = await page.locator("tbody tr td:nth-child(2)").allTextContents();
  expect(emails.slice(0, 5)).toEqual([...emails].sort().slice(0, 5));

  // Page size and keyset pagination, forward and back.
  await page.getByLabel("Rows per page").selectOption("25");
  await expect(rows).toHaveCount(25);
  await expect(page.getByText("60 contacts · page 1 of 3")).toBeVisible();
  await settled();
  const firstPage = await page.locator("tbody tr td:nth-child(2)").allTextContents();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("page 2 of 3")).toBeVisible();
  await settled();
  const secondPage = await page.locator("tbody tr td:nth-child(2)").allTextContents();
  expect(secondPage.some((e) => firstPage.includes(e))).toBe(false);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(rows).toHaveCount(10);
  await page.goBack();
  await expect(page.getByText("page 2 of 3")).toBeVisible();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByText("page 1 of 3")).toBeVisible();
  await settled();
  expect(await page.locator("tbody tr td:nth-child(2)").allTextContents()).toEqual(firstPage);

  // Filters.
  await page.getByRole("combobox", { name: "Status" }).selectOption("unsubscribed");
  await expect(page.getByText("10 contacts")).toBeVisible();
  await page.getByLabel("Tag", { exact: true }).fill("vip");
  await page.getByLabel("Tag", { exact: true }).press("Enter");
  await expect(page.getByText("2 contacts")).toBeVisible();
  await expect(page).toHaveURL(/status=unsubscribed/);
  await expect(page).toHaveURL(/tag=vip/);

  // Selection: a page, then all matching.
  await page.getByRole("combobox", { name: "Status" }).selectOption("");
  await expect(page.getByText("12 contacts")).toBeVisible();
  await page.getByLabel("Rows per page").selectOption("25");
  await page.getByLabel("Tag", { exact: true }).fill("");
  await page.getByLabel("Tag", { exact: true }).press("Enter");
  await page.getByLabel("Select all on this page").check();
  await expect(page.getByRole("region", { name: "Selection" })).toContainText("25 selected");
  await page.getByRole("button", { name: "Select all 60 matching" }).click();
  await expect(page.getByRole("region", { name: "Selection" })).toContainText("60 selected");

  // Column visibility.
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Phone" }).click();
  await expect(page.getByRole("columnheader", { name: "Phone" })).toHaveCount(0);
  await expect(page).toHaveURL(/hide=/);
});

test("open, edit and save a contact; validation and conflicts land on the field", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  const [id] = await seedContacts(apiKey, [
    { email: "edit.me@people.test", first_name: "Edit", tags: ["old"], metadata: { plan: "free", drop: "me" } },
    { email: "taken@people.test" },
  ]);
  await page.goto("/contacts");
  await page.getByRole("link", { name: "edit.me@people.test" }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${id}`));

  await page.getByRole("textbox", { name: "Email" }).fill("not-an-email");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Must be a valid email address")).toBeVisible();

  await page.getByRole("textbox", { name: "Email" }).fill("TAKEN@people.test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Another contact already uses this email or phone.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the existing contact" })).toBeVisible();

  await page.getByRole("textbox", { name: "Email" }).fill("edited@people.test");
  await page.getByLabel("Last name").fill("Saved");
  await page.getByLabel("Tags").fill("fresh");
  await page.getByLabel("Tags").press("Enter");
  await page.getByRole("button", { name: "Remove tag old" }).click();
  await page.getByRole("button", { name: "Remove metadata drop" }).click();
  await page.getByLabel("Metadata value 1").fill("pro");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Contact saved" })).toBeVisible();

  const saved = await (await fetch(`http://localhost:3210/api/v1/contacts/${id}`, { headers: { authorization: `Bearer ${apiKey}` } })).json();
  expect(saved).toMatchObject({ email: "edited@people.test", last_name: "Saved", tags: ["fresh"], metadata: { plan: "pro" }, source: "api" });
});

test("create a contact from the dashboard, then delete it with confirmation", async ({ page, signIn }) => {
  await signIn();
  await page.getByRole("link", { name: "New contact" }).click();
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByText("Either email or phone is required")).toBeVisible();
  await page.getByRole("textbox", { name: "Email" }).fill("new.person@people.test");
  await page.getByLabel("First name").fill("New");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { name: "New" })).toBeVisible();
  await expect(page.getByText("source dashboard")).toBeVisible();

  await page.getByRole("button", { name: "Delete contact" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this contact?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page).toHaveURL(/\/contacts$/);
  await expect(page.getByText("No contacts yet.")).toBeVisible();
});

test("a viewer can read but not edit, and the API refuses the viewer's writes", async ({ page, signIn }) => {
  const { apiKey } = await signIn("viewer");
  const [id] = await seedContacts(apiKey, [{ email: "readonly@people.test" }]);
  await page.goto("/contacts");
  await expect(page.getByRole("link", { name: "New contact" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await page.getByRole("link", { name: "readonly@people.test" }).click();
  await expect(page.getByRole("textbox", { name: "Email" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByText("You have read-only access.")).toBeVisible();

  const status = await page.evaluate(async (contactId) => {
    const res = await fetch(`/api/v1/contacts/${contactId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ first_name: "Hacked" }) });
    return res.status;
  }, id);
  expect(status).toBe(403);
});

test("cookie-authenticated writes from another origin are refused (CSRF)", async ({ page, signIn }) => {
  await signIn();
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await fetch("http://localhost:3210/api/v1/contacts", {
    method: "POST",
    headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
    body: JSON.stringify({ email: "csrf@people.test" }),
  });
  expect(res.status).toBe(403);
  const same = await page.evaluate(async () => (await fetch("/api/v1/contacts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "same@people.test" }) })).status);
  expect(same).toBe(201);
});
