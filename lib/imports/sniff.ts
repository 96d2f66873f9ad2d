// What a CSV file is made of: compression, text encoding and delimiter, read from its first bytes.

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** BOMs decide; otherwise UTF-8 if the sample decodes strictly, else Windows-1252 (Excel's default). */
export function detectEncoding(head: Uint8Array): { encoding: Encoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: 2 };
  // UTF-16 without BOM: every other byte of ASCII text is zero.
  const sample = head.subarray(0, 512);
  let evenZero = 0;
  let oddZero = 0;
  sample.forEach((b, i) => b === 0 && (i % 2 ? oddZero++ : evenZero++));
  if (oddZero > sample.length / 4 && evenZero === 0) return { encoding: "utf-16le", bom: 0 };
  if (evenZero > sample.length / 4 && oddZero === 0) return { encoding: "utf-16be", bom: 0 };
  // A multi-byte character may be cut at the end of the sample: drop an incomplete tail.
  let end = head.length;
  for (let i = Math.max(0, head.length - 3); i < head.length; i++) {
    const needed = head[i] >= 0xf0 ? 4 : head[i] >= 0xe0 ? 3 : head[i] >= 0xc0 ? 2 : 1;
    const tailIsContinuation = [...head.subarray(i + 1)].every((b) => b >= 0x80 && b < 0xc0);
    if (i + needed > head.length && tailIsContinuation) end = i;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return { encoding: "utf-8", bom: 0 };
  } catch {
    return { encoding: "windows-1252", bom: 0 };
  }
}

/** Text that is clearly not a CSV (binary): NUL bytes in what should be 8-bit text. */
export function looksBinary(head: Uint8Array, encoding: Encoding) {
  return encoding !== "utf-16le" && encoding !== "utf-16be" && head.subarray(0, 4096).includes(0);
}

/** The delimiter among , ; tab and | that splits the first line into the most columns (quotes respected). */
export function detectDelimiter(text: string): string {
  const firstLine: string[] = [];
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    firstLine.push(quoted ? "" : ch);
  }
  const counts = [",", ";", "\t", "|"].map((d) => [d, firstLine.filter((c) => c === d).length] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}
