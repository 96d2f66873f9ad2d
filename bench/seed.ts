// Seeds N contacts into one workspace with set-based SQL (one statement per 100k rows).
import pg from "pg";

const FIRST = ["Jane", "John", "Ana", "Wei", "Fatima", "Liam", "Olga", "Kenji", "Amara", "Lucas", "Noor", "Ivan"];
const LAST = ["Doe", "Smith", "Garcia", "Chen", "Khan", "Murphy", "Petrov", "Tanaka", "Okafor", "Silva", "Haddad", "Novak"];
const DOMAINS = ["example.com", "mail.test", "corp.example", "inbox.test", "acme.example"];

export async function seedContacts(url: string, workspaceId: string, total: number, log: (s: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET maintenance_work_mem = '512MB'");
  const chunk = 100_000;
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk) - 1;
    await client.query(
      `INSERT INTO contacts (workspace_id, id, email, phone, first_name, last_name, status, suppressed, tags, metadata, source, created_at, updated_at)
       SELECT $1, 'con_b' || lpad(to_hex(n), 15, '0'),
              'user' || n || '@' || ($2::text[])[1 + n % 5],
              CASE WHEN n % 3 = 0 THEN '+1' || (2000000000 + n)::text END,
              ($3::text[])[1 + n % 12], ($4::text[])[1 + (n / 12) % 12],
              (CASE WHEN n % 10 = 0 THEN 'unsubscribed' ELSE 'subscribed' END)::"ContactStatus",
              n % 50 = 0,
              CASE WHEN n % 7 = 0 THEN ARRAY['vip'] WHEN n % 2 = 0 THEN ARRAY['newsletter', 'beta'] ELSE ARRAY['newsletter'] END,
              jsonb_build_object('plan', CASE WHEN n % 4 = 0 THEN 'pro' ELSE 'free' END, 'n', n),
              'import',
              timestamptz '2025-01-01' + n * interval '20 seconds',
              timestamptz '2025-01-01' + n * interval '20 seconds'
         FROM generate_series($5::int, $6::int) AS n`,
      [workspaceId, DOMAINS, FIRST, LAST, start, end],
    );
    log(`seeded ${end + 1} contacts`);
  }
  await client.query("VACUUM ANALYZE contacts");
  await client.end();
}
