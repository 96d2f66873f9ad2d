import type { Metadata } from "next";
import { Suspense } from "react";
import { ContactsTable } from "@/components/contacts/contacts-table";

export const metadata: Metadata = { title: "Contacts" };

export default function ContactsPage() {
  return (
    <Suspense>
      <ContactsTable />
    </Suspense>
  );
}
