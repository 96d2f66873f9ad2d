import { describe, expect, it } from "vitest";
import { csvCell } from "@/lib/csv";

describe("csvCell neutralises formulas", () => {
  it.each([
    "=1+1",
    "+14155550101",
    "-2",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
    " =HYPERLINK(\"http://evil.example\")",
    "   +1",
    "\u00A0=1",
    "\u00A0\u00A0@x",
    "\t=1",
    "\n=1",
    "\r\n-1",
    "\u2003=1",
    "\u3000=1",
    "\u200B=1",
    "\uFEFF=1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " ＝1",
    "\u00A0＋1",
    "﹦1",
  ])("prefixes %j with '", (value) => {
    const cell = csvCell(value);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(unquoted).toBe(`'${value}`);
  });

  it.each([
    ["plain", "plain"],
    ["a=b", "a=b"],
    ["x-1", "x-1"],
    [" leading space", " leading space"],
    ["ann@example.com", "ann@example.com"],
    ["", ""],
    [42, "42"],
    [-5, "'-5"],
    [true, "true"],
    [null, ""],
    [["vip", "beta"], '"vip,beta"'],
    ['say "hi"', '"say ""hi"""'],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
