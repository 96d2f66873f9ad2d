import { describe, expect, it } from "vitest";
import { toQuery, type TableUrlState } from "./use-contacts-query";

const base: TableUrlState = { search: "", status: "", tag: "", suppressed: "", sort: "-created_at", limit: 50, cursor: null, prev: [], hidden: [] };

describe("toQuery", () => {
  it("sends only the filters that are set, the sort, the size and the cursor", () => {
    const q = toQuery({ ...base, search: "ann", tag: "vip", limit: 25, cursor: "abc" });
    expect(Object.fromEntries(q)).toEqual({ search: "ann", tag: "vip", sort: "-created_at", limit: "25", cursor: "abc" });
  });

  it("can leave the cursor out (the total is counted for the filter, not the page)", () => {
    expect(toQuery({ ...base, cursor: "abc" }, { withCursor: false }).has("cursor")).toBe(false);
  });
});
