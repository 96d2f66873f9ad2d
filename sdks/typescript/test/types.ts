// Type-level tests, checked by `npm run typecheck` (part of `npm test`): the README's calls compile
// and the results have the types a user expects.
import Rolo, {
  NotFoundError,
  RoloError,
  type BulkJob,
  type BulkPreview,
  type Contact,
  type ContactCount,
  type ContactList,
  type Import,
  type MetadataFilter,
  type MetadataKeyList,
  type Segment,
  type SegmentList,
  type SegmentListItem,
  type Consent,
  type Erasure,
  type Event,
  type EventList,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from "../src/index.js";
import { verifyWebhook, WebhookVerificationError, type WebhookMessage } from "../src/webhooks.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => {};

export async function readme() {
  const rolo = new Rolo({ apiKey: "sk_live_…", baseURL: "https://rolo.example.com", maxRetries: 3, timeout: 20_000 });

  const contact = await rolo.contacts.create({
    email: "jane@example.com",
    first_name: "Jane",
    last_name: "Doe",
    metadata: { plan: "pro", signup_source: "landing_page" },
    tags: ["enterprise"],
  });
  expectType<Equal<typeof contact, Contact>>(true);
  expectType<Equal<typeof contact.email, string | null>>(true);

  await rolo.contacts.get("con_7mKpLvRw9nQx");
  await rolo.contacts.update("con_7mKpLvRw9nQx", { first_name: "Janet", metadata: { plan: "enterprise", old: null } });
  await rolo.contacts.delete("con_7mKpLvRw9nQx", { idempotencyKey: "k", timeout: 5_000, maxRetries: 0 });

  const { data, has_more, next_cursor, total } = await rolo.contacts.list({ limit: 50 });
  expectType<Equal<typeof data, Contact[]>>(true);
  expectType<Equal<typeof has_more, boolean>>(true);
  expectType<Equal<typeof next_cursor, string | null>>(true);
  expectType<Equal<typeof total, number | undefined>>(true);
  const firstPage = await rolo.contacts.list({ search: "fatima" });
  expectType<Equal<typeof firstPage.total_estimate, number | undefined>>(true);
  const count = await rolo.contacts.count({ search: "fatima", tag: ["vip"], metadata: { score: { gte: 10 } }, segment: "seg_1" });
  expectType<Equal<typeof count, ContactCount>>(true);
  expectType<Equal<typeof count.total, number>>(true);
  await rolo.contacts.count();
  for await (const c of rolo.contacts.list({ tag: "vip" })) expectType<Equal<typeof c, Contact>>(true);
  for await (const page of rolo.contacts.list().pages()) expectType<Equal<typeof page, ContactList>>(true);
  // Filters: metadata conditions in their JSON shape, the presence and update criteria, a segment.
  const metadata: MetadataFilter = { plan: "pro", score: { gte: 10 }, tier: { in: ["gold", 2] }, vip: { exists: true } };
  await rolo.contacts.list({ metadata, has_email: true, has_phone: false, updated_after: new Date(), segment: "seg_1" });
  await rolo.contacts.export({ metadata: { since: { gte: new Date() } }, updated_before: "2026-01-01T00:00:00Z" });
  // Filters the API adds later pass through.
  await rolo.contacts.list({ some_new_filter: "x" });
  const keys = await rolo.contacts.metadataKeys();
  expectType<Equal<typeof keys, MetadataKeyList>>(true);
  expectType<Equal<typeof keys.data[number]["count"], number>>(true);

  const segment = await rolo.segments.create({ name: "Pro", filter: { metadata: { plan: "pro" }, tag: ["vip"] } });
  expectType<Equal<typeof segment, Segment>>(true);
  expectType<Equal<typeof segment.count, number>>(true);
  await rolo.segments.update(segment.id, { filter: { has_phone: true } });
  await rolo.segments.update(segment.id, { name: "Pro users" });
  expectType<Equal<Awaited<ReturnType<typeof rolo.segments.list>>, SegmentList>>(true);
  const listed = (await rolo.segments.list()).data[0];
  expectType<Equal<typeof listed, SegmentListItem>>(true);
  expectType<Equal<typeof listed.count, number | undefined>>(true);
  expectType<Equal<typeof listed.count_estimate, number | undefined>>(true);
  expectType<Equal<Awaited<ReturnType<typeof rolo.segments.delete>>, void>>(true);
  await rolo.segments.get(segment.id);

  const result = await rolo.contacts.batchUpsert({
    contacts: [
      { email: "jane@example.com", first_name: "Jane" },
      { email: "john@example.com", first_name: "John", tags: ["vip"] },
    ],
  });
  expectType<Equal<typeof result.created, number>>(true);

  const job = await rolo.contacts.imports.create({
    file: new Blob(["email\n"]),
    filename: "contacts.csv",
    mapping: { Email: "email" },
    on_conflict: "skip",
    resubscribe: true,
    default_country: "GB",
  });
  const done = await rolo.contacts.imports.wait(job.id, { pollInterval: 500 });
  expectType<Equal<typeof done, Import>>(true);
  expectType<Equal<typeof done.kept_unsubscribed, number>>(true);
  expectType<Equal<typeof done.resubscribe, boolean>>(true);
  if (done.detected_source === "hubspot") expectType<Equal<typeof done.default_country, string>>(true);
  expectType<Equal<Awaited<ReturnType<typeof rolo.contacts.imports.errors>>, string>>(true);

  const tagging = await rolo.contacts.bulk.tag({ filter: { tag: "trial" }, add: ["vip"] });
  expectType<Equal<typeof tagging, BulkJob>>(true);
  await rolo.contacts.bulk.unsubscribe({ all: true, exclude_ids: ["con_1"] });
  await rolo.contacts.bulk.delete({ segment: segment.id, filter: { metadata: { score: { lt: 1 } } } });
  const preview = await rolo.contacts.bulk.delete({ ids: ["con_1"], dry_run: true });
  expectType<Equal<typeof preview, BulkPreview>>(true);

  const stream = await rolo.contacts.export({ tag: "vip" });
  expectType<Equal<typeof stream, ReadableStream<Uint8Array>>>(true);

  try {
    await rolo.contacts.get("con_missing");
  } catch (error) {
    if (error instanceof NotFoundError) expectType<Equal<typeof error.requestId, string | undefined>>(true);
    if (error instanceof RoloError) expectType<Equal<typeof error.status, number | undefined>>(true);
  }

  // Issue 11: activity, consent, erase, allow_erased, webhooks and the verifier.
  for await (const e of rolo.contacts.activity(contact.id, { limit: 10 })) {
    expectType<Equal<typeof e, Event>>(true);
    if (e.context) expectType<Equal<typeof e.context.ip, string | null>>(true);
  }
  const timeline = await rolo.contacts.activity(contact.id);
  expectType<Equal<typeof timeline, EventList>>(true);
  const consent = await rolo.contacts.consent(contact.id);
  expectType<Equal<typeof consent, Consent>>(true);
  expectType<Equal<typeof consent.email_ok, boolean>>(true);
  const erasure = await rolo.contacts.erase(contact.id);
  expectType<Equal<typeof erasure, Erasure>>(true);
  await rolo.contacts.create({ email: "back@example.com", allow_erased: true });
  await rolo.contacts.update(contact.id, { email: "back@example.com", allow_erased: true });
  await rolo.contacts.batchUpsert({ contacts: [{ email: "back@example.com" }], allow_erased: true });
  await rolo.contacts.imports.create({ file: new Blob([]), allow_erased: true });
  const hook = await rolo.webhooks.create({ url: "https://example.com/hook", events: ["contact.updated"] });
  expectType<Equal<typeof hook, WebhookEndpointWithSecret>>(true);
  expectType<Equal<typeof hook.secret, string>>(true);
  expectType<Equal<Awaited<ReturnType<typeof rolo.webhooks.get>>, WebhookEndpoint>>(true);
  expectType<Equal<Awaited<ReturnType<typeof rolo.webhooks.delete>>, void>>(true);
  for await (const d of rolo.webhooks.deliveries(hook.id, { status: "failed" })) expectType<Equal<typeof d, WebhookDelivery>>(true);
  const replayed = await rolo.webhooks.replay(hook.id, "msg_1");
  expectType<Equal<typeof replayed.last_status, number | null>>(true);
  const message = verifyWebhook("{}", { "webhook-id": "msg_1" }, hook.secret);
  expectType<Equal<typeof message, WebhookMessage>>(true);
  if (message.type === "contact.updated") expectType<Equal<typeof message.data.contact, Contact>>(true);
  if (message.type === "import.completed") expectType<Equal<typeof message.data, Import>>(true);
  if (new Error() instanceof WebhookVerificationError) expectType<Equal<WebhookVerificationError["code"], string | undefined>>(true);

  // @ts-expect-error: a delivery status is pending, delivered or failed
  rolo.webhooks.deliveries(hook.id, { status: "lost" });
  // @ts-expect-error: allow_erased is a boolean
  await rolo.contacts.create({ email: "a@example.com", allow_erased: "yes" });
  // @ts-expect-error: update needs an id
  await rolo.contacts.update({ first_name: "x" });
  // @ts-expect-error: tags are a list of strings
  await rolo.contacts.create({ email: "a@example.com", tags: "vip" });
  // @ts-expect-error: batchUpsert needs contacts
  await rolo.contacts.batchUpsert({});
  // @ts-expect-error: source is set by the server; the API refuses it
  await rolo.contacts.create({ email: "a@example.com", source: "crm" });
  // @ts-expect-error: a segment needs a filter
  await rolo.segments.create({ name: "x" });
  // @ts-expect-error: metadata operators are eq, gt, gte, lt, lte, in, exists
  await rolo.contacts.list({ metadata: { score: { between: [1, 2] } } });
  // @ts-expect-error: resubscribe is a boolean
  await rolo.contacts.imports.create({ file: new Blob([]), resubscribe: "yes" });
}
