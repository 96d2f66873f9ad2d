import { randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Random bytes are drawn 4 KB at a time: one CSPRNG call per ~120 ids instead of one per id (a
// request id per API call made randomBytes visible in the profile of `next start`).
let pool = Buffer.alloc(0);
let offset = 0;
function randomByte(): number {
  if (offset >= pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  return pool[offset++];
}

/** Random base62 string; rejection sampling keeps every character equally likely. */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 248) out += BASE62[byte % 62];
  }
  return out;
}

export const newId = (prefix: "con" | "ws" | "usr" | "key" | "req" | "imp" | "job" | "seg" | "whk" | "msg") => `${prefix}_${randomBase62(16)}`;
