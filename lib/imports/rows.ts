// One row of cells → a contact input, by a plan compiled once per file from the headers, the
// mapping and the recognised source. Runs for every row of a million-row file: the plan does the
// thinking, the per-row function only reads cells.
import { metadataKey, normalizeHeader, splitList, targetOf, type Mapping } from "./mapping";
import { columnRank, type ConsentSet, type SourceTable } from "./sources";

/** Fields one value feeds; when several columns feed one, the first with a value wins. */
const SINGLE = new Set(["email", "phone", "first_name", "last_name", "name", "suppressed_reason"]);
const OPT_INS = new Set(["email_ok", "sms_ok", "whatsapp_ok", "voice_ok"]);
/** Fields whose cell may hold several values (Google's " ::: "): the first is used. */
const LISTED = new Set(["email", "phone"]);

const TRUE = new Set(["true", "yes", "y", "1", "x"]);
const FALSE = new Set(["false", "no", "n", "0"]);
const STATUS: Record<string, ConsentSet> = {
  subscribed: { status: "subscribed" },
  subscribe: { status: "subscribed" },
  active: { status: "subscribed" },
  yes: { status: "subscribed" },
  true: { status: "subscribed" },
  unsubscribed: { status: "unsubscribed" },
  unsubscribe: { status: "unsubscribed" },
  inactive: { status: "unsubscribed" },
  no: { status: "unsubscribed" },
  false: { status: "unsubscribed" },
  // Mailchimp's words: cleaned means the address bounced; pending and transactional say nothing.
  cleaned: { suppressed: true, suppressed_reason: "bounced" },
  bounced: { suppressed: true, suppressed_reason: "bounced" },
  pending: {},
  transactional: {},
};
// Object.hasOwn: a cell saying "constructor" is not a status.
const statusOf = (value: string): ConsentSet | { status: string } => {
  const key = value.toLowerCase();
  return Object.hasOwn(STATUS, key) ? STATUS[key] : { status: value };
};

/** A ' the export put before a cell that a spreadsheet would run as a formula (lib/csv.ts). */
const FORMULA_GUARD = /^'(?=[\s\u00a0]*[=+\-@\t\r＝＋－＠])/;

interface Column {
  index: number;
  /** Where a value that loses to another column goes. */
  spill: string;
  rank: number;
}

export function rowReader({ headers, mapping, source }: { headers: string[]; mapping: Mapping; source: SourceTable | null }) {
  const singles = new Map<string, Column[]>();
  const tags: number[] = [];
  const statuses: number[] = [];
  const booleans: [index: number, field: string, strict: boolean][] = [];
  const metadata: [index: number, key: string][] = [];
  headers.forEach((header, index) => {
    const target = targetOf(mapping, header);
    if (!target || target === "ignore") return;
    if (target.startsWith("metadata.")) metadata.push([index, target.slice(9)]);
    else if (SINGLE.has(target)) {
      const rank = columnRank(source, header, target);
      const list = singles.get(target) ?? singles.set(target, []).get(target)!;
      list.push({ index, spill: metadataKey(header), rank: rank < 0 ? Infinity : rank });
    } else if (target === "tags") tags.push(index);
    else if (target === "status") statuses.push(index);
    else if (target === "suppressed" || OPT_INS.has(target)) booleans.push([index, target, OPT_INS.has(target)]);
  });
  for (const list of singles.values()) list.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const singleList = [...singles.entries()];

  const positions = new Map(headers.map((h, i) => [normalizeHeader(h), i] as const).reverse());
  const rules = (source?.status ?? []).map((rule) => ({
    index: rule.when ? (positions.get(normalizeHeader(rule.when.column)) ?? -1) : null,
    is: new Set(rule.when?.is ?? []),
    set: rule.set,
  }));
  const systemTags = new Set(source?.systemTags?.map((t) => t.toLowerCase()));
  const labelPrefix = source?.labelPrefix;
  const guard = source?.formulaGuard ?? false;

  return function readRow(cells: string[]): Record<string, unknown> {
    const item: Record<string, unknown> = {};
    let meta: Record<string, string> | null = null;

    for (const [field, columns] of singleList) {
      for (const column of columns) {
        const value = cellAt(cells, column.index, guard);
        if (!value) continue;
        const values = LISTED.has(field) && value.includes(":::") ? splitList(value) : [value];
        if (item[field] !== undefined) meta = spill(meta, column.spill, values);
        else {
          item[field] = values.shift();
          // The rest of the winning cell's list: other_emails, other_phones.
          if (values.length) meta = spill(meta, `other_${field}s`, values);
        }
      }
    }
    if (tags.length) {
      const found: string[] = [];
      for (const index of tags) {
        const value = cellAt(cells, index, guard);
        if (!value) continue;
        for (let tag of splitList(value)) {
          if (labelPrefix && tag.startsWith(labelPrefix)) tag = tag.slice(labelPrefix.length).trim();
          if (tag && !systemTags.has(tag.toLowerCase())) found.push(tag);
        }
      }
      if (found.length) item.tags = found;
    }
    for (const index of statuses) {
      const value = cellAt(cells, index, guard);
      if (value) {
        Object.assign(item, statusOf(value));
        break;
      }
    }
    for (const [index, field, strict] of booleans) {
      const value = cellAt(cells, index, guard).toLowerCase();
      if (!value || item[field] !== undefined) continue;
      item[field] = TRUE.has(value) ? true : FALSE.has(value) || !strict ? false : value;
    }
    if (rules.length && item.status === undefined && item.suppressed === undefined) {
      const rule = rules.find((r) => r.index === null || (r.index >= 0 && r.is.has(cellAt(cells, r.index, guard).toLowerCase())));
      if (rule) Object.assign(item, rule.set);
    }
    for (const [index, key] of metadata) {
      const value = cellAt(cells, index, guard);
      if (value && !(meta && Object.hasOwn(meta, key))) meta = put(meta ?? {}, key, value);
    }
    if (meta) item.metadata = meta;
    return item;
  };
}

function cellAt(cells: string[], index: number, guard: boolean) {
  const raw = cells[index];
  if (!raw) return "";
  const value = raw.trim();
  return guard && FORMULA_GUARD.test(value) ? value.slice(1) : value;
}

/**
 * Sets a key of a plain object (fast for a million rows, unlike a prototype-free one): keys come
 * from headers, so `__proto__` is defined as an own key instead of replacing the prototype.
 */
function put(target: Record<string, string>, key: string, value: string) {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
  return target;
}

function spill(meta: Record<string, string> | null, key: string, values: string[]) {
  const target = meta ?? {};
  return put(target, key, Object.hasOwn(target, key) ? `${target[key]}, ${values.join(", ")}` : values.join(", "));
}
