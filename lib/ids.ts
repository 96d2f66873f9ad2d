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

/** Milliseconds since 1970 in 7 base62 digits (enough until 2081): ids made later sort later. */
function timePart(now = Date.now()): string {
  let out = "";
  for (let i = 0, n = now; i < 7; i++, n = Math.floor(n / 62)) out = BASE62[n % 62] + out;
  return out;
}

/**
 * `prefix_` + 16 base62 characters: the creation time (7), then 9 random (53 bits). Time first
 * keeps the new rows of an import next to each other in every index keyed by id (the contacts
 * primary key, the activity stream's), instead of scattering them over the whole index: far fewer
 * pages touched and written per chunk. Base62 digits are in byte order, so ids sort by time.
 */
export const newId = (prefix: "con" | "ws" | "usr" | "key" | "req" | "imp" | "job" | "seg" | "whk" | "msg") => `${prefix}_${timePart()}${randomBase62(9)}`;
