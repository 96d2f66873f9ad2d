"""Against a real Rolo: ROLO_BASE_URL and ROLO_API_KEY must be set (scripts/test-sdks.ts sets
them); without them these tests fail rather than skip. Emails carry a per-run suffix, so reruns
against the same database pass."""
from __future__ import annotations

import os
import tempfile
import unittest
import uuid
from typing import List

from rolo import AuthenticationError, ConflictError, Contact, NotFoundError, Rolo

RUN = uuid.uuid4().hex[:10]


def email(name: str) -> str:
    return f"py-{RUN}-{name}@example.com"


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

    def test_a_bad_key_is_an_authentication_error(self) -> None:
        bad = Rolo(api_key="sk_live_not_a_real_key", base_url=os.environ["ROLO_BASE_URL"], max_retries=0)
        with self.assertRaises(AuthenticationError) as ctx:
            bad.contacts.list()
        self.assertEqual((ctx.exception.status_code, ctx.exception.code), (401, "unauthorized"))
        self.assertTrue(ctx.exception.request_id.startswith("req_"))


if __name__ == "__main__":
    unittest.main()
