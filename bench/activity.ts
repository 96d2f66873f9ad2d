// What the activity stream (events, consent provenance, the webhook outbox) costs the set-based
// writers, measured in the same run: the same import and the same bulk action with the event
// triggers disabled and enabled, in ABBA order, so machine and table drift hit both sides alike.
import pg from "pg";
import { importFile, importOnce } from "./import";

const TRIGGERS = ["contacts_events_inserted", "contacts_events_updated", "contacts_events_deleted"];

async function setEvents(url: string, on: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`ALTER TABLE contacts ${TRIGGERS.map((t) => `${on ? "ENABLE" : "DISABLE"} TRIGGER ${t}`).join(", ")}`);
  await client.end();
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchActivity(o: {
  url: string;
  baseURL: string;
  dir: string;
  rows: number;
  webPid: number;
  /** A fresh workspace with a full-scope key, per import. */
  workspace: (slug: string) => Promise<{ id: string; key: string }>;
  /** Times one bulk add-tag on the same selection (a new tag each time). */
  bulk: (tag: string) => Promise<number>;
  log: (s: string) => void;
}) {
  const csvPath = await importFile(o.dir, o.rows, "activity");
  const imports: Record<"off" | "on", number[]> = { off: [], on: [] };
  const bulks: Record<"off" | "on", number[]> = { off: [], on: [] };
  let run = 0;
  // ABBA order: each bulk run rewrites the same 100,000 rows, so later runs are slower (dead tuples,
  // index growth); off-on-on-off cancels such a linear drift, which alternating would not.
  for (const mode of ["off", "on", "on", "off"] as const) {
    await setEvents(o.url, mode === "on");
    const ws = await o.workspace(`activity-${run++}`);
    const { totalSeconds } = await importOnce({ rows: o.rows, url: o.url, baseURL: o.baseURL, key: ws.key, webPid: o.webPid, csvPath });
    imports[mode].push(o.rows / totalSeconds);
    bulks[mode].push(await o.bulk(`activity-${run}`));
    o.log(`activity ${mode}: import ${Math.round(o.rows / totalSeconds)} rows/s, bulk ${bulks[mode].at(-1)!.toFixed(0)} ms`);
  }
  await setEvents(o.url, true);
  const importOff = mean(imports.off);
  const importOn = mean(imports.on);
  const bulkOff = mean(bulks.off);
  const bulkOn = mean(bulks.on);
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
  return [
    `| Import ${o.rows.toLocaleString("en")} rows, events off → on (mean of 2 each, ABBA order) | ${Math.round(importOff).toLocaleString("en")} → ${Math.round(importOn).toLocaleString("en")} rows/s | ${pct(importOn / importOff - 1)} |`,
    `| Bulk add-tag on the 100,000-row filter, events off → on | ${bulkOff.toFixed(0)} → ${bulkOn.toFixed(0)} ms | ${pct(bulkOn / bulkOff - 1)} |`,
  ];
}
