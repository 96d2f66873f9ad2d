import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm } from "@/components/contacts/contact-form";
import { requireStaff } from "@/lib/auth/current-user";
import { getContact } from "@/lib/contacts/get-contact";
import { ApiError } from "@/lib/api/errors";
import { ActivityTimeline } from "./activity-timeline";
import { ConsentPanel } from "./consent-panel";
import { EraseButton } from "./erase-button";

export const metadata: Metadata = { title: "Contact" };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await requireStaff();
  const contact = await getContact({ workspaceId: staff.workspace.id, id }).catch((error) => {
    if (error instanceof ApiError && error.code === "not_found") return null;
    throw error;
  });
  if (!contact) notFound();
  return (
    <div className="max-w-3xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{contact.name ?? contact.email ?? contact.phone}</h1>
        <p className="text-sm text-slate-500">
          {contact.id} · created {new Date(contact.created_at).toUTCString()} · source {contact.source}
        </p>
      </div>
      <ContactForm key={contact.updated_at} contact={contact} />
      <ConsentPanel contactId={contact.id} />
      <ActivityTimeline contactId={contact.id} />
      {staff.permissions.includes("erase") ? <EraseButton contactId={contact.id} address={(contact.email ?? contact.phone)!} /> : null}
    </div>
  );
}
