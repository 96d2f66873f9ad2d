// Holds a contact's row in an open transaction, so that a write to it waits until released:
// how the import tests make one chunk wait while another goes on.
import { db } from "@/lib/db/client";

export async function holdRow(workspaceId: string, contactId: string) {
  let release!: () => void;
  let held!: (pid: number) => void;
  const released = new Promise<void>((r) => (release = r));
  const isHeld = new Promise<number>((r) => (held = r));
  const transaction = db.$transaction(
    async (tx) => {
      const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`
        SELECT pg_backend_pid() AS pid FROM contacts WHERE workspace_id = ${workspaceId} AND id = ${contactId} FOR UPDATE`;
      held(pid);
      await released;
    },
    { timeout: 60_000 },
  );
  return {
    /** The holding connection's backend: writes waiting on the row list it in pg_blocking_pids. */
    pid: await isHeld,
    release: async () => {
      release();
      await transaction;
    },
  };
}
