import { describe, expect, it } from "vitest";
import { describeCondition, toCondition } from "./conditions";

describe("the filter builder's conditions", () => {
  it.each([
    [["metadata", " plan ", "eq", " pro "], ["metadata[plan]", "pro"]],
    [["metadata", "score", "gte", "10"], ["metadata[score][gte]", "10"]],
    [["metadata", "plan", "in", "pro,team"], ["metadata[plan][in]", "pro,team"]],
    [["metadata", "vip", "exists", ""], ["metadata[vip][exists]", "true"]],
    [["metadata", "vip", "missing", ""], ["metadata[vip][exists]", "false"]],
    [["has_email", "", "missing", ""], ["has_email", "false"]],
    [["has_phone", "", "exists", ""], ["has_phone", "true"]],
    [["created", "", "after", "2026-01-31"], ["created_after", "2026-01-31T00:00:00Z"]],
    [["updated", "", "before", "2026-01-31"], ["updated_before", "2026-01-31T00:00:00Z"]],
  ] as const)("turns %j into the API parameter %j", ([field, key, op, value], expected) => {
    expect(toCondition(field, key, op, value)).toEqual(expected);
  });

  it.each([
    [["metadata", "", "eq", "x"], "Enter a metadata key"],
    [["metadata", "plan", "eq", " "], "Enter a value"],
    [["metadata", "a]b", "eq", "x"], "Keys containing ] can only be filtered through the API"],
    [["created", "", "after", ""], "Enter a value"],
  ] as const)("refuses %j", ([field, key, op, value], error) => {
    expect(toCondition(field, key, op, value)).toEqual({ error });
  });

  it.each([
    [["metadata[plan]", "pro"], "plan = pro"],
    [["metadata[score][gte]", "10"], "score ≥ 10"],
    [["metadata[plan][in]", "a,b"], "plan is one of a,b"],
    [["metadata[vip][exists]", "false"], "vip does not exist"],
    [["has_email", "true"], "has an email"],
    [["has_phone", "false"], "has no phone"],
    [["created_after", "2026-01-31T00:00:00Z"], "created after 2026-01-31"],
    [["updated_before", "2026-01-31T10:00:00Z"], "updated before 2026-01-31T10:00:00Z"],
  ] as const)("reads %j as %s", (condition, text) => {
    expect(describeCondition([...condition])).toBe(text);
  });
});
