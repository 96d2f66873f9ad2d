"use client";
import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { Staff } from "@/lib/auth/current-user";

export function WorkspaceSwitcher({ staff }: { staff: Staff }) {
  const { update } = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  if (staff.workspaces.length < 2) return <span className="text-sm font-medium text-slate-700">{staff.workspace.name}</span>;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">Workspace</span>
      <select
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        value={staff.workspace.id}
        onChange={async (e) => {
          await update({ workspaceId: e.target.value });
          // Everything cached belongs to the workspace we are leaving.
          queryClient.clear();
          router.push("/contacts");
          router.refresh();
        }}
      >
        {staff.workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
