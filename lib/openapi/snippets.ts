// Renders an operation's example (examples.ts) as curl, from the request and the document, and as
// the SDK call in TypeScript, Python and Go, following each SDK's naming rules.
import { EXAMPLES, type Example, type ExampleRequest, type SdkCall, type Value } from "./examples";
import type { OperationSummary } from "./operations";

export const LANGUAGES = ["curl", "typescript", "python", "go"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_LABELS: Record<Language, string> = { curl: "curl", typescript: "TypeScript", python: "Python", go: "Go" };

export function snippets(
  op: OperationSummary,
  example: Example | undefined = EXAMPLES[op.operationId],
): Record<Language, string> {
  if (!example) throw new Error(`No example for ${op.operationId} in lib/openapi/examples.ts`);
  const sdk = example.sdk;
  if ("none" in sdk) {
    return { curl: curl(op, example.request), typescript: `// ${sdk.none}`, python: `# ${sdk.none}`, go: `// ${sdk.none}` };
  }
  return {
    curl: curl(op, example.request),
    typescript: typescript(sdk, example.request),
    python: python(sdk, example.request),
    go: go(sdk, example.request),
  };
}

const pathArgs = (req: ExampleRequest) => Object.values(req.path ?? {});
const str = (s: string) => JSON.stringify(s);
const isIdentifier = (k: string) => /^[A-Za-z_$][\w$]*$/.test(k);

// curl -----------------------------------------------------------------------------------------

const shellSingleQuoted = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function curl(op: OperationSummary, req: ExampleRequest) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => req.path?.[name] ?? `{${name}}`);
  const query = new URLSearchParams(
    Object.entries(req.query ?? {}).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => [k, typeof x === "string" ? x : JSON.stringify(x)]),
    ),
  ).toString();
  const parts = [
    `curl${op.method === "get" ? "" : ` -X ${op.method.toUpperCase()}`} "$ROLO_BASE_URL/api/v1${path}${query ? `?${query}` : ""}"`,
  ];
  if (op.apiKey) parts.push('-H "Authorization: Bearer $ROLO_API_KEY"');
  else if (!op.public) {
    // Session-only endpoints: the dashboard's cookie, and writes must name our own origin.
    parts.push('-H "Cookie: next-auth.session-token=$ROLO_SESSION"');
    if (op.method !== "get") parts.push('-H "Origin: $ROLO_BASE_URL"');
  }
  if (req.body) parts.push('-H "Content-Type: application/json"', `-d ${shellSingleQuoted(JSON.stringify(req.body))}`);
  if (req.upload) {
    parts.push(`-F "file=@${req.upload.filename}"`, ...Object.entries(req.upload.fields ?? {}).map(([k, v]) => `-F "${k}=${v}"`));
  }
  return parts.join(" \\\n  ");
}

// TypeScript -----------------------------------------------------------------------------------

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

function tsValue(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(tsValue).join(", ")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => `${isIdentifier(k) ? k : str(k)}: ${tsValue(x)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(v);
}

function typescript(sdk: SdkCall, req: ExampleRequest) {
  const target = `rolo.${sdk.method.split(".").map(camel).join(".")}`;
  const params = req.upload
    ? `{ file: await readFile(${str(req.upload.filename)}), filename: ${str(req.upload.filename)}${Object.entries(
        req.upload.fields ?? {},
      )
        .map(([k, v]) => `, ${k}: ${str(v)}`)
        .join("")} }`
    : req.body || req.query
      ? tsValue((req.body ?? req.query)!)
      : undefined;
  const args = [...pathArgs(req).map(str), ...(params ? [params] : [])].join(", ");
  const lines = [
    ...(req.upload ? ['import { readFile } from "node:fs/promises";', ""] : []),
    sdk.result ? `const ${sdk.result} = await ${target}(${args});` : `await ${target}(${args});`,
  ];
  if (sdk.paginate) {
    lines.push(
      "",
      "// Every item of every page:",
      `for await (const ${sdk.paginate} of ${target}(${args})) {`,
      `  console.log(${sdk.paginate}.id);`,
      "}",
    );
  }
  return lines.join("\n");
}

// Python ---------------------------------------------------------------------------------------

function pyValue(v: Value): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (Array.isArray(v)) return `[${v.map(pyValue).join(", ")}]`;
  if (typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `${str(k)}: ${pyValue(x)}`)
      .join(", ")}}`;
  return JSON.stringify(v);
}

function python(sdk: SdkCall, req: ExampleRequest) {
  const target = `client.${sdk.method}`;
  const kwargs = req.upload
    ? [
        `file=f`,
        `filename=${str(req.upload.filename)}`,
        ...Object.entries(req.upload.fields ?? {}).map(([k, v]) => `${k}=${str(v)}`),
      ]
    : Object.entries(req.body ?? req.query ?? {}).map(([k, v]) => `${k}=${pyValue(v)}`);
  const args = [...pathArgs(req).map(str), ...kwargs].join(", ");
  const call = sdk.result ? `${sdk.result} = ${target}(${args})` : `${target}(${args})`;
  const lines = req.upload ? [`with open(${str(req.upload.filename)}, "rb") as f:`, `    ${call}`] : [call];
  if (sdk.paginate)
    lines.push("", "# Every item of every page:", `for ${sdk.paginate} in ${target}(${args}):`, `    print(${sdk.paginate}.id)`);
  return lines.join("\n");
}

// Go -------------------------------------------------------------------------------------------

const GO_WORDS: Record<string, string> = {
  id: "ID",
  ids: "IDs",
  ok: "OK",
  sms: "SMS",
  bom: "BOM",
  url: "URL",
  csv: "CSV",
  whatsapp: "WhatsApp",
};
const goName = (snake: string) =>
  snake
    .split(/[_.]/)
    .map((w) => GO_WORDS[w] ?? w[0].toUpperCase() + w.slice(1))
    .join("");
const POINTER_HELPERS = { string: "rolo.String", boolean: "rolo.Bool", number: "rolo.Int" } as const;

type GoOptions = NonNullable<SdkCall["go"]>;

function goValue(v: Value, type: string | undefined, pointer: boolean): string {
  if (type === "[]string" && typeof v === "string") return `[]string{${str(v)}}`;
  if (type === "[]string" && Array.isArray(v)) return `[]string{${v.map((x) => str(String(x))).join(", ")}}`;
  if (Array.isArray(v)) {
    if (type?.startsWith("[]")) return `${type}{${v.map((x) => `{${goFields(x as Record<string, Value>, {})}}`).join(", ")}}`;
    if (v.every((x) => typeof x === "string")) return `[]string{${v.map((x) => str(x as string)).join(", ")}}`;
    return `[]any{${v.map((x) => goValue(x, undefined, false)).join(", ")}}`;
  }
  if (v && typeof v === "object") {
    if (type) return `${type}{${goFields(v, {})}}`;
    return `map[string]any{${Object.entries(v)
      .map(([k, x]) => `${str(k)}: ${goValue(x, undefined, false)}`)
      .join(", ")}}`;
  }
  if (v === null) return "nil";
  const literal = typeof v === "string" ? str(v) : String(v);
  return pointer ? `${POINTER_HELPERS[typeof v as keyof typeof POINTER_HELPERS]}(${literal})` : literal;
}

const isPointer = (v: Value, o: GoOptions) =>
  (o.pointers === "scalars" && v !== null && typeof v !== "object") || (o.pointers === "bools" && typeof v === "boolean");

function goFieldList(values: Record<string, Value>, o: GoOptions): [string, string][] {
  const embedded = Object.entries(o.embed ?? {});
  const inEmbed = new Set(embedded.flatMap(([, fields]) => fields));
  const fields: [string, string][] = embedded
    .filter(([, names]) => names.some((n) => n in values))
    .map(([struct, names]) => [
      struct,
      `rolo.${struct}{${goFields(Object.fromEntries(names.filter((n) => n in values).map((n) => [n, values[n]])), { ...o, embed: {} })}}`,
    ]);
  for (const [k, v] of Object.entries(values))
    if (!inEmbed.has(k)) fields.push([goName(k), goValue(v, o.types?.[k], isPointer(v, o))]);
  return fields;
}

const goFields = (values: Record<string, Value>, o: GoOptions) =>
  goFieldList(values, o)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");

/** `&rolo.T{…}` on one line when short, else one field per line aligned as gofmt does. */
function goStruct(type: string, fields: [string, string][]) {
  const inline = `&rolo.${type}{${fields.map(([k, v]) => `${k}: ${v}`).join(", ")}}`;
  if (fields.length <= 2 && inline.length <= 80) return inline;
  const width = Math.max(...fields.map(([k]) => k.length)) + 1;
  return `&rolo.${type}{\n${fields.map(([k, v]) => `\t${`${k}:`.padEnd(width)} ${v},`).join("\n")}\n}`;
}

function go(sdk: SdkCall, req: ExampleRequest) {
  const o = sdk.go ?? {};
  const segments = sdk.method.split(".").map(goName);
  const target = `client.${segments.join(".")}`;
  const values = req.body ?? req.query ?? Object.fromEntries(Object.entries(req.upload?.fields ?? {}));
  const fields: [string, string][] = [...(req.upload ? [["File", "f"] as [string, string]] : []), ...goFieldList(values, o)];
  const args = ["ctx", ...pathArgs(req).map(str), ...(o.params ? [goStruct(o.params, fields)] : [])].join(", ");
  const check = ["if err != nil {", "\tlog.Fatal(err)", "}"];
  const lines = [
    ...(req.upload ? [`f, err := os.Open(${str(req.upload.filename)})`, ...check, "defer f.Close()"] : []),
    sdk.result ? `${sdk.result}, err := ${target}(${args})` : `err := ${target}(${args})`,
    ...check,
  ];
  if (sdk.paginate) {
    const iterArgs = ["ctx", ...pathArgs(req).map(str), ...(o.params ? [goStruct(o.params, fields)] : [])].join(", ");
    lines.push(
      "",
      "// Every item of every page:",
      `iter := ${target}AutoPaging(${iterArgs})`,
      "for iter.Next() {",
      `\t${sdk.paginate} := iter.Current()`,
      `\tfmt.Println(${sdk.paginate}.ID)`,
      "}",
      "if err := iter.Err(); err != nil {",
      "\tlog.Fatal(err)",
      "}",
    );
  }
  return lines.join("\n");
}
