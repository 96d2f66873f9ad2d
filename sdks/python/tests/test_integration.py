"""Against a real Rolo: ROLO_BASE_URL and ROLO_API_KEY must be set (scripts/test-sdks.ts sets
them); without them these tests fail rather than skip. Emails carry a per-run suffix, so reruns
against the same database pass."""
from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import threading
import unittest
import uuid
from typing import Any, Dict, List

from rolo import AuthenticationError, BadRequestError, ConflictError, Contact, NotFoundError, Rolo

RUN = uuid.uuid4().hex[:10]


def email(name: str) -> str:
    return f"py-{RUN}-{name}@example.com"


def us_phone() -> str:
    """Phones are unique per workspace too: a random, valid San Francisco number."""
    return f"+1415{random.randint(2, 9)}{random.randint(0, 999999):06d}"


class IntegrationTest(unittest.TestCase):
    client: Rolo

    @classmethod
    def setUpClass(cls) -> None:
        missing = [name for name in ("ROLO_BASE_URL", "ROLO_API_KEY") if not os.environ.get(name)]
        if missing:
            raise AssertionError(f"Set {' and '.join(missing)} (scripts/test-sdks.ts does) to run the integration tests")
        cls.client = Rolo(max_retries=2, timeout=30)

    def make_contacts(self, tag: str, count: int) -> List[Contact]:
        items = [{"email": email(f"{tag}-{i}"), "first_name": f"P{i}", "tags": [tag]} for i in range(count)]
        result = self.client.contacts.batch_upsert(contacts=items)
        self.assertEqual((result.created, result.failed), (count, 0))
        return [self.client.contacts.get(r.id) for r in result.results]

    def test_create_get_update_delete(self) -> None:
        contacts = self.client.contacts
        created = contacts.create(
            email=email("crud"),
            first_name="Jane",
            last_name="Doe",
            metadata={"plan": "pro", "signup_source": "landing_page"},
            tags=["vip"],
        )
        self.assertTrue(created.id.startswith("con_"))
        self.assertEqual((created.email, created.first_name, created.tags), (email("crud"), "Jane", ["vip"]))
        self.assertEqual(created.metadata.plan, "pro")
        self.assertTrue(created._request_id.startswith("req_"))

        fetched = contacts.get(created.id)
        self.assertEqual(fetched.to_dict(), created.to_dict())

        updated = contacts.update(created.id, first_name="Janet", metadata={"plan": "enterprise"})
        self.assertEqual((updated.first_name, updated.last_name), ("Janet", "Doe"))
        self.assertEqual(updated.metadata.to_dict(), {"plan": "enterprise", "signup_source": "landing_page"})

        cleared = contacts.update(created.id, first_name=None)  # None is sent as null; last_name untouched
        self.assertEqual((cleared.first_name, cleared.last_name), (None, "Doe"))

        self.assertIsNone(contacts.delete(created.id))
        with self.assertRaises(NotFoundError) as ctx:
            contacts.get(created.id)
        err = ctx.exception
        self.assertEqual((err.status_code, err.code), (404, "not_found"))
        self.assertTrue(err.request_id and err.request_id.startswith("req_"), err.request_id)
        self.assertEqual(err.headers["X-Request-Id"], err.request_id)

    def test_duplicate_email_is_a_conflict_and_a_replayed_key_is_applied_once(self) -> None:
        key = f"py-{RUN}-create"
        first = self.client.contacts.create(email=email("dup"), idempotency_key=key)
        replay = self.client.contacts.create(email=email("dup"), idempotency_key=key)
        self.assertEqual(replay.id, first.id)
        with self.assertRaises(ConflictError) as ctx:
            self.client.contacts.create(email=email("dup"))
        self.assertEqual(ctx.exception.existing_id, first.id)

    def test_list_across_pages_with_iteration(self) -> None:
        tag = f"py-{RUN}-pages"
        ids = {c.id for c in self.make_contacts(tag, 5)}
        first = self.client.contacts.list(tag=tag, limit=2)
        self.assertEqual((len(first), first.has_more, first.total), (2, True, 5))
        self.assertEqual(first[0].tags, [tag])
        self.assertEqual({c.id for c in first}, ids)
        self.assertEqual([len(p) for p in first.iter_pages()], [2, 2, 1])

    def test_count_is_exact_for_a_tag_a_search_and_both(self) -> None:
        tag = f"py-{RUN}-count"
        name = f"Zora{RUN}"  # a first name only these contacts have
        items = [
            {"email": email("count1"), "first_name": name, "tags": [tag]},
            {"email": email("count2"), "first_name": name, "tags": [tag]},
            {"email": email("count3"), "first_name": "Other", "tags": [tag]},
        ]
        self.assertEqual(self.client.contacts.batch_upsert(contacts=items).created, 3)

        count = self.client.contacts.count(tag=tag)
        self.assertEqual((count.object, count.total), ("count", 3))
        self.assertTrue(count._request_id.startswith("req_"))
        self.assertEqual(self.client.contacts.count(search=name).total, 2)
        self.assertEqual(self.client.contacts.count(search=name, tag=[tag], status="subscribed").total, 2)
        self.assertEqual(self.client.contacts.count(tag=tag, has_phone=True).total, 0)

        # One tag is kept counted, so the first page's total is exact; later pages carry none.
        first = self.client.contacts.list(tag=tag, limit=2)
        self.assertEqual((first.total, first.total_estimate), (3, None))
        second = first.next_page()
        assert second is not None
        self.assertEqual((len(second), second.total, second.total_estimate), (1, None, None))
        # A search is counted within a time budget: exact, or else an estimate.
        searched = self.client.contacts.list(search=name)
        self.assertEqual(len(searched), 2)
        self.assertTrue(searched.total == 2 or (searched.total is None and isinstance(searched.total_estimate, int)), searched)

        with self.assertRaises(NotFoundError):
            self.client.contacts.count(segment=f"seg_missing{RUN}")
        with self.assertRaises(BadRequestError) as ctx:
            self.client.contacts.count(limit=5)
        self.assertEqual(ctx.exception.code, "validation_error")

    def test_upsert_creates_then_updates_by_email(self) -> None:
        created = self.client.contacts.upsert(email=email("upsert"), first_name="Ann")
        again = self.client.contacts.upsert(email=email("upsert"), first_name="Anne", metadata={"n": 2})
        self.assertEqual(again.id, created.id)
        self.assertEqual((again.first_name, again.metadata.n), ("Anne", 2))

    def test_batch_upsert_counts_each_item(self) -> None:
        existing = self.client.contacts.create(email=email("batch-old"))
        result = self.client.contacts.batch_upsert(
            contacts=[
                {"email": email("batch-old"), "first_name": "Old"},
                {"email": email("batch-new"), "first_name": "New", "tags": ["vip"]},
                {"email": "not-an-email"},
            ]
        )
        self.assertEqual((result.created, result.updated, result.failed), (1, 1, 1))
        self.assertEqual((result.results[0].id, result.results[0].status), (existing.id, "updated"))
        self.assertEqual(result.results[2].error.code, "validation_error")

    def test_import_a_csv_and_wait(self) -> None:
        tag = f"py-{RUN}-import"
        csv = (
            "email,first_name,tags,Level\r\n"
            f"{email('imp-1')},Ada,{tag},gold\r\n"
            f"{email('imp-2')},Bob,{tag},silver\r\n"
            f"not-an-email-{RUN},Eve,{tag},bronze\r\n"
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "people.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(csv)
            queued = self.client.contacts.imports.create(path, mapping={"Level": "metadata.tier"}, on_conflict="update")
        self.assertTrue(queued.id.startswith("imp_"))
        self.assertEqual((queued.file_name, queued.mapping.to_dict()), ("people.csv", {"Level": "metadata.tier"}))

        done = self.client.contacts.imports.wait(queued.id, timeout=120, poll_interval=0.5)
        self.assertEqual(done.status, "completed", done)
        self.assertEqual((done.created, done.updated, done.failed_rows), (2, 0, 1))

        errors = self.client.contacts.imports.errors(queued.id).text()
        self.assertTrue(errors.startswith("line,row,reason"), errors)
        self.assertIn(f"not-an-email-{RUN}", errors)
        self.assertIn(queued.id, [i.id for i in self.client.contacts.imports.list()])
        imported = self.client.contacts.list(tag=tag)
        self.assertEqual(sorted(c.metadata.tier for c in imported), ["gold", "silver"])
        with self.assertRaises(ConflictError):
            self.client.contacts.imports.cancel(queued.id)  # already completed

    def test_bulk_tag_and_wait(self) -> None:
        source, added = f"py-{RUN}-bulk", f"py-{RUN}-bulk-added"
        ids = [c.id for c in self.make_contacts(source, 3)]
        preview = self.client.contacts.bulk.preview("tag", filter={"tag": [source]}, add=[added])
        self.assertEqual(preview.matched, 3)
        job = self.client.contacts.bulk.tag(ids=ids[:2], add=[added])
        self.assertTrue(job.id.startswith("job_"))
        done = self.client.contacts.bulk.wait(job.id, timeout=60, poll_interval=0.25)
        self.assertEqual((done.status, done.matched, done.processed), ("completed", 2, 2))
        self.assertEqual({c.id for c in self.client.contacts.list(tag=added)}, set(ids[:2]))

    def test_export_contains_the_contacts(self) -> None:
        tag = f"py-{RUN}-export"
        emails = {c.email for c in self.make_contacts(tag, 3)}
        stream = self.client.contacts.export(tag=tag)
        self.assertTrue(stream.content_type.startswith("text/csv"))
        body = b"".join(stream).decode("utf-8")
        lines = body.strip().splitlines()
        self.assertEqual(len(lines), 4, body)  # header + 3
        for address in emails:
            self.assertIn(address, body)

    def make_scored(self, tag: str) -> List[Contact]:
        """score 5 (free), 15 (pro, vip) and 25 (team, no email); emails ``email(f"{tag}-s5")``..."""
        result = self.client.contacts.batch_upsert(contacts=[
            {"email": email(f"{tag}-s5"), "tags": [tag], "metadata": {"score": 5, "plan": "free"}},
            {"email": email(f"{tag}-s15"), "tags": [tag], "metadata": {"score": 15, "plan": "pro", "vip": True}},
            {"phone": us_phone(), "tags": [tag], "metadata": {"score": 25, "plan": "team"}},
        ])
        self.assertEqual(result.created, 3, result)
        return [self.client.contacts.get(r.id) for r in result.results]

    def test_filters_metadata_presence_and_updated_bounds(self) -> None:
        tag = f"scored-{RUN}"
        scored = self.make_scored(tag)
        s5, s15 = email(f"{tag}-s5"), email(f"{tag}-s15")

        def emails(**params: Any) -> List[str]:
            return sorted(c.email or "(none)" for c in self.client.contacts.list(tag=tag, **params))

        self.assertEqual(emails(metadata={"score": {"gte": 10}}), ["(none)", s15])
        self.assertEqual(emails(metadata={"score": {"gt": 5, "lt": 25}}), [s15])
        self.assertEqual(emails(metadata={"plan": "pro"}), [s15])
        self.assertEqual(emails(metadata={"plan": {"in": ["free", "team"]}}), ["(none)", s5])
        self.assertEqual(emails(metadata={"vip": {"exists": True}}), [s15])
        self.assertEqual(emails(metadata={"vip": {"exists": False}, "score": {"lte": 5}}), [s5])
        self.assertEqual(emails(has_email=False), ["(none)"])
        self.assertEqual(emails(has_phone=True), ["(none)"])
        self.assertEqual(emails(has_email=True, has_phone=False), [s15, s5])

        times = sorted(dt.datetime.fromisoformat(c.updated_at.replace("Z", "+00:00")) for c in scored)
        ms = dt.timedelta(milliseconds=1)
        self.assertEqual(emails(updated_after=times[-1]), [])
        self.assertEqual(len(emails(updated_after=times[0] - ms)), 3)
        self.assertEqual(emails(updated_before=times[0]), [])
        self.assertEqual(len(emails(updated_before=times[-1] + ms)), 3)

        body = self.client.contacts.export(tag=tag, metadata={"score": {"gte": 10}}).text()
        self.assertEqual(len(body.strip().splitlines()), 3, body)
        self.assertIn(s15, body)
        self.assertNotIn(s5, body)

    def test_metadata_keys_lists_the_keys_in_use(self) -> None:
        key = f"py_{RUN}"
        for n in ("mk1", "mk2"):
            self.client.contacts.create(email=email(n), metadata={key: n})
        keys = self.client.contacts.metadata_keys()
        self.assertEqual(keys.object, "list")
        self.assertIn({"key": key, "count": 2}, [k.to_dict() for k in keys])

    def test_segments_lifecycle_and_use(self) -> None:
        tag = f"seg-{RUN}"
        scored = self.make_scored(tag)
        name = f"py high scorers {RUN}"
        segment = self.client.segments.create(name=name, filter={"tag": [tag], "metadata": {"score": {"gte": 10}}})
        self.addCleanup(lambda: self._delete_segment(segment.id))
        self.assertTrue(segment.id.startswith("seg_"))
        self.assertEqual((segment.object, segment.count), ("segment", 2))
        self.assertEqual(segment.filter.metadata.to_dict(), {"score": {"gte": 10}})
        with self.assertRaises(ConflictError) as ctx:
            self.client.segments.create(name=name, filter={"tag": [tag]})
        self.assertEqual(ctx.exception.code, "conflict")

        self.assertEqual(self.client.segments.get(segment.id), segment)
        # The list counts exactly when that is quick, else it estimates (a tag and a metadata range).
        listed = next(s for s in self.client.segments.list() if s.id == segment.id)
        self.assertTrue(listed.count == 2 or (listed.count is None and isinstance(listed.count_estimate, int)), listed)

        self.assertEqual({c.id for c in self.client.contacts.list(segment=segment.id)}, {scored[1].id, scored[2].id})
        self.assertEqual(self.client.contacts.count(segment=segment.id, has_email=True).total, 1)
        both = self.client.contacts.list(segment=segment.id, has_email=True)
        self.assertEqual(len(both), 1)
        self.assertTrue(both.total == 1 or (both.total is None and isinstance(both.total_estimate, int)), both)
        csv = self.client.contacts.export(segment=segment.id).text()
        self.assertEqual(len(csv.strip().splitlines()), 3, csv)
        preview = self.client.contacts.bulk.preview("tag", segment=segment.id, add=[f"py-{RUN}-x"])
        self.assertEqual(preview.matched, 2)

        updated = self.client.segments.update(segment.id, name=f"{name} (pro)", filter={"tag": [tag], "metadata": {"plan": "pro"}})
        self.assertEqual((updated.name, updated.count), (f"{name} (pro)", 1))
        self.assertEqual(updated.filter.metadata.to_dict(), {"plan": {"eq": "pro"}})  # the score condition is gone
        self.assertEqual(self.client.segments.update(segment.id, name=name).count, 1)  # a rename keeps the filter

        self.assertIsNone(self.client.segments.delete(segment.id))
        with self.assertRaises(NotFoundError):
            self.client.segments.get(segment.id)

    def _delete_segment(self, id: str) -> None:
        try:
            self.client.segments.delete(id)
        except NotFoundError:
            pass

    def test_bulk_refuses_a_filter_without_criteria_unless_all(self) -> None:
        tag = f"py-{RUN}-all"
        with self.assertRaises(BadRequestError) as ctx:
            self.client.contacts.bulk.preview("tag", filter={}, add=[tag])
        self.assertEqual(ctx.exception.code, "validation_error")
        self.assertIn("filter", [d["path"] for d in ctx.exception.details])
        everyone = self.client.contacts.bulk.preview("tag", all=True, add=[tag])
        self.assertEqual(everyone.matched, self.client.contacts.list(limit=1).total)

        scored = self.make_scored(f"low-{RUN}")
        job = self.client.contacts.bulk.tag(filter={"tag": [f"low-{RUN}"], "metadata": {"score": {"lt": 10}}}, add=[tag])
        self.assertEqual(self.client.contacts.bulk.wait(job.id, timeout=60, poll_interval=0.25).processed, 1)
        self.assertEqual([c.id for c in self.client.contacts.list(tag=tag)], [scored[0].id])

    def test_source_is_set_by_the_server(self) -> None:
        with self.assertRaises(BadRequestError):
            self.client.contacts.create(email=email("src"), source="crm")  # passed through as an unknown field
        self.assertEqual(self.client.contacts.create(email=email("src")).source, "api")

    def test_a_retry_during_the_first_attempt_waits_for_its_answer(self) -> None:
        client = Rolo(max_retries=8, timeout=60)
        statuses: List[str] = []
        lock = threading.Lock()
        open_ = client._transport._open

        def recording_open(req: Any, timeout: Any) -> Any:
            resp = open_(req, timeout)
            with lock:
                statuses.append(str(resp.status))
            return resp

        client._transport._open = recording_open  # type: ignore[method-assign]
        items = [{"email": email(f"race{i}"), "tags": [f"py-{RUN}-race"], "metadata": {"i": i}} for i in range(1000)]
        results: Dict[int, Any] = {}

        def send(n: int) -> None:
            results[n] = client.contacts.batch_upsert(contacts=items, idempotency_key=f"py-race-{RUN}")

        threads = [threading.Thread(target=send, args=(n,)) for n in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 2, "both calls succeed")
        self.assertEqual(results[0].created, 1000)
        self.assertEqual(results[1].to_dict(), results[0].to_dict())
        self.assertIn("409", statuses)  # the one that found the key in use was retried, not raised
        self.assertEqual(len([s for s in statuses if s.startswith("2")]), 2, statuses)

    def test_import_consent_country_and_source_fields(self) -> None:
        opted = self.client.contacts.create(email=email("optout"), status="unsubscribed")
        national = f"020 7{random.randint(0, 999):03d} {random.randint(0, 9999):04d}"
        csv = f"email,status,phone\r\n{email('optout')},subscribed,\r\n{email('uk')},subscribed,{national}\r\n"
        first = self.client.contacts.imports.create(csv.encode(), filename="consent.csv", default_country="GB")
        done = self.client.contacts.imports.wait(first.id, timeout=120, poll_interval=0.25)
        self.assertEqual(
            (done.status, done.created, done.updated, done.kept_unsubscribed, done.resubscribe, done.default_country, done.detected_source),
            ("completed", 1, 1, 1, False, "GB", None),
        )
        self.assertEqual(self.client.contacts.get(opted.id).status, "unsubscribed")
        uk = self.client.contacts.list(email=email("uk"))[0]
        self.assertEqual(uk.phone, "+44" + national[1:].replace(" ", ""))
        self.assertIn("opted out", self.client.contacts.imports.errors(first.id).text())

        # Rolo's own export layout, recognised from its header row; this time re-subscribing is meant.
        header = "id,email,phone,first_name,last_name,status,suppressed,suppressed_reason,tags,source,created_at,updated_at"
        row = f"{opted.id},{email('optout')},,Opal,,subscribed,false,,,api,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z"
        second = self.client.contacts.imports.create(f"{header}\r\n{row}\r\n".encode(), filename="rolo.csv", resubscribe=True)
        again = self.client.contacts.imports.wait(second.id, timeout=120, poll_interval=0.25)
        self.assertEqual(
            (again.status, again.updated, again.kept_unsubscribed, again.resubscribe, again.detected_source),
            ("completed", 1, 0, True, "rolo"),
        )
        back = self.client.contacts.get(opted.id)
        self.assertEqual((back.status, back.first_name), ("subscribed", "Opal"))

    def test_a_bad_key_is_an_authentication_error(self) -> None:
        bad = Rolo(api_key="sk_live_not_a_real_key", base_url=os.environ["ROLO_BASE_URL"], max_retries=0)
        with self.assertRaises(AuthenticationError) as ctx:
            bad.contacts.list()
        self.assertEqual((ctx.exception.status_code, ctx.exception.code), (401, "unauthorized"))
        self.assertTrue(ctx.exception.request_id.startswith("req_"))


    # Issue 11: activity timeline, consent provenance, webhooks, erasure.

    def test_activity_shows_the_update_with_its_changes(self) -> None:
        created = self.client.contacts.create(email=email("activity"), first_name="Ada", metadata={"plan": "free"})
        self.client.contacts.update(created.id, first_name="Ava", metadata={"plan": "pro"})
        page = self.client.contacts.activity(created.id)
        latest = page[0]
        self.assertEqual((latest.object, latest.type, latest.contact_id), ("event", "contact.updated", created.id))
        self.assertTrue(latest.id.startswith("evt_"))
        self.assertEqual(latest.changes.first_name.to_dict(), {"from": "Ada", "to": "Ava"})
        self.assertEqual((latest.changes["metadata.plan"].from_, latest.changes["metadata.plan"].to), ("free", "pro"))
        self.assertEqual(latest.actor.type, "api_key")
        self.assertTrue(latest.request_id.startswith("req_"))
        self.assertEqual([e.type for e in self.client.contacts.activity(created.id, limit=1)], ["contact.updated", "contact.created"])

    def test_consent_has_its_provenance_and_history(self) -> None:
        created = self.client.contacts.create(email=email("consent"))
        self.client.contacts.update(created.id, status="unsubscribed")
        consent = self.client.contacts.consent(created.id)
        self.assertEqual((consent.object, consent.contact_id, consent.status), ("consent", created.id, "unsubscribed"))
        status = consent.fields.status
        self.assertEqual((status.value, status.source, status.actor.type), ("unsubscribed", "api", "api_key"))
        self.assertTrue(status.event_id.startswith("evt_"))
        self.assertTrue((status.user_agent or "").startswith("rolo-python/"), status.user_agent)
        self.assertEqual(consent.history[0].changes.status.to, "unsubscribed")
        self.assertEqual(consent.history[0].event_id, status.event_id)

    def test_webhooks_lifecycle_and_the_test_delivery(self) -> None:
        # A public address literal: the SSRF guard accepts it without DNS; sends to it just fail and retry.
        url = f"https://203.0.113.10/hook-{RUN}"
        hooks = self.client.webhooks
        created = hooks.create(url=url, events=["contact.deleted"], description=f"py {RUN}")
        self.assertTrue(created.id.startswith("whk_"))
        self.assertTrue(created.secret.startswith("whsec_"))
        self.assertEqual((created.object, created.url, created.events, created.enabled), ("webhook_endpoint", url, ["contact.deleted"], True))
        try:
            fetched = hooks.get(created.id)
            self.assertNotIn("secret", fetched)
            self.assertEqual(fetched.to_dict(), {k: v for k, v in created.to_dict().items() if k != "secret"})
            self.assertIn(created.id, [w.id for w in hooks.list()])
            updated = hooks.update(created.id, description="renamed", events=["contact.deleted", "contact.updated"])
            self.assertEqual((updated.description, sorted(updated.events)), ("renamed", ["contact.deleted", "contact.updated"]))

            delivery = hooks.test(created.id)
            self.assertTrue(delivery.id.startswith("msg_"))
            self.assertEqual((delivery.object, delivery.endpoint_id, delivery.event_type), ("webhook_delivery", created.id, "webhook.test"))
            self.assertIn(delivery.id, [d.id for d in hooks.deliveries(created.id, limit=1)])
            replayed = hooks.replay(created.id, delivery.id)
            self.assertEqual((replayed.id, replayed.status), (delivery.id, "pending"))
        finally:
            self.assertIsNone(hooks.delete(created.id))
        with self.assertRaises(NotFoundError):
            hooks.get(created.id)

    def test_erase_then_the_email_comes_back_only_with_allow_erased(self) -> None:
        address = email("erase")
        created = self.client.contacts.create(email=address, phone=us_phone())
        erasure = self.client.contacts.erase(created.id)
        self.assertEqual((erasure.object, erasure.contact_id, erasure.erased), ("erasure", created.id, True))
        self.assertEqual(sorted(erasure.tombstones), ["email", "phone"])
        with self.assertRaises(NotFoundError):
            self.client.contacts.get(created.id)
        with self.assertRaises(ConflictError) as ctx:
            self.client.contacts.create(email=address)
        self.assertEqual((ctx.exception.status_code, ctx.exception.code), (409, "erased"))
        batch = self.client.contacts.batch_upsert(contacts=[{"email": address}])
        self.assertEqual((batch.failed, batch.results[0].error.code), (1, "erased"))
        back = self.client.contacts.create(email=address, allow_erased=True)
        self.assertEqual(back.email, address)
        self.assertNotEqual(back.id, created.id)


if __name__ == "__main__":
    unittest.main()
