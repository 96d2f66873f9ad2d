"use client";
// "Save this view as a segment": names the view's filters and stores them; the view then opens the
// new segment. Errors (a name already taken, a filter the API refuses) stay in the dialog.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export function SaveSegment({ filter, onSaved }: { filter: Record<string, unknown>; onSaved: (id: string) => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  async function save() {
    setSaving(true);
    setError(undefined);
    try {
      const segment = await api.createSegment({ name: name.trim(), filter });
      await queryClient.invalidateQueries({ queryKey: ["segments"] });
      toast(`Saved segment “${segment.name}”`);
      setOpen(false);
      setName("");
      onSaved(segment.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Save as segment</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Save this view as a segment">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <p className="text-sm text-slate-600">
            The segment keeps these filters; its count follows your contacts as they change.
          </p>
          <Field label="Segment name" error={error}>
            {(p) => <Input {...p} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={saving || !name.trim()}>
              Save segment
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
