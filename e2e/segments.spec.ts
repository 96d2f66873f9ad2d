import { expect, test } from "./test";
import { seedContacts } from "./fixtures";
import { E2E } from "./env";

test("build a filter on a metadata key, save it as a segment, reopen it from the sidebar and bulk-tag its contacts", async ({
  page,
  signIn,
}) => {
  const { apiKey } = await signIn("member");
  await seedContacts(
    apiKey,
    Array.from({ length: 40 }, (_, i) => ({
      email: `m${i}@seg.e2e.test`,
      metadata: { plan: i < 30 ? "pro" : "free", seats: i },
    })),
  );
  await page.reload();
  await expect(page.getByText(/^40 contacts · page/)).toBeVisible();
  const summary = (n: number) => page.getByText(new RegExp(`^${n} contacts · page`));
  const sidebar = page.getByRole("navigation", { name: "Segments" });

  // The filter builder suggests the workspace's metadata keys.
  const builder = page.getByRole("form", { name: "Add a filter" });
  await expect(builder.locator('datalist option[value="plan"]')).toHaveCount(1);
  await builder.getByRole("combobox", { name: "Field", exact: true }).selectOption("metadata");
  await builder.getByRole("combobox", { name: "Metadata key" }).fill("plan");
  await builder.getByRole("combobox", { name: "Operator", exact: true }).selectOption("eq");
  await builder.getByLabel("Value", { exact: true }).fill("pro");
  await builder.getByRole("button", { name: "Add filter" }).click();
  await expect(page.getByRole("list", { name: "Active filters" })).toContainText("plan = pro");
  await expect(page).toHaveURL(/metadata%5Bplan%5D=pro/);
  await expect(summary(30)).toBeVisible();

  // Save the view as a segment: the view becomes the segment, in the URL and in the sidebar.
  await page.getByRole("button", { name: "Save as segment" }).click();
  const dialog = page.getByRole("dialog", { name: "Save this view as a segment" });
  await dialog.getByLabel("Segment name").fill("Pro plan");
  await dialog.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved segment “Pro plan”" })).toBeVisible();
  await expect(page).toHaveURL(/segment=seg_/);
  const segmentUrl = page.url();
  const segmentLink = sidebar.getByRole("link", { name: /^Pro plan/ });
  await expect(segmentLink).toHaveAttribute("aria-current", "page");
  await expect(segmentLink).toContainText("30");
  await expect(summary(30)).toBeVisible();

  // Leave it, reopen it from the sidebar; the back and forward buttons move between the two views.
  await sidebar.getByRole("link", { name: "All contacts" }).click();
  await expect(summary(40)).toBeVisible();
  await expect(page).not.toHaveURL(/segment=/);
  await segmentLink.click();
  await expect(page).toHaveURL(segmentUrl);
  await expect(page.getByText("Segment: Pro plan")).toBeVisible();
  await expect(summary(30)).toBeVisible();
  await page.goBack();
  await expect(summary(40)).toBeVisible();
  await page.goForward();
  await expect(summary(30)).toBeVisible();

  // The link is shareable: loading it cold shows the same segment.
  await page.goto(segmentUrl);
  await expect(segmentLink).toHaveAttribute("aria-current", "page");
  await expect(summary(30)).toBeVisible();

  // Bulk-tag every contact of the segment.
  await page.getByLabel("Rows per page").selectOption("25");
  await expect(page.locator("tbody tr")).toHaveCount(25);
  await expect(page.locator('table[aria-busy="false"]')).toBeVisible();
  await page.getByLabel("Select all on this page").check();
  const bar = page.getByRole("region", { name: "Selection" });
  await bar.getByRole("button", { name: "Select all 30 matching" }).click();
  await expect(bar).toContainText("30 selected");
  await bar.getByRole("button", { name: "Add tag" }).click();
  const tagDialog = page.getByRole("dialog", { name: "Add tag 30 contacts?" });
  await tagDialog.getByLabel("Tag").fill("pro-customer");
  await tagDialog.getByRole("button", { name: "Add tag 30" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated tags of 30 contacts" })).toBeVisible();

  const tagged = await (
    await fetch(`${E2E.baseURL}/api/v1/contacts?tag=pro-customer&limit=1`, { headers: { authorization: `Bearer ${apiKey}` } })
  ).json();
  expect(tagged.total).toBe(30);
  // Two criteria are not kept counted: the exact number comes from /contacts/count.
  const free = await (
    await fetch(`${E2E.baseURL}/api/v1/contacts/count?tag=pro-customer&metadata[plan]=free`, {
      headers: { authorization: `Bearer ${apiKey}` },
    })
  ).json();
  expect(free).toEqual({ object: "count", total: 0 });
});
