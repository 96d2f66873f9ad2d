import type { Metadata } from "next";
import { ImportWizard } from "@/components/imports/import-wizard";
import { requireStaffWith } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportsPage() {
  await requireStaffWith("write");
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-semibold">Import contacts</h1>
      <ImportWizard />
    </div>
  );
}
