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
    -- Triples field, from, to as text (metadata whole): building jsonb per row cost the writers
    -- several times more. Shown as {"field": {"from", "to"}}, typed, metadata key by key, by
    -- rolo_changes_view.
    "changes" TEXT[] NOT NULL,
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

-- What a write changed, as stored: the changed fields as triples (field, from, to) in one text
-- array, NULL when nothing changed. Per row that is a few comparisons and small array copies; the
-- jsonb this replaces (one object of 13 pairs, then stripped) cost the bulk path ~4 times more.
-- `o` is NULL for a new contact: then only fields that differ from a blank contact's defaults
-- are listed (status always is). A single expression, so the planner inlines it.
CREATE FUNCTION rolo_contact_changes(o contacts, n contacts) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT
    CASE WHEN o.email IS DISTINCT FROM n.email THEN ARRAY['email', o.email::text, n.email::text] END
 || CASE WHEN o.phone IS DISTINCT FROM n.phone THEN ARRAY['phone', o.phone, n.phone] END
 || CASE WHEN o.first_name IS DISTINCT FROM n.first_name THEN ARRAY['first_name', o.first_name, n.first_name] END
 || CASE WHEN o.last_name IS DISTINCT FROM n.last_name THEN ARRAY['last_name', o.last_name, n.last_name] END
 || CASE WHEN o.status IS DISTINCT FROM n.status THEN ARRAY['status', o.status::text, n.status::text] END
 || CASE WHEN o.suppressed IS DISTINCT FROM n.suppressed AND (o.id IS NOT NULL OR n.suppressed) THEN ARRAY['suppressed', o.suppressed::text, n.suppressed::text] END
 || CASE WHEN o.suppressed_reason IS DISTINCT FROM n.suppressed_reason THEN ARRAY['suppressed_reason', o.suppressed_reason, n.suppressed_reason] END
 || CASE WHEN o.email_ok IS DISTINCT FROM n.email_ok AND (o.id IS NOT NULL OR NOT n.email_ok) THEN ARRAY['email_ok', o.email_ok::text, n.email_ok::text] END
 || CASE WHEN o.sms_ok IS DISTINCT FROM n.sms_ok AND (o.id IS NOT NULL OR NOT n.sms_ok) THEN ARRAY['sms_ok', o.sms_ok::text, n.sms_ok::text] END
 || CASE WHEN o.whatsapp_ok IS DISTINCT FROM n.whatsapp_ok AND (o.id IS NOT NULL OR NOT n.whatsapp_ok) THEN ARRAY['whatsapp_ok', o.whatsapp_ok::text, n.whatsapp_ok::text] END
 || CASE WHEN o.voice_ok IS DISTINCT FROM n.voice_ok AND (o.id IS NOT NULL OR NOT n.voice_ok) THEN ARRAY['voice_ok', o.voice_ok::text, n.voice_ok::text] END
 || CASE WHEN coalesce(o.tags, '{}') IS DISTINCT FROM n.tags THEN ARRAY['tags', o.tags::text, n.tags::text] END
 || CASE WHEN coalesce(o.metadata, '{}') IS DISTINCT FROM n.metadata THEN ARRAY['metadata', o.metadata::text, n.metadata::text] END
$$;

-- A stored change value (text) as JSON, by the field's type.
CREATE FUNCTION rolo_change_value(field text, v text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN 'null'::jsonb
    WHEN field IN ('suppressed', 'email_ok', 'sms_ok', 'whatsapp_ok', 'voice_ok') THEN to_jsonb(v::boolean)
    WHEN field = 'tags' THEN to_jsonb(v::text[])
    WHEN field = 'metadata' THEN v::jsonb
    ELSE to_jsonb(v) END
$$;

-- A jsonb object, or NULL for anything else (a new contact's metadata was JSON null).
CREATE FUNCTION rolo_object(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'object' THEN j END
$$;

-- The stored changes as the API and webhooks show them: {"field": {"from", "to"}}, typed, metadata
-- key by key as "metadata.<key>". Read time only: the writers never pay for it.
CREATE FUNCTION rolo_changes_view(changes text[]) RETURNS jsonb LANGUAGE sql STABLE AS $$
  WITH t AS (
    SELECT changes[i] AS k, rolo_change_value(changes[i], changes[i + 1]) AS f, rolo_change_value(changes[i], changes[i + 2]) AS v
      FROM generate_series(1, coalesce(array_length(changes, 1), 0), 3) i
  )
  SELECT coalesce(jsonb_object_agg(k, c), '{}') FROM (
    SELECT k, jsonb_build_object('from', f, 'to', v) AS c FROM t WHERE k <> 'metadata'
    UNION ALL
    SELECT 'metadata.' || m.k, jsonb_build_object('from', t.f -> m.k, 'to', t.v -> m.k)
      FROM t CROSS JOIN LATERAL (SELECT jsonb_object_keys(rolo_object(t.f)) AS k UNION SELECT jsonb_object_keys(rolo_object(t.v))) m
     WHERE t.k = 'metadata' AND (t.f -> m.k) IS DISTINCT FROM (t.v -> m.k)
  ) x
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
CREATE FUNCTION rolo_consent_context(base jsonb, evidence jsonb, relevant boolean, email text, phone text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN relevant
    THEN CASE WHEN evidence IS NULL THEN base
              ELSE base || jsonb_strip_nulls(jsonb_build_object('evidence', coalesce(evidence -> lower(email), evidence -> phone))) END
  END
$$;

-- Whether an update touched consent: subscription, suppression or a channel opt-in.
CREATE FUNCTION rolo_consent_changed(o contacts, n contacts) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT o.status IS DISTINCT FROM n.status OR o.suppressed IS DISTINCT FROM n.suppressed
      OR o.suppressed_reason IS DISTINCT FROM n.suppressed_reason OR o.email_ok IS DISTINCT FROM n.email_ok
      OR o.sms_ok IS DISTINCT FROM n.sms_ok OR o.whatsapp_ok IS DISTINCT FROM n.whatsapp_ok OR o.voice_ok IS DISTINCT FROM n.voice_ok
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
           rolo_consent_context(base, evidence, true, n.email::text, n.phone)
      FROM new_rows n CROSS JOIN LATERAL (SELECT rolo_contact_changes(NULL::contacts, n) AS changes) ch;
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id, context)
    SELECT n.workspace_id, n.id, 'contact.created', ch.changes, actor_type, actor_id, actor_name, request_id,
           rolo_consent_context(base, evidence, true, n.email::text, n.phone)
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
           rolo_consent_context(base, evidence, rolo_consent_changed(o, n), n.email::text, n.phone)
      FROM old_rows o JOIN new_rows n ON n.workspace_id = o.workspace_id AND n.id = o.id
     CROSS JOIN LATERAL (SELECT rolo_contact_changes(o, n) AS changes) ch
     CROSS JOIN LATERAL (SELECT rolo_update_type(o, n) AS type) t
     WHERE ch.changes IS NOT NULL; -- an update that changes nothing records nothing
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id, context)
    SELECT n.workspace_id, n.id, t.type, ch.changes, actor_type, actor_id, actor_name, request_id,
           rolo_consent_context(base, evidence, rolo_consent_changed(o, n), n.email::text, n.phone)
      FROM old_rows o JOIN new_rows n ON n.workspace_id = o.workspace_id AND n.id = o.id
     CROSS JOIN LATERAL (SELECT rolo_contact_changes(o, n) AS changes) ch
     CROSS JOIN LATERAL (SELECT rolo_update_type(o, n) AS type) t
     WHERE ch.changes IS NOT NULL
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
    SELECT o.workspace_id, o.id, 'contact.deleted', '{}'::text[], actor_type, actor_id, actor_name, request_id FROM old_rows o;
    RETURN NULL;
  END IF;
  WITH ev AS (
    INSERT INTO contact_events (workspace_id, contact_id, type, changes, actor_type, actor_id, actor_name, request_id)
    SELECT o.workspace_id, o.id, 'contact.deleted', '{}'::text[], actor_type, actor_id, actor_name, request_id FROM old_rows o
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
