// Maps a sampled frame of a V8 CPU profile (bundled, minified chunk + line/column) back to its
// original source through the chunk's source map, and sorts it into a cost category.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sourceMap from "source-map";

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface Frame {
  /** Function name (the original one when the source map knows it) and its original location. */
  key: string;
  category: string;
  /** Repository-relative original source (or node:…/wasm://…); "" for V8's own pseudo-frames. */
  source: string;
}

const ROOT = process.cwd();
const consumers = new Map<string, sourceMap.SourceMapConsumer | null>();

/** The source map of a generated file: `//# sourceMappingURL=` or `<file>.map`; null when none or empty. */
function consumerFor(file: string) {
  if (consumers.has(file)) return consumers.get(file)!;
  let consumer: sourceMap.SourceMapConsumer | null = null;
  try {
    const text = readFileSync(file, "utf8");
    const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text.slice(-500))?.[1];
    const mapFile = ref && !ref.startsWith("data:") ? path.resolve(path.dirname(file), decodeURIComponent(ref)) : `${file}.map`;
    if (existsSync(mapFile)) {
      const raw = JSON.parse(readFileSync(mapFile, "utf8"));
      const empty = raw.sections ? raw.sections.length === 0 : !raw.mappings;
      if (!empty) consumer = new sourceMap.SourceMapConsumer(raw);
    }
  } catch {
    consumer = null;
  }
  consumers.set(file, consumer);
  return consumer;
}

/** A source as a map names it (relative to the map, webpack://pkg/…, turbopack:///[project]/…) → repository-relative path. */
function normalizeSource(source: string, generatedFile: string) {
  let s = decodeURIComponent(source);
  const webpack = /^webpack:\/\/(_N_E|[^/]+)\/(?:\.\/)?(.*)$/.exec(s);
  if (webpack) s = webpack[1] === "_N_E" ? webpack[2] : path.join("node_modules", webpack[1], webpack[2]);
  else if (s.startsWith("turbopack:///[project]/")) s = s.slice("turbopack:///[project]/".length);
  else if (s.startsWith("file://")) s = path.relative(ROOT, fileURLToPath(s));
  else if (!s.includes("://")) s = path.relative(ROOT, path.resolve(path.dirname(generatedFile), s));
  return s.split(path.sep).join("/");
}

/** The name of the function whose parameter list starts at `column` of an original line. */
function nameFromSource(line: string | undefined, column: number) {
  if (!line) return null;
  const head = line.slice(0, column);
  const rest = line.slice(column);
  // A function the bundler inlined maps to its call site: `answer(request, …)`.
  const call = /^([\w$]+)\s*\(/.exec(rest)?.[1];
  if (call && !KEYWORDS.has(call)) return call;
  const patterns = [
    /function\s*\*?\s*([\w$]+)\s*(?:<[^>]*>)?\s*\(?\s*$/, // function name<T>(
    /([\w$]+)\s*[:=]\s*(?:async\s*)?(?:function\s*\*?\s*)?\(?\s*$/, // name = async (   name: function (
    /([\w$]+)\s*(?:<[^>]*>)?\s*\(?\s*$/, // method name(
  ];
  for (const p of patterns) {
    const m = p.exec(head);
    if (m && !KEYWORDS.has(m[1])) return m[1];
  }
  const declared = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*|(?:const|let|var)\s+)([\w$]+)/.exec(rest)?.[1];
  if (declared) return declared;
  if (/(?:^|[^\w$])async\s*\(?\s*$/.test(head) || /^async\s*(?:\(|[\w$]+\s*=>)/.test(rest)) return "(async arrow)";
  return /^(?:\([^)]*\)|[\w$]+)\s*(?::[^=]*)?=>/.test(rest) ? "(arrow)" : null;
}

const KEYWORDS = new Set(["function", "return", "async", "await", "new", "if", "for", "while", "switch", "catch", "else", "case", "void", "typeof", "export", "default", "const", "let", "var"]);
const generatedLines = new Map<string, string[]>();

/**
 * The original name of a minified function. V8 places a function at its parameter list, so the
 * token just before it is the generated name (`function tz(`, `rj=async t=>`, `get(`); the source
 * map names that token, or the original text at its mapped position does.
 */
function originalName(consumer: sourceMap.SourceMapConsumer, file: string, cf: CallFrame, pos: sourceMap.MappedPosition): string | null {
  let lines = generatedLines.get(file);
  if (!lines) generatedLines.set(file, (lines = readFileSync(file, "utf8").split("\n")));
  const before = (lines[cf.lineNumber] ?? "").slice(Math.max(0, cf.columnNumber - 300), cf.columnNumber);
  const m = /([\w$]+)\s*(?:[=:]\s*(?:async\s*)?)?$/.exec(before);
  let found: string | null = null;
  if (m) {
    const at = consumer.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber - (before.length - m.index) });
    const text = at.source ? consumer.sourceContentFor(at.source, true)?.split("\n")[at.line - 1] : undefined;
    found = (m[1] !== "function" && at.name) || (text ? (nameFromSource(text, at.column) ?? /^[\w$]+/.exec(text.slice(at.column))?.[0] ?? null) : null);
    if (found && (KEYWORDS.has(found) || found.length <= 1)) found = null;
  }
  if (!found) {
    const content = consumer.sourceContentFor(pos.source, true);
    found = nameFromSource(content?.split("\n")[pos.line - 1], pos.column);
  }
  return found === "async" ? "(async arrow)" : found;
}

const scriptPath = (url: string) => (url.startsWith("file://") ? fileURLToPath(url) : url.startsWith("/") ? url : null);

const frames = new Map<string, Frame>();

export function symbolize(cf: CallFrame): Frame {
  const id = `${cf.url}|${cf.lineNumber}|${cf.columnNumber}|${cf.functionName}`;
  let frame = frames.get(id);
  if (!frame) frames.set(id, (frame = resolve(cf)));
  return frame;
}

function resolve(cf: CallFrame): Frame {
  const name = cf.functionName || "(anonymous)";
  if (/^\((garbage collector|idle|program|root)\)$/.test(cf.functionName)) return { key: cf.functionName, category: categoryOf("", cf.functionName), source: "" };
  if (!cf.url) return { key: `${name} (native)`, category: categoryOf("", cf.functionName), source: "" };
  if (cf.url.startsWith("node:") || cf.url.startsWith("wasm://")) {
    const source = cf.url;
    return { key: `${name} (${source}:${cf.lineNumber + 1})`, category: categoryOf(source, name), source };
  }
  const file = scriptPath(cf.url);
  if (!file) return { key: `${name} (${cf.url}:${cf.lineNumber + 1})`, category: "other", source: cf.url };
  const generated = path.relative(ROOT, file).split(path.sep).join("/");
  const consumer = consumerFor(file);
  if (consumer && cf.lineNumber >= 0) {
    const pos = consumer.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
    if (pos.source) {
      const source = normalizeSource(pos.source, file);
      const minified = !cf.functionName || cf.functionName.length <= 2 || /^[\w$]{1,2}\./.test(cf.functionName);
      const fn = (minified && originalName(consumer, file, cf, pos)) || name;
      return { key: `${fn} (${source}:${pos.line})`, category: categoryOf(source, fn), source };
    }
  }
  return { key: `${name} (${generated}:${cf.lineNumber + 1})`, category: categoryOf(generated, name), source: generated };
}

const OURS_TOP = new Set(["proxy.ts", "instrumentation.ts", "next.config.ts"]);
export const NATIVE = "native functions (no script)";
export const COMPRESSION = "gzip of responses (next `compress` + node:zlib)";

/** The cost category of an original source path (repository-relative, node:…, wasm://…) and function. */
export function categoryOf(source: string, fn: string): string {
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(idle)") return "idle";
  if (fn === "(program)") return "(program): V8/native outside JS";
  if (fn === "(root)") return "(root)";
  if (!source) return NATIVE;
  if (source.startsWith("wasm://")) return "@prisma query compiler (wasm)";
  if (source.startsWith("node:")) return nodeCategory(source.slice(5));
  if (OURS_TOP.has(source)) return `ours: ${source}`;
  if (source.startsWith("app/")) return "ours: app/";
  if (source.startsWith("lib/generated/")) return "@prisma/client runtime";
  if (source.startsWith("lib/")) return `ours: lib/${source.split("/")[1].replace(/\.tsx?$/, "")}`;
  if (source.includes("[turbopack]")) return "next: bundle runtime (turbopack)";
  const nm = source.lastIndexOf("node_modules/");
  if (nm === -1) return source.startsWith(".next") ? "next: generated chunks (unmapped)" : "other";
  const rest = source.slice(nm + "node_modules/".length);
  const pkg = rest.startsWith("@") ? rest.split("/").slice(0, 2).join("/") : rest.split("/")[0];
  if (pkg === "next") return nextCategory(rest, fn);
  if (pkg === "@prisma/adapter-pg" || pkg === "@prisma/driver-adapter-utils") return "@prisma/adapter-pg";
  if (/query_compiler/.test(rest)) return "@prisma query compiler (wasm glue)";
  if (pkg.startsWith("@prisma/") || pkg === "klona") return "@prisma/client runtime";
  if (pkg === "pg" || pkg.startsWith("pg-") || pkg.startsWith("postgres-")) return "pg (node-postgres, pg-types)";
  if (pkg === "zod") return "zod";
  if (pkg === "react" || pkg === "react-dom" || pkg.startsWith("react-server-dom")) return "next: react/rsc";
  return `other package: ${pkg}`;
}

function nextCategory(rest: string, fn: string) {
  if (/compiled\/compression/.test(rest)) return COMPRESSION;
  if (/compiled\/react|react-server-dom|react-dom|app-render/.test(rest)) return "next: react/rsc";
  if (/node-environment-extensions/.test(rest)) return "next: Date/crypto wrappers (node-environment-extensions)";
  if (/trace\/|opentelemetry/.test(rest)) return "next: tracing (span wrappers)";
  if (/server\/web\/|templates\/middleware|edge-runtime|middleware/.test(rest) || /middleware/i.test(fn)) return "next: proxy/middleware (adapter, NextRequest/NextResponse)";
  if (/route-modules\/app-route|templates\/app-route|app-route/.test(rest)) return "next: app-route module";
  if (/send-response|pipe-readable|stream-utils/.test(rest)) return "next: sending the Response (web stream → node)";
  return "next: router/server core";
}

function nodeCategory(mod: string) {
  if (/zlib/.test(mod)) return COMPRESSION;
  if (/deps\/undici|abort_controller|internal\/event_target/.test(mod)) return "node: web APIs (Request/Response/Headers/AbortSignal)";
  if (/webstreams|streams|^stream|js_transferable/.test(mod)) return "node: streams (node + web)";
  if (/crypto/.test(mod)) return "node: crypto";
  if (/_http_|^http|internal\/http|^net|stream_base|tcp|dns/.test(mod)) return "node: http/net";
  if (/async_hooks|async_local_storage|async_context/.test(mod)) return "node: async_hooks/ALS";
  if (/timers|task_queues|process\/|promise/.test(mod)) return "node: event loop (timers, microtasks)";
  if (/url|querystring/.test(mod)) return "node: url";
  if (/^path|modules\/|^fs|internal\/fs/.test(mod)) return "node: path/fs/require";
  if (/buffer|string_decoder|util|encoding|events/.test(mod)) return "node: buffer/util/events";
  return "node: other internals";
}
