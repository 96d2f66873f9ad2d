// Limits on custom metadata, measured the way PostgreSQL stores it so that the check on the
// incoming object (here) and the check on the merged result (in SQL) agree.
export const MAX_METADATA_BYTES = 16 * 1024;
export const MAX_METADATA_DEPTH = 32;

/** SQL: true when a merged metadata value still fits (jsonb's text form, as measured below). */
export const METADATA_FITS_SQL = (expr: string) => `octet_length((${expr})::text) <= ${MAX_METADATA_BYTES}`;

/**
 * Bytes of `text` in UTF-8, counted without encoding it (an import measures every row's metadata).
 * A surrogate pair is 4 bytes, 2 per half; JSON.stringify escapes a lone one, so none reach here.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/**
 * Size in bytes of `value` printed as jsonb prints it (`{"a": 1, "b": [1, 2]}`), or a reason it
 * cannot be stored. Walks iteratively and stops at the depth cap, so a hostile nesting of any
 * depth costs nothing and cannot overflow the stack.
 */
export function measureMetadata(value: unknown): { bytes: number } | { error: string } {
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: v, depth } = stack.pop()!;
    if (v === null || typeof v === "boolean" || typeof v === "number") {
      bytes += String(v).length;
    } else if (typeof v === "string") {
      bytes += utf8Length(JSON.stringify(v));
    } else if (typeof v === "object") {
      if (depth >= MAX_METADATA_DEPTH) return { error: `Metadata may nest at most ${MAX_METADATA_DEPTH} levels deep` };
      const entries = Array.isArray(v) ? v.map((item) => [null, item] as const) : Object.entries(v);
      bytes += 2 + Math.max(0, entries.length - 1) * 2; // brackets and ", " separators
      for (const [key, item] of entries) {
        if (key !== null) bytes += utf8Length(JSON.stringify(key)) + 2; // "key": 
        stack.push({ value: item, depth: depth + 1 });
      }
    } else {
      return { error: "Metadata values must be JSON" };
    }
    if (bytes > MAX_METADATA_BYTES) return { bytes };
  }
  return { bytes };
}
