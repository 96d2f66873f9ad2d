// The one recogniser: reads the source tables, picks the layout a header row belongs to, and
// proposes its mapping. Shared by the server (the import job, the mapping endpoint) and the
// dashboard's in-browser preview, so it imports no server code.
import { emptyMapping, normalizeHeader, resolveMapping, type Mapping } from "../mapping";
import { google, googleLegacy } from "./google";
import { hubspot } from "./hubspot";
import { mailchimpCleaned, mailchimpSubscribed, mailchimpUnsubscribed } from "./mailchimp";
import { outlook, outlookCom, outlookGerman } from "./outlook";
import { rolo } from "./rolo";
import type { SourceId, SourceTable } from "./types";
import { vcard } from "./vcard";

export type { SourceId, SourceTable, StatusRule, ConsentSet } from "./types";

export const SOURCES: SourceTable[] = [
  google,
  googleLegacy,
  outlook,
  outlookCom,
  outlookGerman,
  mailchimpSubscribed,
  mailchimpUnsubscribed,
  mailchimpCleaned,
  hubspot,
  rolo,
  vcard,
];
export const SOURCE_IDS = SOURCES.map((s) => s.id) as [SourceId, ...SourceId[]];

export const sourceById = (id: string | null | undefined) => SOURCES.find((s) => s.id === id) ?? null;

/** The layout whose signature the header row carries; the most specific one when several do. */
export function recogniseSource(headers: string[]): SourceTable | null {
  const present = new Set(headers.map(normalizeHeader));
  let best: SourceTable | null = null;
  for (const source of SOURCES) {
    if (!source.signature.every((h) => present.has(normalizeHeader(h)))) continue;
    if (source.without?.some((h) => present.has(normalizeHeader(h)))) continue;
    if (!best || source.signature.length > best.signature.length) best = source;
  }
  return best;
}

/** Where in `source.columns` a header is listed (its preference), or -1. */
export function columnRank(source: SourceTable | null, header: string, target?: string) {
  if (!source) return -1;
  const normalised = normalizeHeader(header);
  return source.columns.findIndex(
    ([match, t]) => (target === undefined || t === target) && (typeof match === "string" ? normalizeHeader(match) === normalised : match.test(normalised)),
  );
}

/** The targets a source's table gives the headers it knows. */
export function sourceMapping(headers: string[], source: SourceTable | null): Mapping {
  const mapping = emptyMapping();
  for (const header of headers) {
    const rank = columnRank(source, header);
    if (rank >= 0) mapping[header] = source!.columns[rank][1];
  }
  return mapping;
}

/** What the recogniser proposes for a header row: the source's table over the generic guess. */
export function proposeMapping(headers: string[]) {
  const source = recogniseSource(headers);
  return { source, mapping: resolveMapping(headers, sourceMapping(headers, source)) };
}

/**
 * One sentence about a recognised file for the dashboard, e.g. "Mailchimp export of unsubscribed
 * contacts: these 1,234 people will be imported as unsubscribed."
 */
export function describeSource(source: SourceTable, rows?: number | null): string {
  const people = rows === undefined || rows === null ? "these people" : rows === 1 ? "this person" : `these ${rows.toLocaleString("en")} people`;
  const rule = source.status?.[0];
  const as = (set: NonNullable<SourceTable["status"]>[number]["set"]) =>
    set.suppressed ? `suppressed${set.suppressed_reason ? ` (${set.suppressed_reason})` : ""}` : set.status ?? "they are";
  if (rule && !rule.when) return `${source.label}: ${people} will be imported as ${as(rule.set)}.`;
  const conditional = source.status?.filter((r) => r.when).map((r) => `people whose “${r.when!.column}” is ${r.when!.is[0]} as ${as(r.set)}`);
  if (conditional?.length) return `${source.label}: ${conditional.join("; ")}. The columns are mapped for you.`;
  return `${source.label}: the columns are mapped for you.`;
}
