// Renders the profile run as markdown: throughput and API/bare ratio, CPU per request, the
// breakdown by category, our files, and the top functions by self and by inclusive time.
import os from "node:os";
import type { Breakdown } from "./analyze";
import type { LoadRun } from "./load";

export interface RunRecord {
  date: string;
  contacts: number;
  concurrency: number;
  loadBefore: number[];
  loadAfter: number[];
  api: LoadRun[];
  bare: LoadRun[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (part: number, whole: number) => (whole ? `${((part / whole) * 100).toFixed(1)} %` : "");
const ms = (us: number) => (us / 1000).toFixed(0);
const esc = (s: string) => s.replace(/\|/g, "\\|");

/** The header and the throughput table (API vs bare, CPU per request). */
export function renderThroughput(run: RunRecord, profiled = true): string[] {
  const apiReq = sum(run.api.map((r) => r.requests));
  const apiRps = apiReq / sum(run.api.map((r) => r.seconds));
  const bareRps = sum(run.bare.map((r) => r.requests)) / sum(run.bare.map((r) => r.seconds));
  const apiCpu = sum(run.api.map((r) => r.serverCpuMs)) / apiReq;
  const bareCpu = sum(run.bare.map((r) => r.serverCpuMs)) / sum(run.bare.map((r) => r.requests));
  const ratios = run.api.map((r, i) => Math.round((r.rps / run.bare[i].rps) * 100));
  return [
    `Measured ${run.date} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}; ${run.contacts.toLocaleString("en")} contacts; ` +
      `\`GET /api/v1/contacts\` (first page, limit 50, exact total), ${run.concurrency} concurrent clients (fetch, which asks for gzip), ${run.api.length} alternating rounds of API and bare. ` +
      `Load average before ${run.loadBefore.map((l) => l.toFixed(2)).join(" / ")}, after ${run.loadAfter.map((l) => l.toFixed(2)).join(" / ")}: ` +
      "the 2 cores are shared with PostgreSQL, the load generator and other people's runs, so figures are noisy." +
      (profiled ? " The sampling profiler slows the API server somewhat (`BENCH_PROFILE_OFF=1` measures without it)." : ""),
    "",
    "| Throughput | req/s | server CPU per request |",
    "|---|---:|---:|",
    `| API (\`next start\`${profiled ? ", profiled" : ""}) | ${apiRps.toFixed(1)} | ${apiCpu.toFixed(2)} ms |`,
    `| Bare node:http + pg, same SQL, no gzip (own process) | ${bareRps.toFixed(1)} | ${bareCpu.toFixed(2)} ms |`,
    `| **API / bare** | **${Math.round((apiRps / bareRps) * 100)} %** (rounds: ${ratios.join(" %, ")} %) | ${(apiCpu / bareCpu).toFixed(1)} × |`,
  ];
}

export function renderReport(run: RunRecord, b: Breakdown): string {
  const apiReq = sum(run.api.map((r) => r.requests));
  const idle = b.categories.find((c) => c.name === "idle")?.selfUs ?? 0;
  const busy = b.totalUs - idle;
  const perReq = (us: number) => (us / apiReq).toFixed(0);
  const ours = b.categories.filter((c) => c.name.startsWith("ours:"));
  const oursSelf = sum(ours.map((c) => c.selfUs));
  const fnRow = (f: Breakdown["functions"][number], us: number) => `| ${esc(f.key)} | ${f.category} | ${ms(us)} | ${pct(us, busy)} | ${perReq(us)} |`;

  return [
    ...renderThroughput(run),
    "",
    `Profile: ${b.sampleCount.toLocaleString("en")} samples, ${ms(b.totalUs)} ms ${b.windowed ? "inside the API windows" : "(whole profile: the windows did not match its clock)"}; ` +
      `busy (not idle) ${ms(busy)} ms = ${perReq(busy)} µs per request over ${apiReq.toLocaleString("en")} requests. ` +
      `Our code's self time: ${pct(oursSelf, busy)} of busy. Inclusive = a frame of that category anywhere on the synchronous stack ` +
      "(continuations after an `await` start a fresh stack, so inclusive time of async functions is a lower bound).",
    "",
    "| Category | self ms | self % of busy | µs / request | inclusive % |",
    "|---|---:|---:|---:|---:|",
    ...b.categories.map((c) => `| ${c.name} | ${ms(c.selfUs)} | ${c.name === "idle" ? "" : pct(c.selfUs, busy)} | ${c.name === "idle" ? "" : perReq(c.selfUs)} | ${c.name === "idle" ? "" : pct(c.inclusiveUs, busy)} |`),
    "",
    "Per-request costs by owner (inclusive: a sample counts when one of the group's frames is on its stack; a lower bound, see above):",
    "",
    "| Cost | % of busy | µs / request |",
    "|---|---:|---:|",
    ...b.groups.map((g) => `| ${g.name.startsWith("  ") ? "&nbsp;&nbsp;" + g.name.trim() : g.name} | ${pct(g.inclusiveUs, busy)} | ${perReq(g.inclusiveUs)} |`),
    "",
    "| Our file | self % | inclusive % | inclusive µs / request |",
    "|---|---:|---:|---:|",
    ...b.ourFiles.slice(0, 30).map((f) => `| ${f.source} | ${pct(f.selfUs, busy)} | ${pct(f.inclusiveUs, busy)} | ${perReq(f.inclusiveUs)} |`),
    "",
    "Top 25 functions by self time:",
    "",
    "| Function (original location) | category | self ms | % of busy | µs / request |",
    "|---|---|---:|---:|---:|",
    ...[...b.functions].sort((x, y) => y.selfUs - x.selfUs).slice(0, 25).map((f) => fnRow(f, f.selfUs)),
    "",
    "Top 15 functions by inclusive time, Node's own internals left out (their stream and event plumbing sits under nearly everything):",
    "",
    "| Function (original location) | category | total ms | % of busy | µs / request |",
    "|---|---|---:|---:|---:|",
    ...[...b.functions]
      .filter((f) => !/^(\(|node:|native|GC|idle)/.test(f.category) && !f.key.includes("(native"))
      .sort((x, y) => y.totalUs - x.totalUs)
      .slice(0, 15)
      .map((f) => fnRow(f, f.totalUs)),
    "",
    "Top 20 of our functions by inclusive time:",
    "",
    "| Function (original location) | category | total ms | % of busy | µs / request |",
    "|---|---|---:|---:|---:|",
    ...[...b.functions]
      .filter((f) => f.category.startsWith("ours:"))
      .sort((x, y) => y.totalUs - x.totalUs)
      .slice(0, 20)
      .map((f) => fnRow(f, f.totalUs)),
  ].join("\n");
}
