"use client";
// The contact's consent: each current value with where it came from, and the history of changes.
import { useQuery } from "@tanstack/react-query";
import type { ConsentView } from "@/lib/activity/schemas";
import { api } from "@/lib/api-client";
import { actorLabel, changeLines, eventLabel, ProvenanceDetails, When } from "./activity-format";

const optIn = (ok: boolean) => (ok ? "Opted in" : "Opted out");

const ROWS: { field: keyof ConsentView["fields"]; label: string; value: (c: ConsentView) => string }[] = [
  { field: "status", label: "Subscription", value: (c) => (c.status === "subscribed" ? "Subscribed" : "Unsubscribed") },
  {
    field: "suppressed",
    label: "Suppression",
    value: (c) => (c.suppressed ? `Suppressed${c.suppressed_reason ? ` (${c.suppressed_reason})` : ""}` : "Not suppressed"),
  },
  { field: "email_ok", label: "Email", value: (c) => optIn(c.email_ok) },
  { field: "sms_ok", label: "SMS", value: (c) => optIn(c.sms_ok) },
  { field: "whatsapp_ok", label: "WhatsApp", value: (c) => optIn(c.whatsapp_ok) },
  { field: "voice_ok", label: "Voice", value: (c) => optIn(c.voice_ok) },
];

export function ConsentPanel({ contactId }: { contactId: string }) {
  // Under ["contacts", …] so the contact form's invalidation of ["contacts"] after a save refreshes it.
  const consent = useQuery({
    queryKey: ["contacts", contactId, "consent"],
    queryFn: ({ signal }) => api.getContactConsent(contactId, signal),
  });

  return (
    <section aria-labelledby="consent-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="consent-heading" className="text-lg font-semibold">
        Consent
      </h2>
      {consent.isPending ? (
        <p className="text-sm text-slate-500">Loading consent…</p>
      ) : consent.isError ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load the consent record: {consent.error.message}
        </p>
      ) : (
        <>
          <dl className="divide-y divide-slate-100">
            {ROWS.map((row) => {
              const record = consent.data.fields[row.field];
              return (
                <div key={row.field} className="grid gap-1 py-2 sm:grid-cols-[8rem_1fr]">
                  <dt className="text-sm font-medium text-slate-700">{row.label}</dt>
                  <dd className="space-y-0.5">
                    <p className="text-sm text-slate-900">{row.value(consent.data)}</p>
                    {record ? (
                      <>
                        <p className="text-xs text-slate-600">
                          since <When iso={record.changed_at} /> · {record.source} · {actorLabel(record.actor)}
                        </p>
                        <ProvenanceDetails record={record} />
                      </>
                    ) : (
                      <p className="text-xs text-slate-500">No recorded change: the default since before records were kept.</p>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          <ConsentHistory history={consent.data.history} />
        </>
      )}
    </section>
  );
}

function ConsentHistory({ history }: { history: ConsentView["history"] }) {
  if (!history.length) return <p className="text-sm text-slate-500">No consent changes recorded.</p>;
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-indigo-700 hover:underline">
        History ({history.length} {history.length === 1 ? "change" : "changes"})
      </summary>
      <ol aria-label="Consent history" className="mt-2 divide-y divide-slate-100">
        {history.map((entry) => (
          <li key={entry.event_id} className="space-y-1 py-2">
            <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-medium text-slate-900">{eventLabel(entry.type)}</span>{" "}
              <span className="text-slate-600">
                {entry.source} · {actorLabel(entry.actor)}
              </span>{" "}
              <When iso={entry.created_at} className="ml-auto text-xs text-slate-500" />
            </p>
            <ul aria-label="Changes" className="space-y-0.5">
              {changeLines(entry.changes).map((change) => (
                <li key={change.field} className="font-mono text-xs break-all text-slate-700">
                  {change.text}
                </li>
              ))}
            </ul>
            <ProvenanceDetails record={entry} />
          </li>
        ))}
      </ol>
    </details>
  );
}
