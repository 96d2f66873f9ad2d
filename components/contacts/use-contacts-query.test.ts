import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hasFilters, toQuery, viewFilter, whenSettled, type TableUrlState } from "./use-contacts-query";

const base: TableUrlState = {
  search: "",
  status: "",
  tag: "",
  suppressed: "",
  segment: "",
  conditions: [],
  sort: "-created_at",
  limit: 50,
  cursor: null,
  prev: [],
  hidden: [],
};

describe("toQuery", () => {
  it("sends only the filters that are set, the sort, the size and the cursor", () => {
    const q = toQuery({ ...base, search: "ann", tag: "vip", limit: 25, cursor: "abc" });
    expect(Object.fromEntries(q)).toEqual({ search: "ann", tag: "vip", sort: "-created_at", limit: "25", cursor: "abc" });
  });

  it("can leave the cursor out (the total is counted for the filter, not the page)", () => {
    expect(toQuery({ ...base, cursor: "abc" }, { withCursor: false }).has("cursor")).toBe(false);
  });

  it("sends the segment and the filter builder's conditions as the API reads them", () => {
    const q = toQuery({
      ...base,
      segment: "seg_1",
      conditions: [
        ["metadata[plan]", "pro"],
        ["metadata[score][gte]", "10"],
        ["has_phone", "true"],
      ],
    });
    expect(q.toString()).toBe(
      "segment=seg_1&metadata%5Bplan%5D=pro&metadata%5Bscore%5D%5Bgte%5D=10&has_phone=true&sort=-created_at&limit=50",
    );
  });
});

describe("viewFilter", () => {
  it("turns the view into the JSON filter grammar, metadata conditions folded, the segment left apart", () => {
    const state: TableUrlState = {
      ...base,
      segment: "seg_1",
      tag: "vip",
      suppressed: "false",
      conditions: [
        ["metadata[plan]", "pro"],
        ["metadata[plan][in]", "a,b"],
        ["metadata[vip][exists]", "true"],
        ["created_after", "2026-01-01T00:00:00Z"],
      ],
    };
    expect(JSON.parse(JSON.stringify(viewFilter(state)))).toEqual({
      tag: ["vip"],
      suppressed: false,
      created_after: "2026-01-01T00:00:00Z",
      metadata: { plan: { eq: "pro", in: ["a", "b"] }, vip: { exists: "true" } },
    });
  });

  it("knows whether the view narrows anything besides its segment", () => {
    expect(hasFilters({ ...base, segment: "seg_1" })).toBe(false);
    expect(hasFilters({ ...base, conditions: [["has_email", "false"]] })).toBe(true);
  });
});

// The exact count and the next page of a view wait until its rows have stood still, and while a
// search is being typed (busy), so that they never compete with the next keystroke's rows.
describe("whenSettled", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("fires once the time has passed", () => {
    const fired = vi.fn();
    whenSettled(400, () => false, fired);
    vi.advanceTimersByTime(399);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("waits while busy, then fires at the next check", () => {
    let typing = true;
    const fired = vi.fn();
    whenSettled(400, () => typing, fired);
    vi.advanceTimersByTime(1200);
    expect(fired).not.toHaveBeenCalled();
    typing = false;
    vi.advanceTimersByTime(400);
    expect(fired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(4000);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it("never fires once cancelled (the view changed), busy or not", () => {
    let typing = true;
    const fired = vi.fn();
    const cancel = whenSettled(400, () => typing, fired);
    vi.advanceTimersByTime(800);
    cancel();
    typing = false;
    vi.advanceTimersByTime(4000);
    expect(fired).not.toHaveBeenCalled();
  });
});
