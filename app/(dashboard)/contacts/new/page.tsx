import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";

export const metadata: Metadata = { title: "New contact" };

export default function NewContactPage() {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New contact</h1>
      <ContactForm />
    </div>
  );
}
