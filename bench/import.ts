// Import benchmark: a generated CSV of N rows (~95 bytes each, so 1M rows stay under 100 MB) uploaded over HTTP and imported by
// a separate worker process, against a plain COPY of the same rows into the same table.
import { spawn } from "node:child_process";
import { createWriteStream, openAsBlob, readFileSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import pg from "pg";
import { check } from "./stats";

const PLANS = ["free", "pro", "team", "enterprise"];
/** The 1M-row import rate issue 13 started from (its "3× today's rows/s"). */
const BASELINE_ROWS_PER_S = 2_984;

async function writeFiles(dir: string, rows: number, workspaceId: string) {
  const csvPath = path.join(dir, "import.csv");
  const copyPath = path.join(dir, "copy.csv");
  const csv = createWriteStream(csvPath);
  const copy = createWriteStream(copyPath);
  csv.write("Email Address,First Name,Last Name,Phone Number,Company,Plan,Tags\n");
  copy.write("workspace_id,id,email,first_name,last_name,phone,tags,metadata\n");
  for (let i = 0; i < rows; i++) {
    const email = `import.person.${i}@bench-example.com`;
    // Valid numbers (imports check them with libphonenumber): New York 212, exchanges 200–300.
    const phone = i % 2 ? `+1212${2000000 + i}` : "";
    const company = `Company ${i % 5000}`;
    const plan = PLANS[i % 4];
    const line = `${email},First${i % 977},Last${i % 1319},${phone},${company},${plan},"newsletter,${plan}"\n`;
    const copyLine = `${workspaceId}-copy,con_copy${i},${email},First${i % 977},Last${i % 1319},${phone},"{newsletter,${plan}}","{""company"": ""${company}"", ""plan"": ""${plan}""}"\n`;
    if (!csv.write(line)) await once(csv, "drain");
    if (!copy.write(copyLine)) await once(copy, "drain");
  }
  csv.end();
  copy.end();
  await Promise.all([once(csv, "finish"), once(copy, "finish")]);
  return { csvPath, copyPath };
}

/** Starts a new peak-RSS measurement for a process (Linux: clear_refs 5 resets VmHWM). */
const resetPeak = (pid: number) => {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {}
};

/** Peak resident memory of a process (VmHWM), in MB. */
const peakRss = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return line ? Number(line.replace(/\D+/g, "")) / 1024 : NaN;
};

interface ImportOptions {
  rows: number;
  url: string;
  baseURL: string;
  key: string;
  webPid: number;
}

/** Uploads a file over HTTP and waits for a separate worker process to import it. */
export async function importOnce(o: ImportOptions & { csvPath: string }) {
  // A heap cap makes V8 collect instead of growing into free memory: if memory were not
  // bounded (the whole file held), the worker would crash here rather than pass.
  const worker = spawn(process.execPath, ["--max-old-space-size=256", "--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: o.url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => worker.stdout!.on("data", (d) => String(d).includes("[queue] worker") && resolve()));

  resetPeak(worker.pid!);
  resetPeak(o.webPid);
  const t0 = performance.now();
  const form = new FormData();
  form.set("file", await openAsBlob(o.csvPath), "import.csv");
  const res = await fetch(`${o.baseURL}/api/v1/contacts/import`, { method: "POST", headers: { authorization: `Bearer ${o.key}` }, body: form });
  const job = await res.json();
  if (res.status !== 202) throw new Error(`upload failed: ${JSON.stringify(job)}`);
  const uploadSeconds = (performance.now() - t0) / 1000;
  let view = job;
  while (["queued", "running"].includes(view.status)) {
    await new Promise((r) => setTimeout(r, 250));
    view = await (await fetch(`${o.baseURL}/api/v1/contacts/import/${job.id}`, { headers: { authorization: `Bearer ${o.key}` } })).json();
  }
  const totalSeconds = (performance.now() - t0) / 1000;
  const workerRss = peakRss(worker.pid!);
  const webRss = peakRss(o.webPid);
  worker.kill("SIGTERM");
  await once(worker, "exit");
  if (view.status !== "completed" || view.created !== o.rows) throw new Error(`import ended ${JSON.stringify(view)}`);
  return { totalSeconds, uploadSeconds, workerRss, webRss };
}

/** A generated CSV of `rows` people (the same rows in every workspace). */
export const importFile = async (dir: string, rows: number, workspaceId: string) => (await writeFiles(dir, rows, workspaceId)).csvPath;

export async function benchImport(o: ImportOptions & { dir: string; workspaceId: string; log: (s: string) => void }) {
  const { csvPath, copyPath } = await writeFiles(o.dir, o.rows, o.workspaceId);
  const bytes = statSync(csvPath).size;
  o.log(`import file: ${o.rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  const { totalSeconds, uploadSeconds, workerRss, webRss } = await importOnce({ ...o, csvPath });

  const client = new pg.Client({ connectionString: o.url });
  await client.connect();
  await client.query(`INSERT INTO workspaces (id, name, slug) VALUES ($1, 'copy', 'copy-bench')`, [`${o.workspaceId}-copy`]);
  const c0 = performance.now();
  await client.query(`COPY contacts (workspace_id, id, email, first_name, last_name, phone, tags, metadata) FROM '${copyPath}' WITH (FORMAT csv, HEADER)`);
  const copySeconds = (performance.now() - c0) / 1000;
  await client.end();

  const rate = o.rows / totalSeconds;
  const copyRate = o.rows / copySeconds;
  return [
    `| Import ${o.rows.toLocaleString("en")} rows (${(bytes / 1024 / 1024).toFixed(0)} MB CSV), upload → completed | ${totalSeconds.toFixed(1)} s | ${Math.round(rate).toLocaleString("en")} rows/s | ≥ 3 × ${BASELINE_ROWS_PER_S.toLocaleString("en")} = ${(3 * BASELINE_ROWS_PER_S).toLocaleString("en")} rows/s ${check(rate >= 3 * BASELINE_ROWS_PER_S)} |`,
    `| … of which the upload (streamed into Postgres) | ${uploadSeconds.toFixed(1)} s | | |`,
    `| Plain \`COPY\` of the same rows into the same table | ${copySeconds.toFixed(1)} s | ${Math.round(copyRate).toLocaleString("en")} rows/s | |`,
    `| **Import / COPY** | | **${Math.round((rate / copyRate) * 100)} %** | ≥ 80 % ${check(rate / copyRate >= 0.8)} |`,
    `| Peak RSS during the import: worker process / web process (upload) | ${workerRss.toFixed(0)} MB / ${webRss.toFixed(0)} MB | | |`,
  ];
}
