// Every operation of the OpenAPI document, read from the built document (never kept by hand), for
// the API reference page and for checks such as "each operation has a method in every SDK".
import { openApiDocument } from "./document";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface OperationSummary {
  operationId: string;
  method: (typeof METHODS)[number];
  /** Under the server URL (`/api/v1`), with `{param}` placeholders. */
  path: string;
  tag: string;
  summary: string;
  /** False when an API key cannot call it (dashboard session only) or it needs no authentication. */
  apiKey: boolean;
  public: boolean;
}

type Doc = ReturnType<typeof openApiDocument>;

export function listOperations(doc: Doc = openApiDocument()): OperationSummary[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const op = item[method] as { operationId: string; tags: string[]; summary: string; security?: Record<string, string[]>[] };
      const security = op.security ?? doc.security;
      return {
        operationId: op.operationId,
        method,
        path,
        tag: op.tags[0],
        summary: op.summary,
        apiKey: security.some((s) => "bearerAuth" in s),
        public: security.length === 0,
      };
    }),
  );
}

/** Every operationId of the document, in document order. */
export const OPERATION_IDS: readonly string[] = listOperations().map((o) => o.operationId);
