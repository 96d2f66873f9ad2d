"""Resources against a fake server: request shapes, the multipart import, pagination, streams, wait."""
from __future__ import annotations

import email.parser
import email.policy
import io
import os
import tempfile
import unittest
from typing import Any, Dict

import datetime as dt

from rolo import (
    NOT_GIVEN,
    BulkJob,
    BulkPreview,
    ContactCount,
    ContactList,
    MetadataKeyList,
    Segment,
    SegmentList,
    WaitTimeoutError,
)

from fake_server import Recorded, ServerTestCase, contact


def page(ids: Any, next_cursor: Any = None, has_more: Any = None, **extra: Any) -> Dict[str, Any]:
    more = bool(next_cursor) if has_more is None else has_more
    return {"object": "list", "data": [contact(i) for i in ids], "has_more": more, "next_cursor": next_cursor, **extra}


def import_row(status: str = "queued", **fields: Any) -> Dict[str, Any]:
    row = {"id": "imp_1", "object": "import", "status": status, "file_name": "contacts.csv", "created": 0, "failed_rows": 0}
    row.update(fields)
    return row


def job_row(status: str = "queued", **fields: Any) -> Dict[str, Any]:
    row = {"id": "job_1", "object": "bulk_job", "action": "tag", "status": status, "matched": 2, "processed": 0}
    row.update(fields)
    return row


def form_parts(req: Recorded) -> Dict[str, Any]:
    """Parses a multipart/form-data body with the standard library's email parser."""
    head = f"Content-Type: {req.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + req.body)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        parts[name] = {
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "content": part.get_payload(decode=True),
        }
    return parts


class ContactWriteTests(ServerTestCase):
    def test_create_sends_snake_case_fields_and_extras(self) -> None:
        self.server.reply(201, contact("con_1", metadata={"plan": "pro"}))
        created = self.client.contacts.create(
            email="jane@example.com",
            first_name="Jane",
            metadata={"plan": "pro"},
            tags=["vip"],
            properties={"legacy": True},  # unknown to this SDK: passed through
        )
        req = self.server.requests[0]
        self.assertEqual((req.method, req.path), ("POST", "/api/v1/contacts"))
        self.assertEqual(
            req.json(),
            {"email": "jane@example.com", "first_name": "Jane", "metadata": {"plan": "pro"}, "tags": ["vip"], "properties": {"legacy": True}},
        )
        self.assertEqual(created.metadata.plan, "pro")
        self.assertEqual(created._request_id, "req_test")

    def test_not_given_is_left_out_and_none_is_sent_as_null(self) -> None:
        self.server.reply(200, contact("con_1", first_name=None)).reply(200, contact("con_1"))
        updated = self.client.contacts.update("con_1", first_name=None, metadata={"old": None})
        self.client.contacts.update("con_1", last_name=NOT_GIVEN, status="unsubscribed")
        first, second = self.server.requests
        self.assertEqual((first.method, first.path), ("PATCH", "/api/v1/contacts/con_1"))
        self.assertEqual(first.json(), {"first_name": None, "metadata": {"old": None}})
        self.assertEqual(second.json(), {"status": "unsubscribed"})
        self.assertIsNone(updated.first_name)

    def test_delete_handles_204(self) -> None:
        self.server.reply(204)
        self.assertIsNone(self.client.contacts.delete("con_1"))
        req = self.server.requests[0]
        self.assertEqual((req.method, req.path, req.body), ("DELETE", "/api/v1/contacts/con_1", b""))
        self.assertTrue(req.headers["Idempotency-Key"])

    def test_source_is_no_longer_a_parameter(self) -> None:
        for method in (self.client.contacts.create, self.client.contacts.upsert):
            self.assertNotIn("source", method.__code__.co_varnames)
        self.assertNotIn("source", self.client.contacts.update.__code__.co_varnames)

    def test_upsert_is_put_and_batch_posts_the_items(self) -> None:
        self.server.reply(200, contact("con_1"))
        self.server.reply(200, {"created": 1, "updated": 1, "failed": 1, "results": [
            {"index": 0, "id": "con_1", "status": "updated"},
            {"index": 1, "id": "con_2", "status": "created"},
            {"index": 2, "id": None, "status": "failed", "error": {"code": "validation_error", "message": "bad", "details": [{"path": "email", "message": "x"}]}},
        ]})
        self.client.contacts.upsert(email="jane@example.com", first_name="Jane")
        items = [{"email": "jane@example.com"}, {"email": "john@example.com", "tags": ["vip"]}, {"email": "bad"}]
        result = self.client.contacts.batch_upsert(contacts=items)
        upsert, batch = self.server.requests
        self.assertEqual((upsert.method, upsert.path), ("PUT", "/api/v1/contacts"))
        self.assertEqual((batch.method, batch.path), ("POST", "/api/v1/contacts/batch"))
        self.assertEqual(batch.json(), {"contacts": items})
        self.assertEqual((result.created, result.updated, result.failed), (1, 1, 1))
        self.assertEqual(result.results[2].error.code, "validation_error")
        self.assertEqual(result.results[2].error.details[0].path, "email")
        self.assertIsNone(result.results[0].error)


class ListTests(ServerTestCase):
    def test_list_returns_one_page_and_iteration_walks_every_page(self) -> None:
        self.server.reply(200, page(["con_1", "con_2"], "cur_1", total=5))
        self.server.reply(200, page(["con_3", "con_4"], "cur_2"))
        self.server.reply(200, page(["con_5"]))
        result = self.client.contacts.list(limit=2, tag=["vip", "beta"], status="subscribed")
        self.assertIsInstance(result, ContactList)
        self.assertEqual((len(result), result[0].id, result[-1].email), (2, "con_1", "con_2@example.com"))
        self.assertEqual([c.id for c in result.data], ["con_1", "con_2"])
        self.assertEqual((result.has_more, result.next_cursor, result.total), (True, "cur_1", 5))
        self.assertEqual(len(self.server.requests), 1)

        self.assertEqual([c.id for c in result], ["con_1", "con_2", "con_3", "con_4", "con_5"])
        first, second, third = self.server.requests
        self.assertEqual(first.query, {"limit": ["2"], "tag": ["vip", "beta"], "status": ["subscribed"]})
        self.assertEqual(second.query, {**first.query, "cursor": ["cur_1"]})
        self.assertEqual(third.query["cursor"], ["cur_2"])

    def test_a_repeated_cursor_stops_the_iteration(self) -> None:
        self.server.reply(200, page(["con_1"], "cur_1"))
        self.server.reply(200, page(["con_2"], "cur_1"))  # a server bug: the same cursor again
        ids = [c.id for c in self.client.contacts.list(limit=1)]
        self.assertEqual(ids, ["con_1", "con_2"])
        self.assertEqual(len(self.server.requests), 2)

    def test_has_more_false_stops_even_with_a_cursor(self) -> None:
        self.server.reply(200, page(["con_1"], "cur_1", has_more=False))
        self.assertEqual([c.id for c in self.client.contacts.list()], ["con_1"])
        self.assertEqual(len(self.server.requests), 1)

    def test_iter_pages_and_next_page(self) -> None:
        self.server.reply(200, page(["con_1"], "cur_1")).reply(200, page(["con_2"]))
        first = self.client.contacts.list(limit=1)
        second = first.next_page()
        assert second is not None
        self.assertEqual(second[0].id, "con_2")
        self.assertIsNone(second.next_page())
        self.assertFalse(second.has_next_page())

    def test_new_filters_and_metadata_conditions_become_bracketed_query_keys(self) -> None:
        self.server.reply(200, page([])).reply(200, "email\r\n", headers={"Content-Type": "text/csv"})
        self.client.contacts.list(
            has_email=True,
            has_phone=False,
            updated_after=dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc),
            updated_before="2026-03-01T00:00:00Z",
            segment="seg_42",
            metadata={
                "plan": "pro",
                "score": {"gte": 10, "lt": 100},
                "tier": {"in": ["gold", "silver", True]},
                "vip": {"exists": True},
                "trial": False,
            },
        )
        self.client.contacts.export(segment="seg_1", metadata={"plan": {"eq": "pro"}}).close()
        listed, exported = self.server.requests
        self.assertEqual(listed.query, {
            "has_email": ["true"],
            "has_phone": ["false"],
            "updated_after": ["2026-02-01T00:00:00+00:00"],
            "updated_before": ["2026-03-01T00:00:00Z"],
            "segment": ["seg_42"],
            "metadata[plan]": ["pro"],
            "metadata[score][gte]": ["10"],
            "metadata[score][lt]": ["100"],
            "metadata[tier][in]": ["gold,silver,true"],
            "metadata[vip][exists]": ["true"],
            "metadata[trial]": ["false"],
        })
        self.assertIn("metadata[plan]=pro", listed.raw_query)
        self.assertEqual((exported.path, exported.query), ("/api/v1/contacts/export", {"segment": ["seg_1"], "metadata[plan][eq]": ["pro"]}))

    def test_iteration_keeps_the_metadata_filter_on_every_page(self) -> None:
        self.server.reply(200, page(["con_1"], "cur_1")).reply(200, page(["con_2"]))
        ids = [c.id for c in self.client.contacts.list(metadata={"plan": {"in": ["pro", "team"]}})]
        self.assertEqual(ids, ["con_1", "con_2"])
        self.assertEqual([r.query for r in self.server.requests], [
            {"metadata[plan][in]": ["pro,team"]},
            {"metadata[plan][in]": ["pro,team"], "cursor": ["cur_1"]},
        ])

    def test_a_metadata_key_or_in_value_a_query_string_cannot_carry_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "contains"):
            self.client.contacts.list(metadata={"a][gte": 1})
        with self.assertRaisesRegex(ValueError, "comma"):
            self.client.contacts.export(metadata={"city": {"in": ["Paris", "Washington, DC"]}})
        self.assertEqual(self.server.requests, [])

    def test_count_sends_the_list_filters_without_paging(self) -> None:
        self.server.reply(200, {"object": "count", "total": 1234}).reply(200, {"object": "count", "total": 0})
        count = self.client.contacts.count(
            search="fatima",
            tag=["vip", "beta"],
            suppressed=False,
            has_phone=None,  # None leaves a filter out, as in list
            created_after=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
            metadata={"plan": "pro", "score": {"gte": 10}},
            segment="seg_42",
            future_filter="x",
        )
        self.assertIsInstance(count, ContactCount)
        self.assertEqual((count.object, count.total, count._request_id), ("count", 1234, "req_test"))
        self.assertEqual(self.client.contacts.count().total, 0)
        filtered, everyone = self.server.requests
        self.assertEqual((filtered.method, filtered.path), ("GET", "/api/v1/contacts/count"))
        self.assertNotIn("Idempotency-Key", filtered.headers)
        self.assertEqual(filtered.query, {
            "search": ["fatima"],
            "tag": ["vip", "beta"],
            "suppressed": ["false"],
            "created_after": ["2026-01-01T00:00:00+00:00"],
            "metadata[plan]": ["pro"],
            "metadata[score][gte]": ["10"],
            "segment": ["seg_42"],
            "future_filter": ["x"],
        })
        self.assertEqual((everyone.path, everyone.raw_query), ("/api/v1/contacts/count", ""))
        with self.assertRaisesRegex(ValueError, "contains"):
            self.client.contacts.count(metadata={"a]b": 1})
        self.assertEqual(len(self.server.requests), 2)

    def test_the_first_page_has_total_or_total_estimate(self) -> None:
        self.server.reply(200, page(["con_1"], "cur_1", total_estimate=48000)).reply(200, page(["con_2"]))
        first = self.client.contacts.list(search="a")
        second = first.next_page()
        assert second is not None
        self.assertEqual((first.total, first.total_estimate), (None, 48000))
        self.assertEqual((second.total, second.total_estimate), (None, None))

    def test_metadata_keys(self) -> None:
        self.server.reply(200, {"object": "list", "data": [{"key": "plan", "count": 3}, {"key": "score", "count": 1}]})
        keys = self.client.contacts.metadata_keys()
        self.assertIsInstance(keys, MetadataKeyList)
        self.assertEqual([(k.key, k.count) for k in keys], [("plan", 3), ("score", 1)])
        req = self.server.requests[0]
        self.assertEqual((req.method, req.path), ("GET", "/api/v1/contacts/metadata-keys"))

    def test_query_encoding_of_extras_booleans_and_dicts(self) -> None:
        self.server.reply(200, page([]))
        self.client.contacts.list(suppressed=False, metadata={"plan": "pro"}, search=None, sort="email")
        req = self.server.requests[0]
        self.assertIn("metadata[plan]=pro", req.raw_query)
        self.assertEqual(req.query, {"suppressed": ["false"], "metadata[plan]": ["pro"], "sort": ["email"]})


class ImportTests(ServerTestCase):
    CSV = b"email,first_name\r\njane@example.com,Jane\r\n"

    def test_multipart_body_from_a_path(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "contacts.csv")
            with open(path, "wb") as f:
                f.write(self.CSV)
            self.server.reply(202, import_row())
            created = self.client.contacts.imports.create(
                file=path, mapping={"first_name": "first_name"}, on_conflict="skip", resubscribe=True
            )
        self.assertEqual(created.id, "imp_1")
        req = self.server.requests[0]
        self.assertEqual((req.method, req.path), ("POST", "/api/v1/contacts/import"))
        self.assertTrue(req.headers["Content-Type"].startswith("multipart/form-data; boundary="))
        self.assertEqual(int(req.headers["Content-Length"]), len(req.body))
        self.assertTrue(req.headers["Idempotency-Key"])
        parts = form_parts(req)
        self.assertEqual(set(parts), {"file", "mapping", "on_conflict", "resubscribe"})
        self.assertEqual(parts["file"]["filename"], "contacts.csv")
        self.assertEqual(parts["file"]["content_type"], "text/csv")
        self.assertEqual(parts["file"]["content"], self.CSV)
        self.assertEqual(parts["mapping"]["content"], b'{"first_name": "first_name"}')
        self.assertEqual(parts["on_conflict"]["content"], b"skip")
        self.assertEqual(parts["resubscribe"]["content"], b"true")

    def test_resubscribe_and_default_country_are_form_fields_and_the_new_import_fields_read(self) -> None:
        self.server.reply(202, import_row(kept_unsubscribed=2, detected_source="vcard", default_country="GB", resubscribe=False))
        imp = self.client.contacts.imports.create(
            b"BEGIN:VCARD\r\nEND:VCARD\r\n", filename="people.vcf", resubscribe=False, default_country="GB"
        )
        self.assertEqual(
            (imp.kept_unsubscribed, imp.detected_source, imp.default_country, imp.resubscribe), (2, "vcard", "GB", False)
        )
        parts = form_parts(self.server.requests[0])
        self.assertEqual(parts["resubscribe"]["content"], b"false")
        self.assertEqual(parts["default_country"]["content"], b"GB")
        self.assertEqual((parts["file"]["filename"], parts["file"]["content_type"]), ("people.vcf", "text/vcard"))

    def test_bytes_and_file_objects_and_a_retry_resends_the_same_body(self) -> None:
        self.server.reply(503, "busy").reply(202, import_row()).reply(202, import_row())
        self.client.contacts.imports.create(self.CSV, filename="list \"a\".csv")
        self.client.contacts.imports.create(io.StringIO(self.CSV.decode()), filename="b.csv")
        failed, retried, from_file = self.server.requests
        self.assertEqual(failed.body, retried.body)
        self.assertEqual(failed.headers["Idempotency-Key"], retried.headers["Idempotency-Key"])
        self.assertEqual(form_parts(retried)["file"]["filename"], "list %22a%22.csv")
        self.assertEqual(form_parts(retried)["file"]["content"], self.CSV)
        self.assertEqual(form_parts(from_file)["file"]["content"], self.CSV)
        self.assertEqual(form_parts(from_file)["file"]["filename"], "b.csv")

    def test_get_list_cancel_and_errors(self) -> None:
        self.server.reply(200, import_row("running"))
        self.server.reply(200, {"object": "list", "data": [import_row("completed")]})
        self.server.reply(200, import_row("canceled"))
        self.server.reply(200, "line,row,reason\r\n3,bad,Must be a valid email address\r\n", headers={"Content-Type": "text/csv; charset=utf-8"})
        imports = self.client.contacts.imports
        self.assertEqual(imports.get("imp_1").status, "running")
        listed = imports.list()
        self.assertEqual([i.status for i in listed], ["completed"])
        self.assertEqual(imports.cancel("imp_1").status, "canceled")
        errors = imports.errors("imp_1")
        self.assertEqual(list(errors.iter_lines()), ["line,row,reason", "3,bad,Must be a valid email address"])
        paths = [(r.method, r.path) for r in self.server.requests]
        self.assertEqual(paths, [
            ("GET", "/api/v1/contacts/import/imp_1"),
            ("GET", "/api/v1/contacts/import"),
            ("POST", "/api/v1/contacts/import/imp_1/cancel"),
            ("GET", "/api/v1/contacts/import/imp_1/errors"),
        ])

    def test_wait_polls_until_finished(self) -> None:
        self.server.reply(200, import_row("queued")).reply(200, import_row("running")).reply(200, import_row("completed", created=1))
        done = self.client.contacts.imports.wait("imp_1", poll_interval=0.25)
        self.assertEqual((done.status, done.created), ("completed", 1))
        self.assertEqual(self.sleeps, [0.25, 0.25])

    def test_wait_gives_up_after_its_timeout(self) -> None:
        self.server.reply(200, import_row("running")).reply(200, import_row("running"))
        with self.assertRaises(WaitTimeoutError) as ctx:
            self.client.contacts.imports.wait("imp_1", timeout=0, poll_interval=0.1)
        self.assertEqual(ctx.exception.last.status, "running")


class SegmentTests(ServerTestCase):
    SEGMENT = {"id": "seg_1", "object": "segment", "name": "Pro", "filter": {"metadata": {"plan": {"eq": "pro"}}}, "count": 2}

    def test_each_method_uses_its_method_path_and_body(self) -> None:
        self.server.reply(200, {"object": "list", "data": [self.SEGMENT]})
        self.server.reply(201, self.SEGMENT).reply(200, self.SEGMENT).reply(200, {**self.SEGMENT, "name": "Team"}).reply(204)
        segments = self.client.segments
        listed = segments.list()
        self.assertIsInstance(listed, SegmentList)
        self.assertEqual([s.filter.metadata.plan.eq for s in listed], ["pro"])
        created = segments.create(name="Pro", filter={"metadata": {"plan": "pro"}, "has_email": True})
        self.assertIsInstance(created, Segment)
        self.assertEqual((created.id, created.count), ("seg_1", 2))
        self.assertEqual(segments.get("seg_1").name, "Pro")
        self.assertEqual(segments.update("seg_1", name="Team", filter={"tag": ["team"]}).name, "Team")
        self.assertIsNone(segments.delete("seg/1"))
        sent = [(r.method, r.path, r.json() if r.body else None) for r in self.server.requests]
        self.assertEqual(sent, [
            ("GET", "/api/v1/segments", None),
            ("POST", "/api/v1/segments", {"name": "Pro", "filter": {"metadata": {"plan": "pro"}, "has_email": True}}),
            ("GET", "/api/v1/segments/seg_1", None),
            ("PATCH", "/api/v1/segments/seg_1", {"name": "Team", "filter": {"tag": ["team"]}}),
            ("DELETE", "/api/v1/segments/seg%2F1", None),
        ])
        self.assertTrue(all(r.headers["Idempotency-Key"] for r in self.server.requests if r.method != "GET"))

    def test_a_listed_segment_may_have_count_estimate_instead_of_count(self) -> None:
        estimated = {k: v for k, v in self.SEGMENT.items() if k != "count"}
        self.server.reply(200, {"object": "list", "data": [{**estimated, "count_estimate": 1200}, {**self.SEGMENT, "count": 0}]})
        listed = self.client.segments.list()
        self.assertEqual([(s.count, s.count_estimate) for s in listed], [(None, 1200), (0, None)])

    def test_update_sends_only_what_is_given(self) -> None:
        self.server.reply(200, self.SEGMENT)
        self.client.segments.update("seg_1", name="Renamed")
        self.assertEqual(self.server.requests[0].json(), {"name": "Renamed"})


class BulkAndExportTests(ServerTestCase):
    def test_bulk_actions_post_to_their_endpoints(self) -> None:
        for _ in range(6):
            self.server.reply(202, job_row())
        bulk = self.client.contacts.bulk
        bulk.subscribe(ids=["con_1"])
        bulk.unsubscribe(filter={"tag": ["old"]}, exclude_ids=["con_2"], reason="cleanup")
        job = bulk.tag(ids=["con_1", "con_2"], add=["vip"], remove=["trial"])
        bulk.delete(filter={"status": "unsubscribed"}, all=True)
        bulk.subscribe(segment="seg_1", filter={"metadata": {"plan": "pro", "score": {"gte": 10}}, "has_phone": True})
        bulk.unsubscribe(all=True, exclude_ids=["con_9"])
        self.assertIsInstance(job, BulkJob)
        self.assertEqual(job.matched, 2)
        sent = [(r.path, r.json()) for r in self.server.requests]
        self.assertEqual(sent, [
            ("/api/v1/contacts/bulk-subscribe", {"ids": ["con_1"]}),
            ("/api/v1/contacts/bulk-unsubscribe", {"filter": {"tag": ["old"]}, "exclude_ids": ["con_2"], "reason": "cleanup"}),
            ("/api/v1/contacts/bulk-tag", {"add": ["vip"], "remove": ["trial"], "ids": ["con_1", "con_2"]}),
            ("/api/v1/contacts/bulk-delete", {"filter": {"status": "unsubscribed"}, "all": True}),
            ("/api/v1/contacts/bulk-subscribe", {"filter": {"metadata": {"plan": "pro", "score": {"gte": 10}}, "has_phone": True}, "segment": "seg_1"}),
            ("/api/v1/contacts/bulk-unsubscribe", {"all": True, "exclude_ids": ["con_9"]}),
        ])

    def test_preview_get_and_wait(self) -> None:
        self.server.reply(200, {"object": "bulk_preview", "dry_run": True, "matched": 7, "sample": [contact("con_1")]})
        self.server.reply(200, job_row("running")).reply(200, job_row("completed", processed=2))
        bulk = self.client.contacts.bulk
        preview = bulk.preview("tag", filter={"search": "acme"}, add=["vip"])
        self.assertIsInstance(preview, BulkPreview)
        self.assertEqual((preview.matched, preview.sample[0].id), (7, "con_1"))
        self.assertEqual(self.server.requests[0].json(), {"filter": {"search": "acme"}, "add": ["vip"], "dry_run": True})
        done = bulk.wait("job_1", poll_interval=0.5)
        self.assertEqual((done.status, done.processed), ("completed", 2))
        self.assertEqual(self.server.requests[1].path, "/api/v1/contacts/bulk/job_1")
        with self.assertRaises(ValueError):
            bulk.preview("explode", ids=["con_1"])

    def test_export_streams_bytes_chunks(self) -> None:
        csv = "email,first_name\r\n" + "".join(f"user{i}@example.com,U{i}\r\n" for i in range(5000))
        self.server.reply(200, csv, headers={"Content-Type": "text/csv; charset=utf-8"})
        stream = self.client.contacts.export(tag="vip", bom=True)
        chunks = list(stream)
        self.assertGreater(len(chunks), 1)
        self.assertTrue(all(isinstance(c, bytes) for c in chunks))
        self.assertEqual(b"".join(chunks).decode(), csv)
        self.assertEqual(stream.request_id, "req_test")
        req = self.server.requests[0]
        self.assertEqual((req.path, req.query), ("/api/v1/contacts/export", {"tag": ["vip"], "bom": ["true"]}))
        self.assertEqual(req.headers["Accept"], "text/csv")

    def test_export_text_and_errors_before_streaming(self) -> None:
        self.server.reply(200, "email\r\na@example.com\r\n", headers={"Content-Type": "text/csv; charset=utf-8"})
        self.assertEqual(self.client.contacts.export().text(), "email\r\na@example.com\r\n")
        client = self.make_client(max_retries=1)
        self.server.reply(500, "oops").reply(200, "email\r\n", headers={"Content-Type": "text/csv"})
        with client.contacts.export() as stream:
            self.assertEqual(stream.read(), b"email\r\n")
        self.assertEqual(len(self.server.requests), 3)


if __name__ == "__main__":
    unittest.main()
