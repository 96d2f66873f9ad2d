// vCard (.vcf) as Apple/iCloud, Google and Outlook write it (2.1, 3.0, 4.0): each card becomes a
// row under fixed headers, so it goes through the same recogniser, mapping and job as a CSV.
// ical.js parses each card; we only unfold lines, skip embedded media and tidy 2.1 quirks.
// Shared by the server (streamed, lib/imports/vcard-rows.ts) and the browser (the preview).
import ICAL from "ical.js";

export const VCARD_HEADERS = ["Full Name", "First Name", "Last Name", "Email", "Phone", "Organization", "Title", "Note", "Birthday", "Address", "Website", "Categories"];

/** Embedded media (base64 photos can be megabytes): skipped line by line, never held. */
export const SKIPPED_PROPERTY = /^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]/i;
export const isCardStart = (line: string) => /^BEGIN:VCARD\s*$/i.test(line);
export const isCardEnd = (line: string) => /^END:VCARD\s*$/i.test(line);
/** A vCard file starts with BEGIN:VCARD (after blank lines at most). */
export const looksLikeVcard = (text: string) => isCardStart(text.trimStart().split(/\r?\n/, 1)[0] ?? "");

/**
 * Unfolds physical lines into logical ones: a line starting with a space or tab continues the one
 * before (RFC 6350), and a quoted-printable value ending in "=" continues on the next line (2.1).
 * Returns false for a line that belongs to a skipped property.
 */
export class Unfolder {
  lines: string[] = [];
  private skipping = false;
  private softBreak = false;

  push(line: string): boolean {
    if ((line.startsWith(" ") || line.startsWith("\t")) && !this.softBreak) {
      if (this.skipping) return false;
      if (this.lines.length) this.lines[this.lines.length - 1] += line.slice(1);
      return true;
    }
    if (this.softBreak) {
      this.lines[this.lines.length - 1] = this.lines[this.lines.length - 1].slice(0, -1) + line;
    } else {
      this.skipping = SKIPPED_PROPERTY.test(line);
      if (this.skipping) return false;
      this.lines.push(line);
    }
    const last = this.lines[this.lines.length - 1];
    this.softBreak = last.endsWith("=") && /;(?:ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(last.slice(0, last.indexOf(":") + 1));
    return true;
  }
}

function decodeQuotedPrintable(value: string, charset: string) {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "=" && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(value[i]));
  }
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder("utf-8").decode(new Uint8Array(bytes));
  }
}

/** Where the property's name and parameters end (the first colon outside quoted parameter values). */
function valueStart(line: string) {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ":" && !quoted) return i;
  }
  return -1;
}

/** vCard 2.1 → what ical.js reads: `TEL;WORK;VOICE` → `TEL;TYPE=WORK;TYPE=VOICE`, quoted-printable decoded. */
function tidyLine(line: string): string {
  const colon = valueStart(line);
  if (colon < 0) return line;
  const [name, ...params] = line.slice(0, colon).split(";");
  let value = line.slice(colon + 1);
  let quotedPrintable = false;
  let charset = "utf-8";
  const kept: string[] = [];
  for (const param of params) {
    const eq = param.indexOf("=");
    const key = (eq < 0 ? param : param.slice(0, eq)).toUpperCase();
    const given = eq < 0 ? "" : param.slice(eq + 1);
    if (key === "QUOTED-PRINTABLE" || (key === "ENCODING" && given.toUpperCase() === "QUOTED-PRINTABLE")) quotedPrintable = true;
    else if (key === "CHARSET") charset = given;
    else kept.push(eq < 0 ? `TYPE=${param}` : param);
  }
  if (quotedPrintable) value = decodeQuotedPrintable(value, charset).replace(/\r?\n/g, "\\n");
  return [name, ...kept].join(";") + ":" + value;
}

type Property = [name: string, params: Record<string, unknown>, type: string, ...values: unknown[]];

const flat = (v: unknown): string => (Array.isArray(v) ? v.map(flat).filter(Boolean).join(" ") : v == null ? "" : String(v)).trim();

/** PREF=1 (4.0) or TYPE=pref (3.0, 2.1) first, then a mobile number; otherwise file order. */
function rank(p: Property) {
  const pref = Number(p[1].pref);
  if (pref > 0) return pref;
  const types = ([] as unknown[]).concat(p[1].type ?? []).map((t) => String(t).toLowerCase());
  return types.includes("pref") ? 1 : types.includes("cell") ? 101 : 102;
}

/** One card's logical lines (without BEGIN/END) → cells under VCARD_HEADERS, or why it is unreadable. */
export function cardToCells(lines: string[]): { cells: string[] } | { error: string } {
  let props: Property[];
  try {
    const jcard = ICAL.parse(["BEGIN:VCARD", ...lines.map(tidyLine), "END:VCARD"].join("\r\n")) as unknown as [string, Property[]];
    props = jcard[1];
  } catch (error) {
    return { error: `Not a readable vCard: ${(error as Error).message}` };
  }
  const all = (name: string) => props.filter((p) => p[0] === name);
  const first = (name: string) => all(name)[0];
  const byPreference = (name: string) => all(name).map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i).map(({ p }) => p);
  // 2.1 and careless writers leave commas in text unescaped, which splits the value: rejoin it.
  const text = (name: string) => (first(name)?.slice(3) ?? []).map(flat).filter(Boolean).join(", ");
  const n = (first("n")?.[3] ?? []) as unknown[];
  const cells: Record<string, string> = {
    "Full Name": text("fn"),
    "First Name": flat(n[1]),
    "Last Name": flat(n[0]),
    Email: byPreference("email").map((p) => flat(p[3])).filter(Boolean).join(" ::: "),
    Phone: byPreference("tel").map((p) => flat(p[3]).replace(/^tel:/i, "").split(";")[0]).filter(Boolean).join(" ::: "),
    Organization: ([] as unknown[]).concat(first("org")?.[3] ?? []).map(flat).filter(Boolean).join(", "),
    Title: text("title"),
    Note: text("note"),
    Birthday: text("bday"),
    Address: ([] as unknown[]).concat(first("adr")?.[3] ?? []).map(flat).filter(Boolean).join(", "),
    Website: text("url").replace(/\\:/g, ":"), // Google escapes the colon
    Categories: all("categories").flatMap((p) => p.slice(3).map(flat)).filter(Boolean).join(" ::: "),
  };
  return { cells: VCARD_HEADERS.map((h) => cells[h]) };
}

/** Every card of a text held in memory (the browser's preview of the file's start). */
export function parseVcardText(text: string, maxCards = Infinity): { cells: string[] | null; error?: string }[] {
  const out: { cells: string[] | null; error?: string }[] = [];
  let card: Unfolder | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (out.length >= maxCards) break;
    if (isCardStart(line)) card = new Unfolder();
    else if (isCardEnd(line) && card) {
      const result = cardToCells(card.lines);
      out.push("cells" in result ? { cells: result.cells } : { cells: null, error: result.error });
      card = null;
    } else card?.push(line);
  }
  return out;
}
