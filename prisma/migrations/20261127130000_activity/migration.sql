-- Activity, consent, webhooks and erasure (issue 11).
--
-- One event stream fed by every write to contacts: statement-level triggers with transition
-- tables turn each statement (one API write, one batch round, one import chunk, one bulk chunk)
-- into one INSERT … SELECT of its events, in the same transaction as the change. Who made the
-- change comes from the transaction-local setting `rolo.ctx` (lib/activity/context.ts):
--   {"actor": {"type", "id", "name"}, "request_id", "source", "ip", "user_agent",
--    "webhooks": "off" (imports and bulk jobs send one summary event instead),
--    "evidence": {"<lower-cased email or phone>": {…the file's own consent columns…}}}
-- A write without it (a CLI, a migration) is recorded as the system.

CREATE TABLE "contact_events" (
    "workspace_id" TEXT NOT NULL,
    "seq" BIGINT GENERATED ALWAYS AS IDENTITY,
    "contact_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    -- {"field": [from, to]}, metadata whole; shown as {"field": {"from", "to"}} with metadata key by
    -- key (rolo_changes_view).
    "changes" JSONB NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT,
    "request_id" TEXT,
    -- Consent provenance (source, ip, user_agent, evidence): only on events that set or change
    -- subscription, suppression or a channel opt-in.
    "context" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- One btree serves the timeline (a contact's events, newest first). No foreign key: its
    -- per-row check would cost every import row a lookup; erasure and workspace removal delete
    -- events explicitly.
    CONSTRAINT "contact_events_pkey" PRIMARY KEY ("workspace_id", "contact_id", "seq")
);

-- Webhook endpoints and their deliveries. A delivery row is the outbox: written by the same
-- trigger (or the job's completion) in the same transaction as the change, drained by the job
-- queue, retried until delivered or out of attempts. A crash between commit and send loses nothing.
CREATE TABLE "webhook_endpoints" (
    "workspace_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    -- Event types sent to this endpoint; empty means every type.
    "events" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    -- whsec_<base64>: needed to sign, so kept; shown to the API once, when created.
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("workspace_id", "id")
);
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "webhook_deliveries" (
    "workspace_id" TEXT NOT NULL,
    -- msg_…: the `webhook-id` header, the same on every retry and replay of this message.
    "id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    -- The contact the event is about, so erasure can redact its payloads.
    "contact_id" TEXT,
    -- The Standard Webhooks body: {"type", "timestamp", "data"}.
    "payload" JSONB NOT NULL,
    -- pending → delivered | failed (out of attempts).
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "last_status" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("workspace_id", "id")
);
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_fkey" FOREIGN KEY ("workspace_id", "endpoint_id") REFERENCES "webhook_endpoints"("workspace_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
-- The delivery log of an endpoint, newest first.
CREATE INDEX "webhook_deliveries_workspace_id_endpoint_id_created_at_idx" ON "webhook_deliveries"("workspace_id", "endpoint_id", "created_at");
-- What the drainer claims next: only pending rows are in this index.
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';
CREATE INDEX "webhook_deliveries_contact_idx" ON "webhook_deliveries"("workspace_id", "contact_id") WHERE "contact_id" IS NOT NULL;

-- Erasure tombstones: a keyed hash (HMAC-SHA256 with the workspace's erasure key) of an erased
-- contact's email or phone, so the address can be refused later without being kept.
CREATE TABLE "erased_identities" (
    "workspace_id" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "erased_identities_pkey" PRIMARY KEY ("workspace_id", "hash")
);
ALTER TABLE "erased_identities" ADD CONSTRAINT "erased_identities_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "workspaces" ADD COLUMN "erasure_key" TEXT;

CREATE FUNCTION rolo_iso(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The public contact object (lib/contacts/serialize.ts) in SQL, for webhook payloads.
CREATE FUNCTION rolo_contact_json(c contacts) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'object', 'contact', 'email', c.email::text, 'phone', c.phone,
    'first_name', c.first_name, 'last_name', c.last_name,
    'name', nullif(concat_ws(' ', nullif(c.first_name, ''), nullif(c.last_name, '')), ''),
    'status', c.status::text, 'suppressed', c.suppressed, 'suppressed_reason', c.suppressed_reason,
    'email_ok', c.email_ok, 'sms_ok', c.sms_ok, 'whatsapp_ok', c.whatsapp_ok, 'voice_ok', c.voice_ok,
    'tags', to_jsonb(c.tags), 'metadata', c.metadata, 'source', c.source,
    'created_at', rolo_iso(c.created_at), 'updated_at', rolo_iso(c.updated_at))
$$;

-- What a write changed, as stored: {"field": [from, to]} with one jsonb_build_object per row (a
-- chain of || would rebuild the object once per field: the difference is most of the trigger's
-- cost at import rates). Unchanged fields are NULL and stripped (nulls inside the [from, to]
-- arrays stay). Metadata is stored whole and shown key by key (rolo_changes_view). `o` is NULL
-- for a new contact: then only fields that differ from a blank contact's defaults are listed.
CREATE FUNCTION rolo_contact_changes(o contacts, n contacts) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'email', CASE WHEN o.email IS DISTINCT FROM n.email THEN jsonb_build_array(o.email::text, n.email::text) END,
    'phone', CASE WHEN o.phone IS DISTINCT FROM n.phone THEN jsonb_build_array(o.phone, n.phone) END,
    'first_name', CASE WHEN o.first_name IS DISTINCT FROM n.first_name THEN jsonb_build_array(o.first_name, n.first_name) END,
    'last_name', CASE WHEN o.last_name IS DISTINCT FROM n.last_name THEN jsonb_build_array(o.last_name, n.last_name) END,
    'status', CASE WHEN o.status IS DISTINCT FROM n.status THEN jsonb_build_array(o.status::text, n.status::text) END,
    'suppressed', CASE WHEN o.suppressed IS DISTINCT FROM n.suppressed AND (o.id IS NOT NULL OR n.suppressed) THEN jsonb_build_array(o.suppressed, n.suppressed) END,
    'suppressed_reason', CASE WHEN o.suppressed_reason IS DISTINCT FROM n.suppressed_reason THEN jsonb_build_array(o.suppressed_reason, n.suppressed_reason) END,
    'email_ok', CASE WHEN o.email_ok IS DISTINCT FROM n.email_ok AND (o.id IS NOT NULL OR NOT n.email_ok) THEN jsonb_build_array(o.email_ok, n.email_ok) END,
    'sms_ok', CASE WHEN o.sms_ok IS DISTINCT FROM n.sms_ok AND (o.id IS NOT NULL OR NOT n.sms_ok) THEN jsonb_build_array(o.sms_ok, n.sms_ok) END,
    'whatsapp_ok', CASE WHEN o.whatsapp_ok IS DISTINCT FROM n.whatsapp_ok AND (o.id IS NOT NULL OR NOT n.whatsapp_ok) THEN jsonb_build_array(o.whatsapp_ok, n.whatsapp_ok) END,
    'voice_ok', CASE WHEN o.voice_ok IS DISTINCT FROM n.voice_ok AND (o.id IS NOT NULL OR NOT n.voice_ok) THEN jsonb_build_array(o.voice_ok, n.voice_ok) END,
    'tags', CASE WHEN coalesce(o.tags, '{}') IS DISTINCT FROM n.tags THEN jsonb_build_array(to_jsonb(o.tags), to_jsonb(n.tags)) END,
    'metadata', CASE WHEN coalesce(o.metadata, '{}') IS DISTINCT FROM n.metadata THEN jsonb_build_array(o.metadata, n.metadata) END))
$$;

-- A jsonb object, or NULL for anything else (a new contact's metadata was JSON null).
CREATE FUNCTION rolo_object(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'object' THEN j END
$$;

-- The stored changes as the API and webhooks show them: {"field": {"from", "to"}}, metadata key by
-- key as "metadata.<key>". Read time only: the writers never pay for it.
CREATE FUNCTION rolo_changes_view(changes jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_object_agg(k, v), '{}') FROM (
    SELECT key AS k, jsonb_build_object('from', value -> 0, 'to', value -> 1) AS v
      FROM jsonb_each(changes) WHERE key <> 'metadata'
    UNION ALL
    SELECT 'metadata.' || m.k, jsonb_build_object('from', changes #> ARRAY['metadata', '0', m.k], 'to', changes #> ARRAY['metadata', '1', m.k])
      FROM (SELECT jsonb_object_keys(rolo_object(changes #> '{metadata,0}')) AS k
            UNION SELECT jsonb_object_keys(rolo_object(changes #> '{metadata,1}'))) m
     WHERE changes ? 'metadata' AND (changes #> ARRAY['metadata', '0', m.k]) IS DISTINCT FROM (changes #> ARRAY['metadata', '1', m.k])
  ) c
$$;

-- The most specific name for an update; consent changes outrank everything else.
CREATE FUNCTION rolo_update_type(o contacts, n contacts) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN o.status = 'subscribed' AND n.status = 'unsubscribed' THEN 'contact.unsubscribed'
    WHEN o.status = 'unsubscribed' AND n.status = 'subscribed' THEN 'contact.subscribed'
    WHEN NOT o.suppressed AND n.suppressed THEN 'contact.suppressed'
    ELSE 'contact.updated' END
$$;

-- Events that set or change consent carry its provenance (`base`: the writer's source, IP and user
-- agent, built once per statement), plus the file's evidence for this address when it has some.
CREATE FUNCTION rolo_consent_context(base jsonb, evidence jsonb, event_type text, changes jsonb, email text, phone text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN event_type = 'contact.created'
                OR changes ?| ARRAY['status', 'suppressed', 'suppressed_reason', 'email_ok', 'sms_ok', 'whatsapp_ok', 'voice_ok']
    THEN CASE WHEN evidence IS NULL THEN base
              ELSE base || jsonb_strip_nulls(jsonb_build_object('evidence', coalesce(evidence -> lower(email), evidence -> phone))) END
  END
$$;

-- Contact events as webhook events: subscribed and suppressed reach receivers as updates.
CREATE FUNCTION rolo_webhook_type(event_type text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN event_type IN ('contact.subscribed', 'contact.suppressed') THEN 'contact.updated' ELSE event_type END
$$;

-- The writer's context for this transaction (see the top of this file).
CREATE FUNCTION rolo_ctx() RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('rolo.ctx', true), '')::jsonb, '{}'::jsonb)
$$;

-- The consent provenance every event of this statement shares.
CREATE FUNCTION rolo_ctx_provenance(ctx jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object('source', coalesce(ctx ->> 'source', 'system'), 'ip', ctx ->> 'ip', 'user_agent', ctx ->> 'user_agent'))
$$;

-- Whether this statement's events go to webhooks: the writer did not turn them off (imports and
-- bulk jobs send one summary) and a workspace it wrote to has an enabled endpoint.
CREATE FUNCTION rolo_hooks_wanted(ctx jsonb, workspaces text[]) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(ctx ->> 'webhooks', 'on') <> 'off'
     AND EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.enabled AND w.workspace_id = ANY (workspaces))
$$;

-- The Standard Webhooks body of a contact event.
CREATE FUNCTION rolo_event_payload(e contact_events, contact jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'type', rolo_webhook_type(e.type),
    'timestamp', rolo_iso(e.created_at),
    'data', jsonb_build_object(
      'object', 'event', 'id', 'evt_' || e.seq, 'type', e.type, 'contact', contact, 'changes', rolo_changes_view(e.changes),
      'actor', jsonb_build_object('type', e.actor_type, 'id', e.actor_id, 'name', e.actor_name),
      'request_id', e.request_id, 'created_at', rolo_iso(e.created_at)))
$$;

-- The triggers. Writer fields are read once per statement into variables; the per-row work is
-- one changes object, one consent context and one index entry. Messages are built only when an
-- endpoint will receive them.
CREATE FUNCTION rolo_contacts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ctx jsonb := rolo_ctx();
  actor_type text := coalesce(ctx -> 'actor' ->> 'type', 'system');
  actor_id text := ctx -> 'actor' ->> 'id';
  actor_name text := ctx -> 'actor' ->> 'name';
  request_id text := ctx ->> 'request_id';
  base jsonb := rolo_ctx_provenance(ctx);
  evidence jsonb := ctx -> 'evidence';
BEGIN
  IF NOT rolo_hooks_wanted(ctx, ARRAY(SELECT DISTINCT workspace_id FROM new_rows)) THEN
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id, context)
    SELECT n.workspace_id, n.id, 'contact.created', ch.changes, actor_type, actor_id, actor_name, request_id,
           rolo_consent_context(base, evidence, 'contact.created', ch.changes, n.email::text, n.phone)
      FROM new_rows n CROSS JOIN LATERAL (SELECT rolo_contact_changes(NULL::contacts, n) AS changes) ch;
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id, context)
    SELECT n.workspace_id, n.id, 'contact.created', ch.changes, actor_type, actor_id, actor_name, request_id,
           rolo_consent_context(base, evidence, 'contact.created', ch.changes, n.email::text, n.phone)
      FROM new_rows n CROSS JOIN LATERAL (SELECT rolo_contact_changes(NULL::contacts, n) AS changes) ch
    RETURNING *
  )
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_type, contact_id, payload)
  SELECT ev.workspace_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, rolo_webhook_type(ev.type), ev.contact_id,
         rolo_event_payload(ev, rolo_contact_json(n))
    FROM ev JOIN webhook_endpoints w ON w.workspace_id = ev.workspace_id AND w.enabled
           AND (cardinality(w.events) = 0 OR rolo_webhook_type(ev.type) = ANY (w.events))
         JOIN new_rows n ON n.workspace_id = ev.workspace_id AND n.id = ev.contact_id;
  RETURN NULL;
END $$;

CREATE FUNCTION rolo_contacts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ctx jsonb := rolo_ctx();
  actor_type text := coalesce(ctx -> 'actor' ->> 'type', 'system');
  actor_id text := ctx -> 'actor' ->> 'id';
  actor_name text := ctx -> 'actor' ->> 'name';
  request_id text := ctx ->> 'request_id';
  base jsonb := rolo_ctx_provenance(ctx);
  evidence jsonb := ctx -> 'evidence';
BEGIN
  IF NOT rolo_hooks_wanted(ctx, ARRAY(SELECT DISTINCT workspace_id FROM new_rows)) THEN
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id, context)
    SELECT n.workspace_id, n.id, t.type, ch.changes, actor_type, actor_id, actor_name, request_id,
           rolo_consent_context(base, evidence, t.type, ch.changes, n.email::text, n.phone)
      FROM old_rows o JOIN new_rows n ON n.workspace_id = o.workspace_id AND n.id = o.id
     CROSS JOIN LATERAL (SELECT rolo_contact_changes(o, n) AS changes) ch
     CROSS JOIN LATERAL (SELECT rolo_update_type(o, n) AS type) t
     WHERE ch.changes <> '{}'::jsonb; -- an update that changes nothing records nothing
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id, context)
    SELECT n.workspace_id, n.id, t.type, ch.changes, actor_type, actor_id, actor_name, request_id,
           rolo_consent_context(base, evidence, t.type, ch.changes, n.email::text, n.phone)
      FROM old_rows o JOIN new_rows n ON n.workspace_id = o.workspace_id AND n.id = o.id
     CROSS JOIN LATERAL (SELECT rolo_contact_changes(o, n) AS changes) ch
     CROSS JOIN LATERAL (SELECT rolo_update_type(o, n) AS type) t
     WHERE ch.changes <> '{}'::jsonb
    RETURNING *
  )
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_type, contact_id, payload)
  SELECT ev.workspace_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, rolo_webhook_type(ev.type), ev.contact_id,
         rolo_event_payload(ev, rolo_contact_json(n))
    FROM ev JOIN webhook_endpoints w ON w.workspace_id = ev.workspace_id AND w.enabled
           AND (cardinality(w.events) = 0 OR rolo_webhook_type(ev.type) = ANY (w.events))
         JOIN new_rows n ON n.workspace_id = ev.workspace_id AND n.id = ev.contact_id;
  RETURN NULL;
END $$;

CREATE FUNCTION rolo_contacts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ctx jsonb := rolo_ctx();
  actor_type text := coalesce(ctx -> 'actor' ->> 'type', 'system');
  actor_id text := ctx -> 'actor' ->> 'id';
  actor_name text := ctx -> 'actor' ->> 'name';
  request_id text := ctx ->> 'request_id';
BEGIN
  IF NOT rolo_hooks_wanted(ctx, ARRAY(SELECT DISTINCT workspace_id FROM old_rows)) THEN
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id)
    SELECT o.workspace_id, o.id, 'contact.deleted', '{}'::jsonb, actor_type, actor_id, actor_name, request_id FROM old_rows o;
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id)
    SELECT o.workspace_id, o.id, 'contact.deleted', '{}'::jsonb, actor_type, actor_id, actor_name, request_id FROM old_rows o
    RETURNING *
  )
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_type, contact_id, payload)
  SELECT ev.workspace_id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), w.id, ev.type, ev.contact_id,
         -- An erased contact leaves nothing but its id, even in the message that announces it.
         rolo_event_payload(ev, CASE WHEN ctx ? 'erase' THEN jsonb_build_object('id', o.id, 'object', 'contact', 'erased', true)
                                     ELSE rolo_contact_json(o) END)
    FROM ev JOIN webhook_endpoints w ON w.workspace_id = ev.workspace_id AND w.enabled
           AND (cardinality(w.events) = 0 OR ev.type = ANY (w.events))
         JOIN old_rows o ON o.workspace_id = ev.workspace_id AND o.id = ev.contact_id;
  RETURN NULL;
END $$;

CREATE TRIGGER contacts_events_inserted AFTER INSERT ON contacts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rolo_contacts_inserted();
CREATE TRIGGER contacts_events_updated AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rolo_contacts_updated();
CREATE TRIGGER contacts_events_deleted AFTER DELETE ON contacts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rolo_contacts_deleted();
