import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ImportWizard } from "@/components/imports/import-wizard";
import { requireStaff } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportsPage() {
  const staff = await requireStaff();
  if (!staff.permissions.includes("write")) redirect("/contacts");
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">Import contacts</h1>
      <ImportWizard />
    </div>
  );
}
