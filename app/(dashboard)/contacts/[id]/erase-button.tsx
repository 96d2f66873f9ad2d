"use client";
// Erasure from the contact page (owners and admins): it cannot be undone and refuses the address
// later, so the dialog asks for the address to be typed before it lets the button work.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiClientError, api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

/** `address`: the contact's email, else its phone; typing it confirms. */
export function EraseButton({ contactId, address }: { contactId: string; address: string }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirmed = typed.trim().toLowerCase() === address.toLowerCase();

  function close() {
    setOpen(false);
    setTyped("");
    setError(undefined);
  }

  async function erase() {
    setBusy(true);
    setError(undefined);
    try {
      await api.eraseContact(contactId);
      toast("Contact erased");
      router.push("/contacts");
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    } catch (e) {
      setError(e instanceof ApiClientError ? e.message : "Could not reach the server. Try again.");
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="erase-heading" className="space-y-2 rounded-lg border border-red-200 bg-white p-4">
      <h2 id="erase-heading" className="text-lg font-semibold">
        Erase
      </h2>
      <p className="text-sm text-slate-600">
        When someone asks to be forgotten: deletes the contact with its activity and consent records, and keeps only a keyed hash of its email and
        phone so that imports and integrations cannot add the address back by accident.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Erase contact
      </Button>
      <Dialog open={open} onClose={close} title="Erase this contact?">
        <p className="text-sm text-slate-600">
          Everything about <strong>{address}</strong> is deleted for good. The address will be refused when it is added again, unless the person asks to
          be added again. This cannot be undone.
        </p>
        <Field label={`Type ${address} to confirm`} error={error}>
          {(p) => <Input {...p} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button onClick={close} autoFocus>
            Keep contact
          </Button>
          <Button variant="danger" onClick={erase} disabled={!confirmed || busy}>
            {busy ? "Erasing…" : "Erase permanently"}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
