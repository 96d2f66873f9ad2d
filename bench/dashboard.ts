// Dashboard timings in real Chromium: page interactive (cold cache), search keystroke → updated
// rows, and the JavaScript the /contacts page downloads.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export async function measureDashboard(baseURL: string, email: string, password: string, runs = 5) {
  const browser = await chromium.launch({
    executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${baseURL}/login`);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/contacts/);
  await page.locator("tbody tr a").first().waitFor();

  const interactive: number[] = [];
  const keystroke: number[] = [];
  // Where a keystroke's time goes: until the list request leaves, until its answer is in, then rendering.
  const sent: number[] = [];
  const answered: number[] = [];
  let jsBytes = 0;
  const storageState = await context.storageState();
  for (let i = 0; i < runs; i++) {
    // A new context each run: signed in, but with a cold HTTP cache.
    const freshContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
    const fresh = await freshContext.newPage();
    const downloads: Promise<number>[] = [];
    fresh.on("response", (r) => {
      if (/\.js(\?|$)/.test(r.url())) downloads.push(r.body().then((b) => b.length).catch(() => 0));
    });
    const t0 = Date.now();
    await fresh.goto(`${baseURL}/contacts`);
    await fresh.locator("tbody tr a").first().waitFor();
    await fresh.getByRole("searchbox", { name: "Search contacts" }).waitFor({ state: "visible" });
    interactive.push(Date.now() - t0);
    if (i === 0) jsBytes = (await Promise.all(downloads)).reduce((a, b) => a + b, 0);

    const box = fresh.getByRole("searchbox", { name: "Search contacts" });
    const needle = `user${1000 + i * 7}@`;
    await box.fill(needle.slice(0, -1));
    await fresh.locator("tbody tr a", { hasText: needle.slice(0, -1) }).first().waitFor();
    let sentAt = 0;
    let answeredAt = 0;
    const listRequest = (url: string) => url.includes("/api/v1/contacts?") && decodeURIComponent(url).includes(needle);
    fresh.on("request", (r) => {
      if (!sentAt && listRequest(r.url())) sentAt = Date.now();
    });
    fresh.on("requestfinished", (r) => {
      if (!answeredAt && listRequest(r.url())) answeredAt = Date.now();
    });
    const t1 = Date.now();
    await box.press("@");
    await fresh.waitForFunction((n) => {
      const links = [...document.querySelectorAll("tbody tr a")];
      return links.length > 0 && links.every((a) => a.textContent?.includes(n));
    }, needle);
    keystroke.push(Date.now() - t1);
    sent.push(sentAt - t1);
    answered.push(answeredAt - t1);
    await freshContext.close();
  }
  await browser.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const max = (xs: number[]) => Math.max(...xs);
  return {
    interactive: { median: median(interactive), max: max(interactive) },
    keystroke: { median: median(keystroke), max: max(keystroke), sent: median(sent), answered: median(answered) },
    jsBytes,
  };
}
