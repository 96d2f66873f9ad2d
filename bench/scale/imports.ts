// The two CSV files of the scale-out run and their expected outcome. File A holds people 0…N-1;
// file B holds, at the same line positions, every tenth person of A (with a different company,
// so each is a real update) and N·0.9 people of its own. Both imports therefore reach the shared
// people at about the same moment: the hardest case for "created once, updated once".
import { createWriteStream, openAsBlob } from "node:fs";
import { once } from "node:events";
import path from "node:path";

export const EMAIL_DOMAIN = "scale.test";
const email = (person: number) => `person.${person}@${EMAIL_DOMAIN}`;
/** Valid New York numbers (imports check phones with libphonenumber), on every other person. */
const phone = (person: number) => (person % 2 ? `+1212${2000000 + person}` : "");

export interface ImportPlan {
  rows: number;
  /** People in both files. */
  shared: number;
  /** Distinct people over both files. */
  distinct: number;
  fileA: string;
  fileB: string;
}

/** Person on line `j` of file B: shared with A every tenth line, else B's own. */
const personB = (rows: number, j: number) => (j % 10 === 0 ? j : rows + j);

async function write(file: string, rows: number, person: (j: number) => number, company: string) {
  const out = createWriteStream(file);
  out.write("Email Address,First Name,Last Name,Phone Number,Company,Plan\n");
  for (let j = 0; j < rows; j++) {
    const p = person(j);
    if (!out.write(`${email(p)},First${p % 977},Last${p % 1319},${phone(p)},${company} ${p % 500},plan${p % 4}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

export async function writeImportFiles(dir: string, rows: number): Promise<ImportPlan> {
  const fileA = path.join(dir, "import-a.csv");
  const fileB = path.join(dir, "import-b.csv");
  await write(fileA, rows, (j) => j, "Alpha");
  await write(fileB, rows, (j) => personB(rows, j), "Beta");
  const shared = Math.ceil(rows / 10);
  return { rows, shared, distinct: 2 * rows - shared, fileA, fileB };
}

/** SQL predicate (on `n`, the person number from the email) for "one of the expected people". */
export const expectedPersonSql = (rows: number) => `(n < ${rows} OR (n >= ${rows} AND n < ${2 * rows} AND (n - ${rows}) % 10 <> 0))`;

export interface ImportView {
  id: string;
  status: string;
  total_rows: number | null;
  processed_rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed_rows: number;
  error: string | null;
}

export async function upload(baseURL: string, key: string, file: string): Promise<ImportView> {
  const form = new FormData();
  form.set("file", await openAsBlob(file), path.basename(file));
  const res = await fetch(`${baseURL}/api/v1/contacts/import`, { method: "POST", headers: { authorization: `Bearer ${key}` }, body: form });
  const body = await res.json();
  if (res.status !== 202) throw new Error(`upload of ${file} failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function waitForImport(baseURL: string, key: string, id: string): Promise<ImportView> {
  for (;;) {
    const res = await fetch(`${baseURL}/api/v1/contacts/import/${id}`, { headers: { authorization: `Bearer ${key}` } });
    const view = (await res.json()) as ImportView;
    if (!["queued", "running"].includes(view.status)) return view;
    await new Promise((r) => setTimeout(r, 500));
  }
}
