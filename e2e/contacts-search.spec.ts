// What a search typed into the contacts table asks of the server (issue 13, keystroke → rows):
// one request for its rows, and its next page only from that page's own cursor once the view
// stands still, never a second search per keystroke beside the one whose rows are awaited.
import { expect, test } from "./test";
import { seedContacts } from "./fixtures";
import { E2E } from "./env";

// "test" matches all 120, "teste" the 60 Testers: both have a next page, with different cursors.
const people = Array.from({ length: 120 }, (_, i) => ({ email: `p${i}@search.test`, first_name: `Person${i}`, last_name: i % 2 ? "Tester" : "Testman" }));

/** A search segment: this server never counts inline, so its exact count is a request of its own. */
async function saveTestersSegment(apiKey: string) {
  const res = await fetch(`${E2E.baseURL}/api/v1/segments`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Testers", filter: { search: "tester" } }),
  });
  expect(res.status).toBe(201);
}

test("a typed search sends one request for its rows; its next page follows from its own cursor", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, people);
  await page.reload();
  await expect(page.getByText("120 contacts · page 1 of 3")).toBeVisible();

  // The dashboard's list requests in order, and each first page's answer (its cursor, and when).
  let clock = 0;
  const requests: { search: string; cursor: string | null; at: number }[] = [];
  const firstPages = new Map<string, { nextCursor: string | null; at: number }>();
  const counts: { search: string; at: number }[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/v1/contacts") requests.push({ search: url.searchParams.get("search") ?? "", cursor: url.searchParams.get("cursor"), at: clock++ });
    if (url.pathname === "/api/v1/contacts/count") counts.push({ search: url.searchParams.get("search") ?? "", at: clock++ });
  });
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (url.pathname !== "/api/v1/contacts" || url.searchParams.has("cursor")) return;
    const at = clock++;
    void r.json().then((body) => firstPages.set(url.searchParams.get("search") ?? "", { nextCursor: body.next_cursor, at }));
  });

  const box = page.getByRole("searchbox", { name: "Search contacts" });
  await box.pressSequentially("test", { delay: 20 });
  await expect(page).toHaveURL(/search=test(&|$)/);
  await expect(page.getByRole("table")).toHaveAttribute("aria-busy", "false");
  await box.press("e");
  await expect(page).toHaveURL(/search=teste(&|$)/);
  await expect(page.locator("tbody tr").first()).toContainText("Tester");
  // Standing still, the view's next page is fetched ahead, so "Next" shows it at once.
  await expect.poll(() => requests.some((r) => r.search === "teste" && r.cursor)).toBe(true);
  await expect.poll(() => firstPages.has("teste")).toBe(true);

  for (const search of ["test", "teste"]) expect(requests.filter((r) => r.search === search && !r.cursor), `first pages of "${search}"`).toHaveLength(1);
  // (The unfiltered view's own next page may be fetched ahead after the listeners are on.)
  for (const r of requests.filter((r) => r.cursor && r.search)) {
    const first = firstPages.get(r.search);
    expect(first, `the first page of "${r.search}" answered before its next page was asked for`).toBeDefined();
    expect(first!.at).toBeLessThan(r.at);
    expect(r.cursor).toBe(first!.nextCursor);
  }

  // The exact total (this server never counts inline) follows the rows, never beside them.
  await expect(page.getByText("60 contacts · page 1 of 2")).toBeVisible();
  for (const c of counts.filter((c) => c.search)) expect(firstPages.get(c.search)?.at ?? Infinity, `count of "${c.search}" after its rows`).toBeLessThan(c.at);

  const next = requests.length;
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(/page 2 of 2/)).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(10);
  expect(requests.slice(next).filter((r) => r.search === "teste" && r.cursor), "page 2 came from the prefetch").toHaveLength(0);
});

test("the sidebar's segment counts wait until the table's rows have stood still, and not for a search being typed", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, people);
  await saveTestersSegment(apiKey);

  const rowsAt: number[] = [];
  let searchedAt = 0;
  const segmentCounts: number[] = [];
  page.on("response", (r) => {
    const url = new URL(r.url());
    if (url.pathname !== "/api/v1/contacts" || url.searchParams.has("cursor")) return;
    rowsAt.push(Date.now());
    if (url.searchParams.get("search") === "person1") searchedAt = Date.now();
  });
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/v1/contacts/count" && url.searchParams.has("segment")) segmentCounts.push(Date.now());
  });
  await page.reload();
  await expect(page.getByText("120 contacts · page 1 of 3")).toBeVisible();
  const typingAt = Date.now();
  await page.getByRole("searchbox", { name: "Search contacts" }).pressSequentially("person1", { delay: 30 });
  await expect(page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: /^Testers/ })).toContainText("60");
  expect(segmentCounts.length).toBeGreaterThan(0);
  // Whenever the page stood still before or after the typing, a count may start, but only once
  // the rows on screen have stood for the settle time, and never while the search was typed.
  for (const at of segmentCounts) {
    const lastRows = Math.max(...rowsAt.filter((r) => r < at));
    expect(at - lastRows, "ms between the rows on screen and a segment count").toBeGreaterThanOrEqual(350);
    expect(at > typingAt && at < searchedAt, "a segment count started while the search was typed").toBe(false);
  }
});

test("the rows do not prefetch their contacts' pages; a contact opens on click", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, people);
  const contactPages: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (/^\/contacts\/con_/.test(url.pathname)) contactPages.push(url.pathname);
  });
  await page.reload();
  await expect(page.getByText("120 contacts · page 1 of 3")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search contacts" }).fill("person11");
  await expect(page.getByText("11 contacts")).toBeVisible();
  // Next prefetches links as they scroll into view; give it the time it would take.
  await page.waitForTimeout(1000);
  expect(contactPages, "contact pages requested before any was opened").toEqual([]);
  await page.getByRole("link", { name: "p110@search.test" }).click();
  await expect(page).toHaveURL(/\/contacts\/con_/);
  await expect(page.getByRole("heading", { name: "Person110 Testman" })).toBeVisible();
});

test("a segment count in flight makes way for a search being typed, and runs again once the rows stand still", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, people);
  await saveTestersSegment(apiKey);
  // The first segment count is slow (a broad segment at a million contacts); later ones are not.
  let held = 0;
  await page.route(/\/api\/v1\/contacts\/count\?segment=/, async (route) => {
    if (held++ === 0) await new Promise((r) => setTimeout(r, 3_000));
    await route.continue().catch(() => {}); // (aborted meanwhile)
  });
  const aborted: string[] = [];
  page.on("requestfailed", (r) => {
    if (r.url().includes("/api/v1/contacts/count?segment=")) aborted.push(r.failure()?.errorText ?? "");
  });
  await page.reload();
  await expect(page.getByText("120 contacts · page 1 of 3")).toBeVisible();
  await expect.poll(() => held, { message: "the segment's count was asked for once the rows stood still" }).toBe(1);
  await page.getByRole("searchbox", { name: "Search contacts" }).pressSequentially("person1", { delay: 30 });
  await expect.poll(() => aborted.length, { message: "the count in flight was aborted by the typing" }).toBe(1);
  await expect(page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: /^Testers/ })).toContainText("60");
  expect(held).toBe(2);
});

test("typing at a steady pace keeps every keystroke, though each prefix's search comes back meanwhile", async ({ page, signIn }) => {
  const { apiKey } = await signIn();
  await seedContacts(apiKey, people);
  await page.reload();
  await expect(page.getByText("120 contacts · page 1 of 3")).toBeVisible();
  const box = page.getByRole("searchbox", { name: "Search contacts" });
  // Slower than the debounce: each prefix is handed over (and comes back through the URL) while
  // the next key is typed.
  await box.pressSequentially("person11", { delay: 90 });
  await expect(page).toHaveURL(/search=person11(&|$)/);
  await expect(box).toHaveValue("person11");
  await expect(page.getByText(/^11 contacts/)).toBeVisible();
});
