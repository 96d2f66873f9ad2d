// The contact page's activity timeline and consent panel, fed by the dashboard, an import and the API.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { seedContacts } from "./fixtures";
import { E2E } from "./env";

const timeline = (page: Page) => page.getByRole("region", { name: "Activity" });
const events = (page: Page) => timeline(page).getByRole("list", { name: "Events" }).locator(":scope > li");
const consent = (page: Page) => page.getByRole("region", { name: "Consent" });
const consentRow = (page: Page, label: string) =>
  consent(page)
    .locator("dl > div")
    .filter({ has: page.getByRole("term").filter({ hasText: new RegExp(`^${label}$`) }) });

test("a dashboard edit shows up as Updated by the signed-in user, with its changes", async ({ page, signIn }) => {
  const { apiKey, user } = await signIn();
  const [id] = await seedContacts(apiKey, [{ email: "timeline@people.test", first_name: "A" }]);
  await page.goto(`/contacts/${id}`);
  await expect(events(page)).toHaveCount(1);
  await expect(events(page).first()).toContainText("Created");
  await expect(events(page).first()).toContainText("by API key e2e");

  await page.getByLabel("First name").fill("B");
  await page.getByRole("checkbox", { name: "SMS" }).uncheck();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Contact saved" })).toBeVisible();

  // The form's save refreshes the timeline and the consent panel without a reload.
  await expect(events(page)).toHaveCount(2);
  const updated = events(page).first();
  await expect(updated).toContainText("Updated");
  await expect(updated).toContainText(`by ${user.email}`);
  await expect(updated.getByRole("list", { name: "Changes" })).toContainText("first_name: A → B");
  await expect(updated.getByRole("list", { name: "Changes" })).toContainText("sms_ok: yes → no");
  const time = updated.locator("time");
  await expect(time).toHaveText("just now");
  expect(Date.now() - Date.parse((await time.getAttribute("datetime"))!)).toBeLessThan(60_000);
  await expect(time).toHaveAttribute("title", /\d{4}/);

  const sms = consentRow(page, "SMS");
  await expect(sms).toContainText("Opted out");
  await expect(sms).toContainText(`since just now · dashboard · ${user.email}`);
});

test("an import's created contact shows Created by the import, with the file's opt-in evidence", async ({ page, signIn }) => {
  const { apiKey } = await signIn("member");
  const [existing] = await seedContacts(apiKey, [{ email: "sub.one@example.com", first_name: "Old" }]);
  await page.goto("/imports");
  const file = "subscribed_members_export_e2e.csv";
  const exported = readFileSync("lib/imports/fixtures/mailchimp-subscribed.csv", "utf8");
  const dataTransfer = await page.evaluateHandle(
    ([text, name]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: "text/csv" }));
      return dt;
    },
    [exported, file],
  );
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
  await expect(page.getByRole("heading", { name: `Map the columns of ${file}` })).toBeVisible();
  await page.getByRole("button", { name: "Start import" }).click();

  const summary = page.getByRole("region", { name: new RegExp(`${file.replace(/\./g, "\\.")}: completed`) });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  await expect(summary.getByText("Created").locator("..")).toContainText("1");
  await expect(summary.getByText("Updated").locator("..")).toContainText("1");
  await summary.getByRole("link", { name: "See the imported contacts" }).click();
  await page.getByRole("link", { name: "sub.two@example.com" }).click();

  await expect(events(page)).toHaveCount(1);
  await expect(events(page).first()).toContainText("Created");
  await expect(events(page).first()).toContainText(`by Import ${file}`);
  await expect(events(page).first()).toContainText("email: — → sub.two@example.com");

  const subscription = consentRow(page, "Subscription");
  await expect(subscription).toContainText("Subscribed");
  await expect(subscription).toContainText(`· import · Import ${file}`);
  const evidence = subscription.getByRole("group", { name: "Evidence from the file" });
  await expect(evidence).toContainText("OPTIN_TIME 2023-02-01 08:00:00");
  await expect(evidence).toContainText("OPTIN_IP 198.51.100.7");

  // The existing contact was updated by the same import.
  await page.goto(`/contacts/${existing}`);
  await expect(events(page).first()).toContainText(`Updated by Import ${file}`);
  await expect(events(page).first()).toContainText("first_name: Old → Sub");
});

test("an unsubscribe through the API shows the key as the actor and the request's IP and user agent", async ({
  page,
  signIn,
}) => {
  const { apiKey } = await signIn();
  const [id] = await seedContacts(apiKey, [{ email: "leaving@people.test" }]);
  const res = await fetch(`${E2E.baseURL}/api/v1/contacts/${id}`, {
    method: "PATCH",
    headers: {
      authorization: `Bearer ${apiKey}`,
      "content-type": "application/json",
      "user-agent": "activity-e2e/1.0",
      "x-forwarded-for": "198.51.100.23",
    },
    body: JSON.stringify({ status: "unsubscribed" }),
  });
  expect(res.status).toBe(200);

  await page.goto(`/contacts/${id}`);
  const unsubscribed = events(page).first();
  await expect(unsubscribed).toContainText("Unsubscribed");
  await expect(unsubscribed).toContainText("by API key e2e");
  await expect(unsubscribed).toContainText("status: subscribed → unsubscribed");

  const subscription = consentRow(page, "Subscription");
  await expect(subscription).toContainText("Unsubscribed");
  await expect(subscription).toContainText("since just now · api · API key e2e");
  await expect(subscription).toContainText("IP 198.51.100.23");
  await expect(subscription).toContainText("User agent activity-e2e/1.0");

  // The history is collapsed until asked for, newest first.
  const history = consent(page).getByRole("list", { name: "Consent history" });
  await expect(history).toBeHidden();
  await consent(page)
    .getByText(/^History \(2 changes\)$/)
    .click();
  await expect(history.locator(":scope > li")).toHaveCount(2);
  await expect(history.locator(":scope > li").first()).toContainText("Unsubscribed");
  await expect(history.locator(":scope > li").last()).toContainText("Created");
});

test("the timeline shows the newest 25 events and loads older ones on demand", async ({ page, signIn }) => {
  const { apiKey } = await signIn("viewer");
  const [id] = await seedContacts(apiKey, [{ email: "busy@people.test" }]);
  for (let n = 1; n <= 30; n++) {
    const res = await fetch(`${E2E.baseURL}/api/v1/contacts/${id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ metadata: { visits: n } }),
    });
    expect(res.status).toBe(200);
  }
  await page.goto(`/contacts/${id}`);
  await expect(events(page)).toHaveCount(25);
  await expect(events(page).first()).toContainText("metadata.visits: 29 → 30");
  await timeline(page).getByRole("button", { name: "Load more" }).click();
  await expect(events(page)).toHaveCount(31);
  await expect(events(page).last()).toContainText("Created");
  await expect(timeline(page).getByRole("button", { name: "Load more" })).toHaveCount(0);
});
