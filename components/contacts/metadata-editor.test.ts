import { describe, expect, it } from "vitest";
import { rowsToMetadata, toRows } from "./metadata-editor";

describe("metadata editor rows", () => {
  it("round-trips values, keeping JSON types and dropping blank keys", () => {
    const metadata = { plan: "pro", seats: 5, beta: true, nested: { a: [1, 2] }, note: "12 apples" };
    const rows = toRows(metadata);
    expect(rows.find((r) => r.key === "seats")?.value).toBe("5");
    expect(rowsToMetadata([...rows, { key: "  ", value: "ignored" }])).toEqual(metadata);
  });

  it("keeps text that only looks like JSON as text", () => {
    expect(rowsToMetadata([{ key: "k", value: "{not json" }, { key: " t ", value: "hello" }])).toEqual({ k: "{not json", t: "hello" });
  });
});
