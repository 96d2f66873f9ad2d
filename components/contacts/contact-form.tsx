"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { contactSchemasIn, type Contact, type ContactUpdateInput } from "@/lib/contacts/schemas";
import { ApiClientError, api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useStaff } from "@/components/layout/staff-context";
import { TagsInput } from "./tags-input";
import { MetadataEditor, rowsToMetadata, toRows, type MetadataRow } from "./metadata-editor";

/** The editable part of a contact, in the API's own field names. */
type FormValues = Pick<
  Contact,
  "email" | "phone" | "first_name" | "last_name" | "status" | "suppressed" | "suppressed_reason" | "email_ok" | "sms_ok" | "whatsapp_ok" | "voice_ok" | "tags"
>;

const CHANNELS = [
  ["email_ok", "Email"],
  ["sms_ok", "SMS"],
  ["whatsapp_ok", "WhatsApp"],
  ["voice_ok", "Voice"],
] as const;

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

function defaults(contact?: Contact): FormValues {
  return {
    email: contact?.email ?? null,
    phone: contact?.phone ?? null,
    first_name: contact?.first_name ?? null,
    last_name: contact?.last_name ?? null,
    status: contact?.status ?? "subscribed",
    suppressed: contact?.suppressed ?? false,
    suppressed_reason: contact?.suppressed_reason ?? null,
    email_ok: contact?.email_ok ?? true,
    sms_ok: contact?.sms_ok ?? true,
    whatsapp_ok: contact?.whatsapp_ok ?? true,
    voice_ok: contact?.voice_ok ?? true,
    tags: contact?.tags ?? [],
  };
}

/** Create (no contact) or edit a contact with the API's own zod schema. */
export function ContactForm({ contact }: { contact?: Contact }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const staff = useStaff();
  const readOnly = !staff.can("write");
  // National phone numbers are read in the workspace's default country, as the API reads them.
  const schemas = contactSchemasIn(staff.workspace.defaultCountry);
  const schema = contact ? schemas.update : schemas.create;
  const form = useForm<FormValues>({ resolver: zodResolver(schema) as unknown as Resolver<FormValues>, defaultValues: defaults(contact) });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const [metadataRows, setMetadataRows] = useState<MetadataRow[]>(toRows(contact?.metadata ?? {}));
  const [metadataDirty, setMetadataDirty] = useState(false);
  const [metadataError, setMetadataError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const dirty = formState.isDirty || metadataDirty;

  // Unsaved changes: warn before the tab closes or reloads.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  async function onSubmit(values: FormValues) {
    setFormError(undefined);
    setMetadataError(undefined);
    const metadata = rowsToMetadata(metadataRows);
    try {
      if (contact) {
        // Merge semantics: keys removed in the editor are sent as null.
        const removed = Object.fromEntries(Object.keys(contact.metadata).filter((k) => !(k in metadata)).map((k) => [k, null]));
        const saved = await api.updateContact(contact.id, { ...values, metadata: { ...removed, ...metadata } } as ContactUpdateInput);
        reset(defaults(saved));
        setMetadataRows(toRows(saved.metadata));
        setMetadataDirty(false);
        toast("Contact saved");
        router.refresh();
      } else {
        const created = await api.createContact({ ...values, metadata } as ContactUpdateInput as never);
        setMetadataDirty(false);
        reset(defaults(created));
        toast("Contact created");
        router.push(`/contacts/${created.id}`);
      }
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    } catch (error) {
      if (!(error instanceof ApiClientError)) return setFormError("Could not reach the server. Try again.");
      if (error.code === "conflict") {
        setError("email", { message: "Another contact already uses this email or phone." });
        if (error.existingId) setFormError(`existing:${error.existingId}`);
        return;
      }
      for (const issue of error.details ?? []) {
        const field = issue.path.split(".")[0];
        if (field === "metadata") setMetadataError(issue.message);
        else if (field in defaults()) setError(field as keyof FormValues, { message: issue.message });
        else setFormError(issue.message);
      }
      if (!error.details?.length) setFormError(error.message);
    }
  }

  async function onDelete() {
    if (!contact) return;
    await api.deleteContact(contact.id);
    setConfirmDelete(false);
    void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    toast("Contact deleted");
    router.push("/contacts");
  }

  const err = formState.errors;
  const suppressed = useWatch({ control, name: "suppressed" });
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-6">
      <fieldset disabled={readOnly || formState.isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">Contact details</legend>
        <Field label="Email" error={err.email?.message}>
          {(p) => <Input {...p} type="email" autoComplete="off" {...register("email", { setValueAs: emptyToNull })} />}
        </Field>
        <Field label="Phone" error={err.phone?.message} hint="International format, e.g. +14155551234">
          {(p) => <Input {...p} type="tel" {...register("phone", { setValueAs: emptyToNull })} />}
        </Field>
        <Field label="First name" error={err.first_name?.message}>
          {(p) => <Input {...p} {...register("first_name", { setValueAs: emptyToNull })} />}
        </Field>
        <Field label="Last name" error={err.last_name?.message}>
          {(p) => <Input {...p} {...register("last_name", { setValueAs: emptyToNull })} />}
        </Field>
        <Field label="Status" error={err.status?.message}>
          {(p) => (
            <Select {...p} {...register("status")}>
              <option value="subscribed">Subscribed</option>
              <option value="unsubscribed">Unsubscribed</option>
            </Select>
          )}
        </Field>
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" className="size-4 accent-indigo-600" {...register("suppressed")} />
            Suppressed (stop all sends)
          </label>
          {suppressed ? (
            <Field label="Suppression reason" error={err.suppressed_reason?.message}>
              {(p) => (
                <Select {...p} {...register("suppressed_reason", { setValueAs: emptyToNull })}>
                  <option value="">—</option>
                  <option value="unsubscribed">Unsubscribed</option>
                  <option value="bounced">Bounced</option>
                  <option value="complained">Complained</option>
                  <option value="manual">Manual</option>
                </Select>
              )}
            </Field>
          ) : null}
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Channel opt-ins</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {CHANNELS.map(([name, label]) => (
              <label key={name} className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4 accent-indigo-600" {...register(name)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="sm:col-span-2">
          <Controller control={control} name="tags" render={({ field }) => <TagsInput value={field.value} onChange={field.onChange} disabled={readOnly} invalid={Boolean(err.tags)} />} />
          {err.tags ? (
            <p role="alert" className="mt-1 text-sm text-red-600">
              {err.tags.message ?? "Check the tags"}
            </p>
          ) : null}
        </div>
        <div className="sm:col-span-2">
          <MetadataEditor
            rows={metadataRows}
            disabled={readOnly}
            onChange={(rows) => {
              setMetadataRows(rows);
              setMetadataDirty(true);
            }}
          />
          {metadataError ? (
            <p role="alert" className="mt-1 text-sm text-red-600">
              {metadataError}
            </p>
          ) : null}
        </div>
      </fieldset>

      {formError ? (
        <p role="alert" className="text-sm text-red-600">
          {formError.startsWith("existing:") ? (
            <Link className="underline" href={`/contacts/${formError.slice(9)}`}>
              Open the existing contact
            </Link>
          ) : (
            formError
          )}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
        {!readOnly ? (
          <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Saving…" : contact ? "Save changes" : "Create contact"}
          </Button>
        ) : (
          <p className="text-sm text-slate-500">You have read-only access.</p>
        )}
        <Link href="/contacts" className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100" onClick={(e) => dirty && !confirm("Discard unsaved changes?") && e.preventDefault()}>
          {readOnly ? "Back" : "Cancel"}
        </Link>
        {dirty ? <span className="text-sm text-amber-700">Unsaved changes</span> : null}
        {contact && !readOnly ? (
          <Button variant="danger" className="ml-auto" onClick={() => setConfirmDelete(true)}>
            Delete contact
          </Button>
        ) : null}
      </div>

      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete this contact?">
        <p className="text-sm text-slate-600">
          {contact?.email ?? contact?.phone} will be deleted permanently. This cannot be undone.
        </p>
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirmDelete(false)} autoFocus>
            Keep contact
          </Button>
          <Button variant="danger" onClick={onDelete}>
            Delete permanently
          </Button>
        </div>
      </Dialog>
    </form>
  );
}
