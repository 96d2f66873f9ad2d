// Who is writing, for the activity stream. Every write to contacts runs in a transaction that
// first stores this context in the transaction-local setting `rolo.ctx`; the triggers on contacts
// (prisma/migrations/20261127130000_activity) read it when they record the statement's events.
// API requests set it once per request (lib/api/handler.ts); imports and bulk jobs per chunk.
import { AsyncLocalStorage } from "node:async_hooks";
import { db } from "@/lib/db/client";

export type ActorType = "user" | "api_key" | "import" | "bulk" | "system";

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string | null;
}

export interface WriteContext {
  actor: Actor;
  request_id?: string;
  /** Consent provenance: api, dashboard, import, bulk. */
  source?: string;
  ip?: string | null;
  user_agent?: string | null;
  /** Imports and bulk jobs announce one summary event instead of one webhook per row. */
  webhooks?: "off";
  /** A file's own consent columns per lower-cased email (or phone), kept with the consent record. */
  evidence?: Record<string, Record<string, string>>;
  /** Erasure: the deletion's webhook carries the contact's id only. */
  erase?: true;
}

type Tx = Pick<typeof db, "$executeRaw">;

const storage = new AsyncLocalStorage<WriteContext>();

export const SYSTEM: WriteContext = { actor: { type: "system", id: null, name: null }, source: "system" };

/** Runs `fn` with `context` as the writer of every contact change it makes. */
export function runAs<T>(context: WriteContext, fn: () => T): T {
  return storage.run(context, fn);
}

export const currentWriter = (): WriteContext => storage.getStore() ?? SYSTEM;

/** Stores the writer in the open transaction, for the triggers. */
export async function declareWriter(tx: Tx, context: WriteContext = currentWriter()) {
  await tx.$executeRaw`SELECT set_config('rolo.ctx', ${JSON.stringify(context)}, true)`;
}

type TxClient = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** One transaction whose contact changes are recorded as the current writer's (plus `extra`). */
export function writeAs<T>(fn: (tx: TxClient) => Promise<T>, extra: Partial<WriteContext> = {}): Promise<T> {
  return db.$transaction(async (tx) => {
    await declareWriter(tx, { ...currentWriter(), ...extra });
    return fn(tx);
  });
}
