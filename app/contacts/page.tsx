export default function ContactsPage() {
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="text-2xl font-semibold">Contacts</h1>
    </main>
  );
}
