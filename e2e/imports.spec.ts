import { readFileSync } from "node:fs";
import { expect, test } from "./test";

const csv = ["E-mail;Vorname;Company", "ann@drop.test;Ann;Acme", "bob@drop.test;Bob;Initech", "broken-email;Bad;Nope", "ann@drop.test;Annie;Acme 2"].join("\n");

test("drop a CSV, map a column, import it and see the summary", async ({ page, signIn }) => {
  await signIn("member");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(/\/imports/);

  // Drag and drop, as a user would from the desktop.
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "contacts.csv", { type: "text/csv" }));
    return dt;
  }, csv);
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });

  await expect(page.getByRole("heading", { name: "Map the columns of contacts.csv" })).toBeVisible();
  await expect(page.getByText('delimiter ";"')).toBeVisible();
  await expect(page.getByLabel("Import E-mail as")).toHaveValue("email");
  await expect(page.getByLabel("Import Vorname as")).toHaveValue("metadata.vorname");
  await page.getByLabel("Import Vorname as").selectOption("first_name");
  await page.getByRole("button", { name: "Start import" }).click();

  const summary = page.getByRole("region", { name: /contacts\.csv: completed/ });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  await expect(summary.getByText("Created").locator("..")).toContainText("2");
  await expect(summary.getByText("Updated").locator("..")).toContainText("1");
  await expect(summary.getByText("Failed").locator("..")).toContainText("1");
  const errorsLink = summary.getByRole("link", { name: "Download the rejected rows (CSV)" });
  const report = await page.evaluate(async (href) => (await fetch(href)).text(), (await errorsLink.getAttribute("href"))!);
  expect(report).toContain("4,broken-email;Bad;Nope");

  // The past imports list follows the finished job.
  await expect(page.getByRole("region", { name: "Past imports" }).getByRole("row", { name: /contacts\.csv.*completed/ })).toBeVisible();
  await summary.getByRole("link", { name: "See the imported contacts" }).click();
  await expect(page.getByRole("row", { name: /ann@drop\.test.*Annie/ })).toBeVisible();
});

test("a file without an email column is refused before upload", async ({ page, signIn }) => {
  await signIn();
  await page.goto("/imports");
  await page.getByLabel("CSV file").setInputFiles({ name: "names.csv", mimeType: "text/csv", buffer: Buffer.from("name,company\nAnn,Acme\n") });
  await expect(page.getByText("Map one column to Email or Phone.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start import" })).toBeDisabled();
  await page.getByLabel("Import name as").selectOption("email");
  await expect(page.getByRole("button", { name: "Start import" })).toBeEnabled();
});

test("a Mailchimp export of unsubscribed people is recognised, warned about, and imported unsubscribed", async ({ page, signIn }) => {
  await signIn("member");
  await page.goto("/imports");
  // The file as Mailchimp writes it: every cell quoted, CRLF, a quoted newline in one reason.
  const exported = readFileSync("lib/imports/fixtures/mailchimp-unsubscribed.csv", "utf8");
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "unsubscribed_members_export_7f3a.csv", { type: "text/csv" }));
    return dt;
  }, exported);
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });

  await expect(page.getByRole("heading", { name: "Map the columns of unsubscribed_members_export_7f3a.csv" })).toBeVisible();
  await expect(page.getByText("Mailchimp export of unsubscribed contacts: these 3 people will be imported as unsubscribed.")).toBeVisible();
  // Mapped with no help, and still editable.
  await expect(page.getByLabel("Import Email Address as")).toHaveValue("email");
  await expect(page.getByLabel("Import TAGS as")).toHaveValue("tags");
  await expect(page.getByLabel("Import UNSUB_REASON as")).toHaveValue("metadata.unsub_reason");
  await page.getByLabel("Import MEMBER_RATING as").selectOption("ignore");
  // Subscribing them again takes a deliberate tick, with a warning.
  const resubscribe = page.getByLabel("Subscribe again people who unsubscribed or were suppressed");
  await expect(resubscribe).not.toBeChecked();
  await resubscribe.check();
  await expect(page.getByRole("alert").filter({ hasText: "Only if every one of them asked to be subscribed again" })).toBeVisible();
  await resubscribe.uncheck();
  await page.getByRole("button", { name: "Start import" }).click();

  const summary = page.getByRole("region", { name: /unsubscribed_members_export_7f3a\.csv: completed/ });
  await expect(summary).toBeVisible({ timeout: 20_000 });
  await expect(summary.getByText("Created").locator("..")).toContainText("3");
  await summary.getByRole("link", { name: "See the imported contacts" }).click();
  for (const email of ["gone.one@example.com", "gone.two@example.com", "gone.three@example.com"]) {
    await expect(page.getByRole("row", { name: new RegExp(`${email.replace(/\./g, "\\.")}.*unsubscribed`) })).toBeVisible();
  }
});

test("while an import runs, its row under Past imports shows what its progress card shows", async ({ page, signIn }) => {
  await signIn("member");
  await page.goto("/imports");
  const rows = 30_000; // three commits of 10,000 rows: long enough to be watched running
  const text = ["email,first name", ...Array.from({ length: rows }, (_, i) => `watch${i}@live.test,Person ${i}`)].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "watched.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await page.getByRole("button", { name: "Start import" }).click();

  // The card and the table read at the same instant, every 100 ms until the import is over.
  const seen: { card: string; row: string }[] = [];
  for (let i = 0; i < 600; i++) {
    const snapshot = await page.evaluate(() => {
      const card = [...document.querySelectorAll("section h2")].find((h) => h.textContent?.startsWith("watched.csv:"))?.closest("section");
      const row = [...document.querySelectorAll("tr")].find((r) => r.textContent?.includes("watched.csv"));
      return card && row ? { card: card.textContent ?? "", row: [...row.querySelectorAll("td")].map((td) => td.textContent).join("|") } : null;
    });
    if (snapshot?.card.includes("watched.csv: completed")) break;
    if (snapshot && /watched\.csv: running.*[1-9][\d,]* of 30,000 rows/.test(snapshot.card)) seen.push(snapshot);
    await page.waitForTimeout(100);
  }
  expect(seen.length).toBeGreaterThan(0);
  for (const { card, row } of seen) {
    const processed = card.match(/([\d,]+) of 30,000 rows/)![1];
    expect(row).toContain(`|running|${processed} / 30,000|`);
  }
  await expect(page.getByRole("region", { name: "Past imports" }).getByRole("row", { name: /watched\.csv.*completed.*30,000 \/ 30,000/ })).toBeVisible();
});
