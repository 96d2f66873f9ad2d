// How the timeline and the consent panel word events: labels, actors, values and times.
import type { ConsentView, EventView } from "@/lib/activity/schemas";
import { WRITABLE } from "@/lib/contacts/sql";

type Actor = EventView["actor"];
type Changes = EventView["changes"];

const EVENT_LABELS: Record<EventView["type"], string> = {
  "contact.created": "Created",
  "contact.updated": "Updated",
  "contact.deleted": "Deleted",
  "contact.subscribed": "Subscribed",
  "contact.unsubscribed": "Unsubscribed",
  "contact.suppressed": "Suppressed",
};

export const eventLabel = (type: string) => EVENT_LABELS[type as EventView["type"]] ?? type;

/** Who made a change, as a person would say it. */
export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "user":
      return actor.name ?? "A team member";
    case "api_key":
      return actor.name ? `API key ${actor.name}` : "An API key";
    case "import":
      return actor.name ? `Import ${actor.name}` : "An import";
    case "bulk":
      // The job names itself after its action ("Bulk unsubscribe").
      return actor.name ?? "Bulk action";
    default:
      return "System";
  }
}

/** A changed value in one line: lists comma-separated, nothing as "—". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(formatValue).join(", ") : "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// Fields in the order the contact's columns have (the form's order); metadata keys follow, alphabetically.
const FIELD_ORDER: readonly string[] = WRITABLE.filter((f) => f !== "metadata" && f !== "source");
const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);

/** "field: from → to" lines, in the form's field order. */
export function changeLines(changes: Changes): { field: string; text: string }[] {
  return Object.keys(changes)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((field) => ({ field, text: `${field}: ${formatValue(changes[field].from)} → ${formatValue(changes[field].to)}` }));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400],
  ["month", 30 * 86_400],
  ["week", 7 * 86_400],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "yesterday"; under a minute is "just now". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

export const absoluteTime = (iso: string) => new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "long" });

/** A moment, relative on screen and absolute on hover. Rendered only after the client fetched it. */
export function When({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} title={absoluteTime(iso)} className={className}>
      {relativeTime(iso)}
    </time>
  );
}

type Provenance = Pick<ConsentView["history"][number], "ip" | "user_agent" | "evidence">;

/** Where a consent change came from: source and actor, then the request's and the file's evidence. */
export function ProvenanceDetails({ record }: { record: Provenance }) {
  const evidence = Object.entries(record.evidence ?? {});
  return (
    <>
      {record.ip || record.user_agent ? (
        <p className="text-xs break-all text-slate-500">
          {record.ip ? <span>IP {record.ip}</span> : null}
          {record.ip && record.user_agent ? " · " : null}
          {record.user_agent ? <span>User agent {record.user_agent}</span> : null}
        </p>
      ) : null}
      {evidence.length ? (
        <div role="group" aria-label="Evidence from the file" className="flex flex-wrap gap-x-3 text-xs text-slate-500">
          <span>From the file:</span>
          {/* Named as the file's own columns (Mailchimp's OPTIN_TIME); the import keeps them in lower case. */}
          <dl className="contents">
            {evidence.map(([key, value]) => (
              <div key={key} className="flex gap-1">
                <dt className="font-mono">{key.toUpperCase()}</dt> <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </>
  );
}
