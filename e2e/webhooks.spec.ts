// The webhook journey: an admin adds an endpoint (a receiver this test starts), edits a contact in
// the dashboard, and the receiver gets a contact.updated message whose Standard Webhooks signature
// verifies; the delivery log shows it delivered, and sends test events and replays.
import { Webhook } from "standardwebhooks";
import { expect, test } from "./test";
import { seedContacts } from "./fixtures";
import { startReceiver, type Receiver } from "../lib/webhooks/test-receiver";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(() => receiver.close());

// Contact changes are sent by the job worker's drain (at the latest at its next sweep).
const DELIVERY_TIMEOUT = 45_000;

test("an admin's endpoint receives a signed contact.updated message for a dashboard edit", async ({ page, signIn }) => {
  test.setTimeout(120_000);
  const { apiKey, user } = await signIn("admin");
  const [contactId] = await seedContacts(apiKey, [{ email: "hooked@people.test", first_name: "Hook" }]);

  // Add the endpoint, for contact.updated only; the secret is shown once.
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Endpoint URL" }).fill("ftp://nope.example/");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Must be an http:// or https:// URL")).toBeVisible();
  await page.getByRole("textbox", { name: "Endpoint URL" }).fill(receiver.url);
  await page.getByRole("textbox", { name: "Description" }).fill("E2E receiver");
  await page.getByRole("checkbox", { name: "contact.updated" }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByLabel("Signing secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  const row = page.getByRole("row", { name: new RegExp(receiver.url.replace(/[.:/]/g, "\\$&")) });
  await expect(row).toContainText("contact.updated");
  await expect(row).toContainText("Enabled");
  await page.getByRole("button", { name: "Done" }).click();
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  // Edit the contact in the dashboard.
  await page.goto(`/contacts/${contactId}`);
  await page.getByLabel("First name").fill("Hooked");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Contact saved" })).toBeVisible();

  // The receiver gets it, signed with the secret.
  const got = await receiver.waitFor((r) => JSON.parse(r.body).type === "contact.updated", DELIVERY_TIMEOUT);
  const message = new Webhook(secret).verify(got.body, got.headers) as { type: string; data: Record<string, any> };
  expect(message.data).toMatchObject({
    object: "event",
    type: "contact.updated",
    contact: { id: contactId, email: "hooked@people.test", first_name: "Hooked" },
    changes: { first_name: { from: "Hook", to: "Hooked" } },
    actor: { type: "user", name: user.email },
  });
  const messageId = got.headers["webhook-id"];
  expect(messageId).toMatch(/^msg_/);

  // The delivery log shows it delivered.
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await page.getByRole("link", { name: receiver.url }).click();
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
  const delivered = page.getByRole("row", { name: /contact\.updated/ });
  await expect(delivered).toContainText("delivered");
  await expect(delivered).toContainText("200");

  // A test event: pending at first, the log follows it until delivered.
  await page.getByRole("button", { name: "Send test event" }).click();
  const testRow = page.getByRole("row", { name: /webhook\.test/ });
  await expect(testRow).toBeVisible();
  await expect(testRow).toContainText("delivered", { timeout: DELIVERY_TIMEOUT });
  const testMessage = await receiver.waitFor((r) => JSON.parse(r.body).type === "webhook.test");
  expect(new Webhook(secret).verify(testMessage.body, testMessage.headers)).toMatchObject({ data: { message: expect.any(String) } });

  // Replaying sends the same message again, under the same id.
  await delivered.getByRole("button", { name: /Replay/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Delivery queued again" })).toBeVisible();
  await receiver.waitFor(() => receiver.received.filter((r) => r.headers["webhook-id"] === messageId).length === 2, DELIVERY_TIMEOUT);
  await expect(delivered).toContainText("delivered", { timeout: DELIVERY_TIMEOUT });
});

test("members do not see webhooks, and the page sends them away", async ({ page, signIn }) => {
  await signIn("member");
  await expect(page.getByRole("link", { name: "Webhooks", exact: true })).toHaveCount(0);
  await page.goto("/settings/webhooks");
  await expect(page).toHaveURL(/\/contacts$/);
});
