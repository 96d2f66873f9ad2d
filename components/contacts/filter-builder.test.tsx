// The filter builder and the segment list render the labelled controls the Playwright journey
// (e2e/segments.spec.ts) drives, without a React warning.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FilterBuilder } from "./filter-builder";
import { SegmentList } from "./segment-list";

const render = (node: ReactNode) => {
  const client = new QueryClient();
  client.setQueryData(["metadata-keys"], { data: [{ key: "plan", count: 3 }] });
  client.setQueryData(["segments"], { data: [{ id: "seg_1", name: "Pro plan", count: 30 }] });
  return renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
};

let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errors = vi.spyOn(console, "error");
});
afterEach(() => {
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
});

describe("FilterBuilder", () => {
  it("offers field, metadata key (with the workspace's keys), operator and value, and lists active filters", () => {
    const html = render(<FilterBuilder conditions={[["metadata[plan]", "pro"], ["has_phone", "true"]]} onChange={() => {}} />);
    expect(html).toContain('<form aria-label="Add a filter"');
    for (const label of ["Field", "Metadata key", "Operator", "Value"]) expect(html).toContain(`>${label}</span>`);
    expect(html).toMatch(/<input[^>]*list="([^"]+)"[\s\S]*<datalist id="\1"><option value="plan"><\/option><\/datalist>/);
    expect(html).toContain('<ul aria-label="Active filters"');
    expect(html).toContain('aria-label="Remove filter: plan = pro"');
    expect(html).toContain('aria-label="Remove filter: has a phone"');
  });
});

describe("SegmentList", () => {
  it("links every segment with its count, the active one marked as the current page", () => {
    const html = render(<SegmentList active="seg_1" onOpen={() => {}} countNow={false} />);
    expect(html).toContain('<nav aria-label="Segments"');
    expect(html).toMatch(/<a href="\/contacts"[^>]*>.*All contacts/);
    expect(html).toMatch(/<a href="\/contacts\?segment=seg_1" aria-current="page"[^>]*><span[^>]*>Pro plan<\/span><span[^>]*>30<\/span><\/a>/);
  });
});
