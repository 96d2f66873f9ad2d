"use client";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type DragEvent } from "react";
import { api } from "@/lib/api-client";
import { MAPPABLE_FIELDS, metadataKey, type Mapping } from "@/lib/imports/mapping";
import { describeSource, proposeMapping, type SourceTable } from "@/lib/imports/sources";
import type { ImportView } from "@/lib/imports/schemas";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { countRows, previewFile, type Preview } from "./preview";
import { uploadImport } from "./upload";
import { ImportProgress, importQuery } from "./import-progress";
import { ImportOptions, type ImportChoices } from "./import-options";

const FIELD_LABELS: Record<(typeof MAPPABLE_FIELDS)[number], string> = {
  email: "Email",
  phone: "Phone",
  first_name: "First name",
  last_name: "Last name",
  name: "Full name",
  status: "Status",
  tags: "Tags",
  suppressed: "Suppressed",
  suppressed_reason: "Suppressed reason",
  email_ok: "Email OK",
  sms_ok: "SMS OK",
  whatsapp_ok: "WhatsApp OK",
  voice_ok: "Voice OK",
};
const FILE_NAME = /\.(csv|tsv|txt|vcf|vcard)(\.gz)?$|\.gz$/i;

/** What the recogniser saw in the file, and what happens to its people. */
function SourceBanner({ source, rows, saved }: { source: SourceTable | null; rows: number | null; saved: boolean }) {
  const withdrawn = source?.status?.some((r) => !r.when && (r.set.status === "unsubscribed" || r.set.suppressed));
  return (
    <div role="status" className="space-y-1 text-sm">
      {source ? (
        <p className={withdrawn ? "rounded border border-amber-300 bg-amber-50 p-2 font-medium text-amber-900" : "rounded border border-indigo-200 bg-indigo-50 p-2 text-indigo-900"}>
          {rows === null ? `${describeSource(source)} (counting rows…)` : describeSource(source, rows)}
        </p>
      ) : rows !== null ? (
        <p className="text-slate-600">{rows.toLocaleString("en")} rows to import.</p>
      ) : null}
      {saved ? <p className="text-slate-600">Using the mapping you confirmed for these columns before; change any of it below.</p> : null}
    </div>
  );
}

export function ImportWizard({ countries, defaultCountry }: { countries: string[]; defaultCountry: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const chosen = useRef(0);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [edited, setEdited] = useState(false);
  const [source, setSource] = useState<SourceTable | null>(null);
  const [rows, setRows] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const [choices, setChoices] = useState<ImportChoices>({ onConflict: "update", country: defaultCountry, resubscribe: false, allowErased: false });
  const [dragging, setDragging] = useState(false);
  const [uploadProgress, setUploadProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string>();
  const [started, setStarted] = useState<ImportView | null>(null);

  async function choose(picked: File | undefined) {
    setProblem(undefined);
    setStarted(null);
    if (!picked) return;
    if (picked.size === 0) return setProblem("That file is empty.");
    if (!FILE_NAME.test(picked.name)) return setProblem(`"${picked.name}" is not a CSV or vCard file.`);
    const turn = ++chosen.current;
    try {
      const p = await previewFile(picked);
      if (!p.headers.length) return setProblem("No header row found in this file.");
      // The same recogniser as the server's import job (lib/imports/sources).
      const proposal = proposeMapping(p.headers);
      setFile(picked);
      setPreview(p);
      setSource(proposal.source);
      setMapping({ ...proposal.mapping });
      setEdited(false);
      setSaved(false);
      setRows(null);
      void countRows(picked, p).then((n) => chosen.current === turn && setRows(n), () => {});
      // A mapping this workspace confirmed for the same header row wins over the proposal.
      void api.previewImportMapping(p.headers).then(
        (r) => {
          if (chosen.current !== turn || !r.saved) return;
          setMapping(r.mapping);
          setSaved(true);
        },
        () => {},
      );
    } catch (error) {
      setProblem(`Could not read this file: ${(error as Error).message}`);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  }

  async function start() {
    if (!file) return;
    setProblem(undefined);
    const form = new FormData();
    // Sent only when the user changed it: the server saves it for this header row.
    if (edited) form.set("mapping", JSON.stringify(mapping));
    form.set("on_conflict", choices.onConflict);
    form.set("default_country", choices.country);
    form.set("resubscribe", String(choices.resubscribe));
    form.set("allow_erased", String(choices.allowErased));
    form.set("file", file);
    setUploadProgress(0);
    try {
      const job = await uploadImport(form, setUploadProgress);
      setStarted(job);
      setFile(null);
      setPreview(null);
      void queryClient.invalidateQueries({ queryKey: ["imports"] });
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setUploadProgress(null);
    }
  }

  const hasContactColumn = Object.values(mapping).some((t) => t === "email" || t === "phone");

  return (
    <div className="space-y-6">
      {!preview ? (
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
          className={`flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed p-10 text-center ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-white"}`}
        >
          <p className="text-slate-700">Drop a CSV or vCard file here (.csv, .tsv, .txt, .vcf, or gzip-compressed), up to 100 MB.</p>
          <p className="text-sm text-slate-500">Exports of Google Contacts, Outlook, Mailchimp, HubSpot, Apple Contacts (vCard) and Rolo are recognised and mapped for you.</p>
          <Button variant="primary" onClick={() => input.current?.click()}>
            Choose a file
          </Button>
          <input ref={input} type="file" accept=".csv,.tsv,.txt,.vcf,.gz,text/csv,text/vcard" className="sr-only" aria-label="CSV file" onChange={(e) => void choose(e.target.files?.[0])} />
        </div>
      ) : (
        <section aria-labelledby="mapping-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="mapping-heading" className="text-lg font-semibold">
              Map the columns of {file?.name}
            </h2>
            <p className="text-sm text-slate-500">
              {file!.size < 1024 * 1024 ? `${Math.ceil(file!.size / 1024)} KB` : `${(file!.size / 1024 / 1024).toFixed(1)} MB`} · {preview.encoding} ·{" "}
              {preview.delimiter === null ? "vCard" : `delimiter ${preview.delimiter === "\t" ? "tab" : `"${preview.delimiter}"`}`}
            </p>
          </div>
          <SourceBanner source={source} rows={rows} saved={saved} />
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3">Column</th>
                  <th scope="col" className="py-2 pr-3">Import as</th>
                  <th scope="col" className="py-2">First rows</th>
                </tr>
              </thead>
              <tbody>
                {preview.headers.map((header, i) => {
                  const custom = `metadata.${metadataKey(header) === "column" ? `column_${i + 1}` : metadataKey(header)}`;
                  const target = Object.hasOwn(mapping, header) ? mapping[header] : "ignore";
                  return (
                    <tr key={`${header}-${i}`} className="border-t border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-3 font-medium">{header || `(column ${i + 1})`}</th>
                      <td className="py-2 pr-3">
                        <Select
                          aria-label={`Import ${header} as`}
                          value={target}
                          onChange={(e) => {
                            setMapping({ ...mapping, [header]: e.target.value });
                            setEdited(true);
                          }}
                          className="w-52"
                        >
                          {MAPPABLE_FIELDS.map((f) => (
                            <option key={f} value={f}>{FIELD_LABELS[f]}</option>
                          ))}
                          <option value={custom}>Custom field (metadata)</option>
                          {target.startsWith("metadata.") && target !== custom ? <option value={target}>{target}</option> : null}
                          <option value="ignore">Don’t import</option>
                        </Select>
                      </td>
                      <td className="py-2 text-slate-600">{preview.rows.map((r) => r[i] ?? "").filter(Boolean).slice(0, 3).join(" · ")}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ImportOptions choices={choices} onChange={setChoices} countries={countries} />
          {!hasContactColumn ? (
            <p role="alert" className="text-sm text-red-600">Map one column to Email or Phone.</p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={start} disabled={!hasContactColumn || uploadProgress !== null}>
              Start import
            </Button>
            <Button
              onClick={() => {
                setFile(null);
                setPreview(null);
              }}
              disabled={uploadProgress !== null}
            >
              Choose another file
            </Button>
            {uploadProgress !== null ? (
              <span className="flex items-center gap-2 text-sm text-slate-600">
                Uploading…
                <progress max={1} value={uploadProgress} aria-label="Upload progress" className="h-2 w-40" />
                {Math.round(uploadProgress * 100)} %
              </span>
            ) : null}
          </div>
        </section>
      )}
      {problem ? (
        <p role="alert" className="text-sm text-red-600">{problem}</p>
      ) : null}
      {started ? (
        <ImportProgress
          id={started.id}
          onDone={(view) => {
            if (view.status === "completed") toast(`Import finished: ${view.created.toLocaleString("en")} created, ${view.updated.toLocaleString("en")} updated`);
            void queryClient.invalidateQueries({ queryKey: ["imports"] });
          }}
        />
      ) : null}
      <PastImports liveId={started?.id} />
    </div>
  );
}

/** Imports of the workspace; the one being watched above shows its live row (the list polls every 5 s, the card every 0.5 s). */
function PastImports({ liveId }: { liveId?: string }) {
  const imports = useQuery({ queryKey: ["imports"], queryFn: () => api.listImports().then((r) => r.data), refetchInterval: 5000 });
  // Its own fetch only when the entry is missing; the card's polling keeps it fresh.
  const live = useQuery({ ...importQuery(liveId ?? ""), enabled: liveId !== undefined, staleTime: Infinity }).data;
  return (
    <section aria-labelledby="past-imports" className="space-y-2">
      <h2 id="past-imports" className="text-lg font-semibold">Past imports</h2>
      {imports.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : imports.isError ? (
        <p role="alert" className="text-sm text-red-600">{imports.error.message}</p>
      ) : imports.data.length === 0 ? (
        <p className="text-sm text-slate-500">No imports yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                {["File", "Status", "Rows", "Created", "Updated", "Skipped", "Failed", "Uploaded", ""].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {imports.data.map((listed) => {
                const i = live?.id === listed.id ? live : listed;
                return (
                  <tr key={i.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-3 py-2 font-medium">{i.file_name}</td>
                    <td className="px-3 py-2">{i.status}</td>
                    <td className="px-3 py-2">{i.processed_rows.toLocaleString("en")}{i.total_rows !== null ? ` / ${i.total_rows.toLocaleString("en")}` : ""}</td>
                    <td className="px-3 py-2">{i.created.toLocaleString("en")}</td>
                    <td className="px-3 py-2">{i.updated.toLocaleString("en")}</td>
                    <td className="px-3 py-2">{i.skipped.toLocaleString("en")}</td>
                    <td className="px-3 py-2">{i.failed_rows.toLocaleString("en")}</td>
                    <td className="px-3 py-2">{new Date(i.created_at).toLocaleString("en")}</td>
                    <td className="px-3 py-2">
                      {i.failed_rows > 0 ? <a className="text-indigo-700 underline" href={i.errors_url}>Errors CSV</a> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-sm"><Link href="/contacts" className="text-indigo-700 underline">Back to contacts</Link></p>
    </section>
  );
}
