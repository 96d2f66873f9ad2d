"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import type { ReactNode } from "react";
import type { Staff } from "@/lib/auth/current-user";
import type { Permission } from "@/lib/api/principal";
import { WorkspaceSwitcher } from "./workspace-switcher";
import { StaffContext } from "./staff-context";

const NAV: { href: string; label: string; permission?: Permission }[] = [
  { href: "/contacts", label: "Contacts" },
  { href: "/imports", label: "Import", permission: "write" },
  { href: "/settings/api-keys", label: "API keys", permission: "manage_keys" },
  { href: "/settings/webhooks", label: "Webhooks", permission: "manage_webhooks" },
  { href: "/settings/workspace", label: "Workspace", permission: "manage_keys" },
  { href: "/docs", label: "API reference" },
];

export function AppShell({ staff, children }: { staff: Staff; children: ReactNode }) {
  const pathname = usePathname();
  return (
    <StaffContext.Provider value={staff}>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href="/contacts" className="text-lg font-semibold text-indigo-700">
            Rolo
          </Link>
          <nav aria-label="Main" className="flex flex-1 gap-1">
            {NAV.filter((n) => !n.permission || staff.permissions.includes(n.permission)).map((n) => (
              <Link
                key={n.href}
                href={n.href}
                aria-current={pathname.startsWith(n.href) ? "page" : undefined}
                className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:font-medium aria-[current=page]:text-indigo-700"
              >
                {n.label}
              </Link>
            ))}
          </nav>
          <WorkspaceSwitcher staff={staff} />
          <span className="hidden text-sm text-slate-500 sm:inline">
            {staff.user.email} · {staff.role}
          </span>
          <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100">
            Sign out
          </button>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </StaffContext.Provider>
  );
}
