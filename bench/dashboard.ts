// Dashboard timings in real Chromium: page interactive (cold cache), search keystroke → updated
// rows, and the JavaScript the /contacts page downloads. `breakdown` splits each keystroke as the
// page saw it (keydown → fetch() called → sent → first byte → rows), with the bench's own
// overhead (press → keydown, rows → seen) and any API request competing with it.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { percentile } from "./stats";

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
  const inPage: InPage[] = [];
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
    await fresh.evaluate(watchKeystroke, needle);
    const t1 = Date.now();
    await box.press("@");
    await fresh.waitForFunction((n) => {
      const links = [...document.querySelectorAll("tbody tr a")];
      return links.length > 0 && links.every((a) => a.textContent?.includes(n));
    }, needle);
    const tRows = Date.now();
    keystroke.push(tRows - t1);
    sent.push(sentAt - t1);
    answered.push(answeredAt - t1);
    // Resource timing entries are reported once a response's body is read: give them a moment.
    await fresh.waitForFunction(() => (window as unknown as { __keystroke: InPage }).__keystroke.responseEnd !== undefined, null, { timeout: 2000 }).catch(() => {});
    inPage.push({ ...(await fresh.evaluate(() => (window as unknown as { __keystroke: InPage }).__keystroke)), pressedAt: t1, seenAt: tRows });
    await freshContext.close();
  }
  await browser.close();
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  const max = (xs: number[]) => Math.max(...xs);
  const breakdown = inPage.map(timeline);
  /** The median of one stage over the runs where the page saw it. */
  const stage = (key: "fetchCalled" | "firstByte" | "server" | "rows" | "pressToKeydown" | "rowsToSeen") => {
    const xs = breakdown.map((b) => b[key]).filter((x) => Number.isFinite(x));
    return xs.length ? median(xs) : "–";
  };
  return {
    interactive: { median: median(interactive), max: max(interactive) },
    keystroke: { median: median(keystroke), max: max(keystroke), sent: median(sent), answered: median(answered) },
    /** The keystroke's timeline as the page saw it (ms after its keydown), run by run. */
    breakdown,
    /** Medians of the timeline's stages. */
    stages: {
      fetchCalled: stage("fetchCalled"),
      firstByte: stage("firstByte"),
      server: stage("server"),
      rows: stage("rows"),
      pressToKeydown: stage("pressToKeydown"),
      rowsToSeen: stage("rowsToSeen"),
    },
    jsBytes,
  };
}

/** What the page records about one keystroke, in its own clock (performance.now()). */
interface InPage {
  /** performance.timeOrigin: the page's clock in epoch ms, to compare with the bench's. */
  origin: number;
  /** Epoch ms: when the bench pressed the key, and when it saw the rows. */
  pressedAt?: number;
  seenAt?: number;
  keydown?: number;
  fetchStart?: number;
  requestStart?: number;
  responseStart?: number;
  responseEnd?: number;
  /** The server's own time for the list request (its Server-Timing header). */
  server?: number;
  rows?: number;
  /** Main-thread tasks over 50 ms: [start, duration]. */
  longTasks: [number, number][];
  /** Other requests in flight during the keystroke: [path, fetchStart, responseEnd]. */
  others: [string, number, number][];
}

/**
 * Runs in the page before the keystroke: notes its keydown, the timing of the list request for
 * `needle` (Resource Timing: fetch() called, sent, first byte, last byte), when the rows all show
 * it, the long tasks in between and any other API request that competes with it.
 */
function watchKeystroke(needle: string) {
  const m: InPage = { origin: performance.timeOrigin, longTasks: [], others: [] };
  (window as unknown as { __keystroke: InPage }).__keystroke = m;
  const input = document.querySelector('input[type="search"]')!;
  input.addEventListener("keydown", () => (m.keydown ??= performance.now()), { capture: true, once: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceResourceTiming[]) {
      // Every request in flight after the keydown (API, page data, scripts), not only the search's.
      if (m.keydown === undefined || e.responseEnd < m.keydown) continue;
      const url = new URL(e.name);
      if (url.pathname === "/api/v1/contacts" && url.searchParams.get("search") === needle && !url.searchParams.has("cursor") && m.fetchStart === undefined) {
        const server = e.serverTiming.find((t) => t.name === "app")?.duration;
        Object.assign(m, { fetchStart: e.fetchStart, requestStart: e.requestStart, responseStart: e.responseStart, responseEnd: e.responseEnd, server });
      } else m.others.push([`${url.pathname}?${url.searchParams}`, e.fetchStart, e.responseEnd]);
    }
  }).observe({ type: "resource" });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask" });
  // (No named inner functions: the bundler would wrap them in a helper the page does not have.)
  new MutationObserver(() => {
    const links = [...document.querySelectorAll("tbody tr a")];
    if (m.rows === undefined && links.length > 0 && links.every((a) => a.textContent?.includes(needle))) m.rows = performance.now();
  }).observe(document.querySelector("table")!, { subtree: true, childList: true, characterData: true });
}

/** One keystroke's timeline in ms after its keydown, rounded. */
function timeline(m: InPage) {
  const at = (t?: number) => (t === undefined || m.keydown === undefined ? NaN : Math.round(t - m.keydown));
  return {
    /** From the bench's press to the page's keydown, and from the rows in the page to the bench seeing them. */
    pressToKeydown: m.keydown === undefined || m.pressedAt === undefined ? NaN : Math.round(m.origin + m.keydown - m.pressedAt),
    rowsToSeen: m.rows === undefined || m.seenAt === undefined ? NaN : Math.round(m.seenAt - (m.origin + m.rows)),
    fetchCalled: at(m.fetchStart),
    sent: at(m.requestStart),
    firstByte: at(m.responseStart),
    lastByte: at(m.responseEnd),
    server: m.server === undefined ? NaN : Math.round(m.server),
    rows: at(m.rows),
    longTasks: m.longTasks.filter(([s]) => m.keydown !== undefined && s >= m.keydown).map(([s, d]) => [at(s), Math.round(d)]),
    others: m.others.map(([p, s, e]) => [p, at(s), at(e)]),
  };
}
