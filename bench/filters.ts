// Metadata filters and saved segments at scale: metadata equality from its GIN index (one match,
// and a quarter of the rows), a metadata range (reads every row of the workspace), the metadata
// keys the filter builder suggests, and segments (the list with one exact count per segment, and
// a segment's contacts). Each list request is a first page with its total (exact or estimated).
type Measure = (label: string, fn: (i: number) => Promise<unknown>, runs?: number, target?: number) => Promise<void>;
type FirstPage = (label: string, query: (i: number) => string, runs?: number) => Promise<void>;

export async function benchFilters({ base, headers, total, measure, firstPage }: { base: string; headers: Record<string, string>; total: number; measure: Measure; firstPage: FirstPage }) {
  const send = async (method: string, pathAndQuery: string, body?: unknown) => {
    const res = await fetch(`${base}${pathAndQuery}`, {
      method,
      headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${pathAndQuery} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const get = (pathAndQuery: string) => send("GET", pathAndQuery);
  // bench/seed.ts gives every contact metadata {plan: "pro" for 1 in 4 else "free", n: its number}.
  const someN = (i: number) => (12_345 + i * 7_919) % total;
  const top = Math.floor(total * 0.99);

  await firstPage("filter metadata[n]=… (indexed equality, 1 match)", (i) => `metadata[n]=${someN(i)}`);
  await firstPage("filter metadata[plan]=pro (indexed equality, 1/4 of rows)", () => "metadata[plan]=pro", 50);
  await firstPage(`filter metadata[n][gte]=${top} (range, 1/100 of rows)`, () => `metadata[n][gte]=${top}`, 50);
  await measure("metadata keys for the filter builder (GET /contacts/metadata-keys)", () => get("/contacts/metadata-keys"), 50, 50);

  const one = await send("POST", "/segments", { name: "Bench: one contact", filter: { metadata: { n: someN(0) } } });
  const pro = await send("POST", "/segments", { name: "Bench: pro plan", filter: { metadata: { plan: "pro" } } });
  await send("POST", "/segments", { name: "Bench: vip", filter: { tag: ["vip"] } });
  const counts = (await get("/segments")).data
    .map((s: { name: string; count?: number; count_estimate?: number }) => `${s.name} ${s.count ?? `≈${s.count_estimate}`}`)
    .join(", ");
  await measure(`segments list, 3 with counts (${counts})`, () => get("/segments"), 50, 50);
  await firstPage("list a segment (?segment=, 1 match)", () => `segment=${one.id}`);
  await firstPage("list a segment (?segment=, plan=pro: 1/4 of rows)", () => `segment=${pro.id}`, 50);
}
