import { describe, expect, it } from "vitest";
import { actorLabel, changeLines, eventLabel, formatValue, relativeTime } from "./activity-format";

describe("activity wording", () => {
  it("names every event type and actor the way a person would", () => {
    expect(
      [
        "contact.created",
        "contact.updated",
        "contact.unsubscribed",
        "contact.subscribed",
        "contact.suppressed",
        "contact.deleted",
      ].map(eventLabel),
    ).toEqual(["Created", "Updated", "Unsubscribed", "Subscribed", "Suppressed", "Deleted"]);
    expect(actorLabel({ type: "user", id: "usr_1", name: "ann@example.com" })).toBe("ann@example.com");
    expect(actorLabel({ type: "api_key", id: "key_1", name: "CRM sync" })).toBe("API key CRM sync");
    expect(actorLabel({ type: "import", id: "imp_1", name: "members.csv" })).toBe("Import members.csv");
    expect(actorLabel({ type: "bulk", id: "blk_1", name: "Bulk unsubscribe" })).toBe("Bulk unsubscribe");
    expect(actorLabel({ type: "bulk", id: "blk_1", name: null })).toBe("Bulk action");
    expect(actorLabel({ type: "system", id: null, name: null })).toBe("System");
  });

  it("writes changes as field: from → to, lists as lists and nothing as —, in the form's order", () => {
    const lines = changeLines({
      "metadata.plan": { from: "free", to: null },
      tags: { from: [], to: ["vip", "blog"] },
      first_name: { from: "A", to: "B" },
      email_ok: { from: true, to: false },
      "metadata.company": { from: null, to: "Acme" },
    });
    expect(lines.map((l) => l.text)).toEqual([
      "first_name: A → B",
      "email_ok: yes → no",
      "tags: — → vip, blog",
      "metadata.company: — → Acme",
      "metadata.plan: free → —",
    ]);
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue("")).toBe("—");
  });

  it("says how long ago in the largest fitting unit", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(relativeTime("2026-11-27T11:59:30Z", now)).toBe("just now");
    expect(relativeTime("2026-11-27T11:57:00Z", now)).toBe("3 minutes ago");
    expect(relativeTime("2026-11-26T12:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("2025-11-27T12:00:00Z", now)).toBe("last year");
  });
});
