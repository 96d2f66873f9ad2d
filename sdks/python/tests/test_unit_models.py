"""Result objects: attribute access all the way down over the raw JSON; the NOT_GIVEN sentinel."""
from __future__ import annotations

import copy
import json
import pickle
import unittest

from rolo import NOT_GIVEN, BatchResult, Contact, ContactList, RoloObject
from rolo._types import given

from fake_server import contact


class ModelTests(unittest.TestCase):
    def test_attribute_access_all_the_way_down(self) -> None:
        raw = {
            "object": "list",
            "data": [contact("con_1", metadata={"plan": "pro", "history": [{"plan": "free", "seats": {"max": 3}}], "sign-up": "web"})],
            "has_more": False,
            "next_cursor": None,
        }
        result = ContactList(raw)
        first = result.data[0]
        self.assertIsInstance(first, Contact)
        self.assertEqual(first.email, "con_1@example.com")
        self.assertEqual(first.metadata.plan, "pro")
        self.assertEqual(first.metadata.history[0].seats.max, 3)
        self.assertEqual(first.metadata["sign-up"], "web")
        self.assertEqual(result["data"][0]["metadata"]["plan"], "pro")
        self.assertIsInstance(first.metadata, RoloObject)
        self.assertIs(result.data[0], first)  # wrapped once
        self.assertEqual(result.to_dict(), raw)
        self.assertEqual(first.metadata, {"plan": "pro", "history": [{"plan": "free", "seats": {"max": 3}}], "sign-up": "web"})

    def test_declared_but_absent_fields_are_none_and_unknown_ones_raise(self) -> None:
        page = ContactList({"object": "list", "data": [], "has_more": False, "next_cursor": None})
        self.assertIsNone(page.total)  # only on the first page
        with self.assertRaises(AttributeError):
            page.totally_unknown  # noqa: B018
        later = Contact({"id": "con_1", "loyalty_tier": "gold"})  # a field the API adds later
        self.assertEqual(later.loyalty_tier, "gold")
        self.assertIn("loyalty_tier", dir(later))

    def test_to_dict_is_a_copy_and_objects_are_read_only(self) -> None:
        c = Contact(contact("con_1", metadata={"plan": "pro"}))
        d = c.to_dict()
        d["metadata"]["plan"] = "changed"
        self.assertEqual(c.metadata.plan, "pro")
        with self.assertRaises(AttributeError):
            c.email = "x@example.com"  # type: ignore[misc]
        self.assertEqual(json.loads(c.to_json())["id"], "con_1")
        self.assertEqual(copy.deepcopy(c), c)
        self.assertEqual(pickle.loads(pickle.dumps(c)), c)
        self.assertIn("con_1", repr(c))
        self.assertEqual(c.get("nope", 1), 1)
        self.assertTrue("email" in c)
        with self.assertRaises(TypeError):
            list(c)  # only pages iterate

    def test_batch_results_are_typed(self) -> None:
        r = BatchResult({"created": 1, "updated": 0, "failed": 1, "results": [{"index": 0, "id": None, "status": "failed", "error": {"code": "validation_error", "message": "bad"}}]})
        self.assertEqual(r.results[0].error.message, "bad")
        self.assertEqual(type(r.results[0]).__name__, "BatchItemResult")

    def test_not_given_differs_from_none(self) -> None:
        self.assertFalse(NOT_GIVEN)
        self.assertEqual(repr(NOT_GIVEN), "NOT_GIVEN")
        self.assertIs(copy.deepcopy(NOT_GIVEN), NOT_GIVEN)
        self.assertEqual(given(a=None, b=NOT_GIVEN, c=0), {"a": None, "c": 0})


if __name__ == "__main__":
    unittest.main()
