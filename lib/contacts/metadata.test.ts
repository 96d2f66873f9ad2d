import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { measureMetadata, utf8Length } from "./metadata";

describe("utf8Length", () => {
  it("counts what TextEncoder writes, for any JSON text", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), (a, b) => {
        for (const text of [JSON.stringify(a), JSON.stringify(b)]) expect(utf8Length(text)).toBe(encoder.encode(text).length);
      }),
      { numRuns: 500 },
    );
  });

  it("counts 1 to 4 bytes per character", () => {
    expect(utf8Length("a")).toBe(1);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("€")).toBe(3);
    expect(utf8Length("😀")).toBe(4);
    expect(measureMetadata({ "é": "😀" })).toEqual({ bytes: 2 + 4 + 2 + 6 });
  });
});
