// The yardstick for API overhead: bare node:http + pg running the same list SQL as the API
// (first page of -created_at with the exact total), no auth, no validation, no framework.
import http from "node:http";
import pg from "pg";

export function startBareServer(url: string, workspaceId: string, port: number) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const server = http.createServer(async (_req, res) => {
    const [rows, total] = await Promise.all([
      pool.query(
        `SELECT c.id, c.email::text AS email, c.phone, c.first_name, c.last_name, c.status::text AS status, c.suppressed,
                c.suppressed_reason, c.email_ok, c.sms_ok, c.whatsapp_ok, c.voice_ok, c.tags, c.metadata, c.source,
                c.created_at, c.updated_at, c.created_at AS sort_key
           FROM contacts c WHERE c.workspace_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT 51 OFFSET 0`,
        [workspaceId],
      ),
      pool.query(`SELECT coalesce(sum(n), 0)::int AS total FROM contact_counts WHERE workspace_id = $1`, [workspaceId]),
    ]);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ object: "list", data: rows.rows.slice(0, 50), has_more: rows.rows.length > 50, total: total.rows[0].total }));
  });
  return new Promise<{ close: () => Promise<void> }>((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({ close: async () => void (await Promise.all([new Promise((r) => server.close(r)), pool.end()])) }),
    ),
  );
}
