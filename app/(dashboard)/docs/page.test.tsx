// The API reference renders every operation of the document with its example in all four languages.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { listOperations } from "@/lib/openapi/operations";
import { snippets, LANGUAGES } from "@/lib/openapi/snippets";
import DocsPage from "./page";

const html = renderToStaticMarkup(<DocsPage />);
const text = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("/docs", () => {
  it.each(listOperations().map((o) => [o.operationId, o] as const))(
    "shows %s with its curl, TypeScript, Python and Go examples",
    (id, op) => {
      const start = html.indexOf(`<section id="${id}"`);
      expect(start, id).toBeGreaterThan(-1);
      const section = text(html.slice(start, html.indexOf("</section>", start)));
      expect(section).toContain(op.path);
      const rendered = snippets(op);
      for (const language of LANGUAGES) {
        expect(section).toMatch(new RegExp(`id="${id}-panel-${language}" role="tabpanel"`));
        expect(section, `${id} ${language}`).toContain(rendered[language]);
      }
    },
  );

  it("shows the clients' setup once, and one language at a time (curl first)", () => {
    expect(html).toContain('id="setup-panel-curl" role="tabpanel" aria-labelledby="setup-tab-curl"><pre');
    expect(html).toMatch(/id="setup-panel-go" role="tabpanel" aria-labelledby="setup-tab-go" hidden/);
    expect(text(html)).toContain('import rolo "github.com/rolo-dev/rolo-go"');
  });
});
