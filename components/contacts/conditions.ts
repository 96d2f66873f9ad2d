// The filter builder's vocabulary: which fields and operators it offers, how a choice becomes an
// API query parameter (the URL keeps exactly what the API reads), and how a parameter reads back.
import type { Condition } from "./use-contacts-query";

export type Field = "metadata" | "has_email" | "has_phone" | "created" | "updated";
export const FIELDS: [Field, string][] = [
  ["metadata", "Metadata key"],
  ["has_email", "Email address"],
  ["has_phone", "Phone number"],
  ["created", "Created"],
  ["updated", "Last updated"],
];

const METADATA_OPERATORS: [string, string][] = [
  ["eq", "equals"],
  ["in", "is one of"],
  ["gt", "is greater than"],
  ["gte", "is at least"],
  ["lt", "is less than"],
  ["lte", "is at most"],
  ["exists", "exists"],
  ["missing", "does not exist"],
];
const PRESENCE: [string, string][] = [
  ["exists", "exists"],
  ["missing", "does not exist"],
];
const DATES: [string, string][] = [
  ["after", "is after"],
  ["before", "is before"],
];

export const operatorsFor = (field: Field) =>
  field === "metadata" ? METADATA_OPERATORS : field === "created" || field === "updated" ? DATES : PRESENCE;
export const needsValue = (operator: string) => operator !== "exists" && operator !== "missing";
export const isDateField = (field: Field) => field === "created" || field === "updated";

/** The query parameter for a builder choice, or why it cannot be one. */
export function toCondition(field: Field, key: string, operator: string, value: string): Condition | { error: string } {
  if (needsValue(operator) && !value.trim()) return { error: "Enter a value" };
  if (field === "has_email" || field === "has_phone") return [field, String(operator === "exists")];
  if (field === "created" || field === "updated") {
    // A date input gives YYYY-MM-DD: the API takes an instant, midnight UTC.
    return [`${field}_${operator}`, /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value.trim()];
  }
  const name = key.trim();
  if (!name) return { error: "Enter a metadata key" };
  if (name.includes("]")) return { error: "Keys containing ] can only be filtered through the API" };
  if (operator === "exists" || operator === "missing") return [`metadata[${name}][exists]`, String(operator === "exists")];
  return [operator === "eq" ? `metadata[${name}]` : `metadata[${name}][${operator}]`, value.trim()];
}

const WORDS: Record<string, string> = { eq: "=", in: "is one of", gt: ">", gte: "≥", lt: "<", lte: "≤" };

/** How a condition reads in the list of active filters. */
export function describeCondition([param, value]: Condition): string {
  const metadata = /^metadata\[([^\]]*)\](?:\[([^\]]*)\])?$/.exec(param);
  if (metadata) {
    const [, key, op = "eq"] = metadata;
    if (op === "exists") return value === "true" ? `${key} exists` : `${key} does not exist`;
    return `${key} ${WORDS[op] ?? op} ${value}`;
  }
  if (param === "has_email") return value === "true" ? "has an email" : "has no email";
  if (param === "has_phone") return value === "true" ? "has a phone" : "has no phone";
  const [field, when] = param.split("_");
  return `${field === "created" ? "created" : "updated"} ${when} ${value.replace(/T00:00:00(\.000)?Z$/, "")}`;
}
