"use client";
// The segment the view is showing: its name, and deleting it (the contacts stay).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { SEGMENTS_QUERY } from "./segment-list";

export function ActiveSegment({ id, canWrite, onDeleted }: { id: string; canWrite: boolean; onDeleted: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const segments = useQuery(SEGMENTS_QUERY);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const segment = segments.data?.data.find((s) => s.id === id);
  const name = segment?.name ?? "…";

  async function remove() {
    try {
      await api.deleteSegment(id);
      await queryClient.invalidateQueries({ queryKey: ["segments"] });
      toast(`Deleted segment “${name}”`);
      setConfirming(false);
      onDeleted();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <span>
        Segment: <strong className="text-slate-900">{name}</strong>
      </span>
      {canWrite && segment ? (
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          Delete segment
        </Button>
      ) : null}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete the segment “${name}”?`}>
        <p className="text-sm text-slate-600">Only the saved filter is deleted; its contacts stay.</p>
        {error ? (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button variant="danger" onClick={() => void remove()}>
            Delete segment
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
