// Metadata filters and saved segments at scale: metadata equality from its GIN index (one match,
// and a quarter of the rows), a metadata range (reads every row of the workspace), the metadata
// keys the filter builder suggests, and segments (the list with one exact count per segment, and
// a segment's contacts). Each list request is a first page with its exact total.
type Measure = (label: string, fn: (i: number) => Promise<unknown>, runs?: number) => Promise<void>;

export async function benchFilters({ base, headers, total, measure }: { base: string; headers: Record<string, string>; total: number; measure: Measure }) {
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

  await measure("filter metadata[n]=… (indexed equality, 1 match, first page + total)", (i) => get(`/contacts?metadata[n]=${someN(i)}`));
  await measure("filter metadata[plan]=pro (indexed equality, 1/4 of rows, first page + total)", () => get("/contacts?metadata[plan]=pro"), 50);
  await measure(`filter metadata[n][gte]=${top} (range: reads every row, first page + total)`, () => get(`/contacts?metadata[n][gte]=${top}`), 10);
  await measure("metadata keys for the filter builder (GET /contacts/metadata-keys)", () => get("/contacts/metadata-keys"), 50);

  const one = await send("POST", "/segments", { name: "Bench: one contact", filter: { metadata: { n: someN(0) } } });
  const pro = await send("POST", "/segments", { name: "Bench: pro plan", filter: { metadata: { plan: "pro" } } });
  await send("POST", "/segments", { name: "Bench: vip", filter: { tag: ["vip"] } });
  const counts = (await get("/segments")).data.map((s: { name: string; count: number }) => `${s.name} ${s.count}`).join(", ");
  await measure(`segments list, 3 with exact counts (${counts})`, () => get("/segments"), 10);
  await measure("list a segment (?segment=, 1 match, first page + total)", () => get(`/contacts?segment=${one.id}`));
  await measure("list a segment (?segment=, plan=pro: 1/4 of rows, first page + total)", () => get(`/contacts?segment=${pro.id}`), 50);
}
