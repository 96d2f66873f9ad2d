// Reads a .cpuprofile, keeps the samples taken inside the measurement windows, and sums self
// and inclusive time per category and per function (original locations via source maps).
import { readFileSync } from "node:fs";
import { NATIVE, symbolize, type CallFrame, type Frame } from "./symbolize";

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A span of the monotonic clock in microseconds (the clock V8 stamps samples with). */
export type Window = [number, number];

/** A named set of frames: its inclusive time counts every sample with one of them on the stack. */
export interface Group {
  name: string;
  test: (f: Frame) => boolean;
}

export interface Breakdown {
  /** Microseconds sampled inside the windows, idle included. */
  totalUs: number;
  sampleCount: number;
  /** Whether the windows matched the profile's clock (else the whole profile was used). */
  windowed: boolean;
  categories: { name: string; selfUs: number; inclusiveUs: number }[];
  functions: { key: string; category: string; selfUs: number; totalUs: number }[];
  /** Our source files: time with a frame of that file anywhere on the stack. */
  ourFiles: { source: string; selfUs: number; inclusiveUs: number }[];
  groups: { name: string; inclusiveUs: number }[];
}

export function analyze(file: string, windows: Window[], groups: Group[] = []): Breakdown {
  const profile: CpuProfile = JSON.parse(readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample i happens at startTime + Σ timeDeltas[0..i] and lasts until the next one.
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  const durations = times.map((ti, i) => (i + 1 < times.length ? times[i + 1] - ti : 0));
  const overlaps = windows.some(([a, b]) => a < profile.endTime && b > profile.startTime);
  const inWindow = (ti: number) => !overlaps || windows.some(([a, b]) => ti >= a && ti < b);

  // A native function (socket write, JSON.parse…) counts for the category of the JS that called it.
  const frameOf = new Map<number, Frame>();
  const frame = (id: number): Frame => {
    let f = frameOf.get(id);
    if (f) return f;
    f = symbolize(byId.get(id)!.callFrame);
    if (f.category === NATIVE) {
      // Its category is its caller's; its name says which package or file of ours led to it.
      const up = parent.get(id);
      const caller = up === undefined ? undefined : frame(up);
      const category = caller && caller.category !== "(root)" ? caller.category : "native, called from no script";
      let via: string | undefined;
      for (let a = up; a !== undefined && !via; a = parent.get(a)) {
        const c = frame(a).category;
        if (!/^(node:|\(|native)/.test(c)) via = c;
      }
      f = { ...f, category, key: `${f.key.replace(/ \(native\)$/, "")} (native, ${via ? `via ${via}` : `from ${category}`})` };
    }
    frameOf.set(id, f);
    return f;
  };
  // Per node: the distinct functions, categories and our files on its stack (for inclusive time).
  type Stack = { keys: Set<string>; cats: Set<string>; files: Set<string>; groups: Set<string> };
  const stacks = new Map<number, Stack>();
  const stackOf = (id: number): Stack => {
    const known = stacks.get(id);
    if (known) return known;
    const up = parent.get(id);
    const base: Stack = up === undefined ? { keys: new Set(), cats: new Set(), files: new Set(), groups: new Set() } : stackOf(up);
    const f = frame(id);
    const s: Stack = { keys: new Set(base.keys).add(f.key), cats: new Set(base.cats).add(f.category), files: new Set(base.files), groups: new Set(base.groups) };
    if (f.category.startsWith("ours:") && f.source) s.files.add(f.source);
    for (const g of groups) if (g.test(f)) s.groups.add(g.name);
    stacks.set(id, s);
    return s;
  };

  const catSelf = new Map<string, number>();
  const catIncl = new Map<string, number>();
  const fnSelf = new Map<string, number>();
  const fnTotal = new Map<string, number>();
  const fnCat = new Map<string, string>();
  const fileSelf = new Map<string, number>();
  const fileIncl = new Map<string, number>();
  const groupIncl = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let totalUs = 0;
  let sampleCount = 0;
  profile.samples.forEach((id, i) => {
    if (!inWindow(times[i])) return;
    const us = durations[i];
    totalUs += us;
    sampleCount++;
    const f = frame(id);
    add(catSelf, f.category, us);
    add(fnSelf, f.key, us);
    fnCat.set(f.key, f.category);
    if (f.category.startsWith("ours:") && f.source) add(fileSelf, f.source, us);
    const s = stackOf(id);
    for (const k of s.keys) add(fnTotal, k, us);
    for (const c of s.cats) add(catIncl, c, us);
    for (const file of s.files) add(fileIncl, file, us);
    for (const g of s.groups) add(groupIncl, g, us);
  });
  for (const f of frameOf.values()) fnCat.set(f.key, f.category);

  return {
    totalUs,
    sampleCount,
    windowed: overlaps,
    categories: [...catIncl.keys()]
      .filter((c) => c !== "(root)")
      .map((name) => ({ name, selfUs: catSelf.get(name) ?? 0, inclusiveUs: catIncl.get(name) ?? 0 }))
      .sort((a, b) => b.selfUs - a.selfUs),
    functions: [...fnTotal.keys()].map((key) => ({ key, category: fnCat.get(key) ?? "", selfUs: fnSelf.get(key) ?? 0, totalUs: fnTotal.get(key) ?? 0 })),
    ourFiles: [...fileIncl.keys()]
      .map((source) => ({ source, selfUs: fileSelf.get(source) ?? 0, inclusiveUs: fileIncl.get(source) ?? 0 }))
      .sort((a, b) => b.inclusiveUs - a.inclusiveUs),
    groups: groups.map((g) => ({ name: g.name, inclusiveUs: groupIncl.get(g.name) ?? 0 })),
  };
}
