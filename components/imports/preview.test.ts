// The dashboard's in-browser preview on the same export files the server imports: it must see the
// same header row, recognise the same source and count the same rows.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { describeSource, proposeMapping } from "@/lib/imports/sources";
import { countRows, previewFile } from "./preview";

const file = (name: string, bytes: Buffer) => new File([new Uint8Array(bytes)], name);
const fixture = (name: string) => readFileSync(`lib/imports/fixtures/${name}`);

describe("previewFile and countRows", () => {
  it("a Mailchimp unsubscribed export: recognised, described with its row count", async () => {
    const chosen = file("unsubscribed.csv", fixture("mailchimp-unsubscribed.csv"));
    const preview = await previewFile(chosen);
    expect(preview).toMatchObject({ format: "csv", delimiter: ",", encoding: "utf-8" });
    const { source, mapping } = proposeMapping(preview.headers);
    expect(source?.id).toBe("mailchimp_unsubscribed");
    expect(mapping["Email Address"]).toBe("email");
    expect(describeSource(source!, await countRows(chosen, preview))).toBe(
      "Mailchimp export of unsubscribed contacts: these 3 people will be imported as unsubscribed.",
    );
  });

  it("a gzipped vCard file: the cards as rows under the vCard columns, counted", async () => {
    const chosen = file("contacts.vcf.gz", gzipSync(fixture("apple.vcf")));
    const preview = await previewFile(chosen);
    expect(preview).toMatchObject({ format: "vcard", delimiter: null });
    expect(proposeMapping(preview.headers).source?.id).toBe("vcard");
    expect(preview.rows[0][3]).toBe("johnny@icloud.example ::: johnny@apple.example");
    expect(await countRows(chosen, preview)).toBe(2);
  });

  it("German Outlook in Windows-1252 with semicolons and a BOM-less header", async () => {
    const chosen = file("Kontakte.csv", fixture("outlook-de.csv"));
    const preview = await previewFile(chosen);
    expect(preview).toMatchObject({ delimiter: ";", encoding: "windows-1252" });
    expect(preview.headers).toContain("Straße geschäftlich");
    expect(proposeMapping(preview.headers).source?.id).toBe("outlook_de");
    expect(await countRows(chosen, preview)).toBe(1);
  });
});
