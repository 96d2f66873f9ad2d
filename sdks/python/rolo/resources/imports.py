"""client.contacts.imports: upload a CSV or vCard file (multipart field ``file``), follow and
cancel the job, and read the rejected rows."""
from __future__ import annotations

import json
import os
import urllib.parse
import uuid
from typing import IO, Any, List, Mapping, Optional, Tuple, Union

from .._models import Import, construct
from .._pagination import ImportList
from .._streaming import StreamedResponse
from .._transport import Headers, Multipart
from .._types import NOT_GIVEN, NotGiven, NotGivenOr, given
from ._base import Resource, poll, segment

FileInput = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes], IO[str]]


class Imports(Resource):
    def create(
        self,
        file: FileInput,
        *,
        filename: NotGivenOr[str] = NOT_GIVEN,
        mapping: NotGivenOr[Mapping[str, str]] = NOT_GIVEN,
        on_conflict: NotGivenOr[str] = NOT_GIVEN,
        resubscribe: NotGivenOr[bool] = NOT_GIVEN,
        default_country: NotGivenOr[str] = NOT_GIVEN,
        allow_erased: NotGivenOr[bool] = NOT_GIVEN,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
        **extra: Any,
    ) -> Import:
        """POST /contacts/import (202): queues the import and returns it; ``wait(id)`` follows it.

        ``file`` is a path (streamed from disk), bytes, or an open file. ``mapping`` maps CSV
        columns to ``email``, ``phone``, ``first_name``, …, ``metadata.<key>`` or ``ignore``;
        ``on_conflict`` is ``"update"`` (default) or ``"skip"``. ``resubscribe=True`` lets the
        file subscribe people who unsubscribed or were suppressed (otherwise they are kept as they
        are and counted in ``kept_unsubscribed``). ``default_country`` (ISO 3166-1 alpha-2, e.g.
        ``"GB"``) reads national phone numbers; default: the workspace's. ``allow_erased=True``
        imports rows with the email or phone of an erased contact (otherwise they fail with reason
        ``erased``). Unknown keyword arguments are sent as form fields."""
        content, default_name = _file_content(file)
        name = default_name if isinstance(filename, NotGiven) else filename
        fields = given(
            mapping=mapping, on_conflict=on_conflict, resubscribe=resubscribe, default_country=default_country,
            allow_erased=allow_erased, **extra,
        )
        r = self._t.request(
            "POST", "/contacts/import", multipart=multipart_form(fields, name, content),
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Import, r.data, r.request_id)

    def get(
        self, id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> Import:
        """GET /contacts/import/{id}: status, progress and counts."""
        r = self._t.request("GET", f"/contacts/import/{segment(id)}", extra_headers=extra_headers, timeout=timeout)
        return construct(Import, r.data, r.request_id)

    def list(
        self, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN, **extra: Any
    ) -> ImportList:
        """GET /contacts/import: the last 50 imports, newest first."""
        r = self._t.request("GET", "/contacts/import", query=extra, extra_headers=extra_headers, timeout=timeout)
        return construct(ImportList, r.data, r.request_id)

    def cancel(
        self,
        id: str,
        *,
        idempotency_key: NotGivenOr[str] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        timeout: NotGivenOr[Optional[float]] = NOT_GIVEN,
    ) -> Import:
        """POST /contacts/import/{id}/cancel: stops a queued or running import (ConflictError if
        it already finished); rows of the unfinished chunk are rolled back."""
        r = self._t.request(
            "POST", f"/contacts/import/{segment(id)}/cancel",
            idempotency_key=idempotency_key, extra_headers=extra_headers, timeout=timeout,
        )
        return construct(Import, r.data, r.request_id)

    def errors(
        self, id: str, *, extra_headers: Optional[Headers] = None, timeout: NotGivenOr[Optional[float]] = NOT_GIVEN
    ) -> StreamedResponse:
        """GET /contacts/import/{id}/errors: the rejected rows as a streamed CSV with the columns
        line, row, reason (``.text()`` for all of it)."""
        return self._t.request(  # type: ignore[no-any-return]
            "GET", f"/contacts/import/{segment(id)}/errors", accept="text/csv", stream=True,
            extra_headers=extra_headers, timeout=timeout,
        )

    def wait(self, id: str, *, timeout: Optional[float] = 600.0, poll_interval: float = 1.0) -> Import:
        """Polls until the import is completed, failed or canceled and returns it (check
        ``status``); WaitTimeoutError after ``timeout`` seconds."""
        return poll(lambda: self.get(id), timeout=timeout, poll_interval=poll_interval, sleep=self._t.sleep)


def _file_content(file: FileInput) -> Tuple[Union[bytes, str], str]:
    """(bytes or a path to stream, a default filename)."""
    if isinstance(file, (bytes, bytearray, memoryview)):
        return bytes(file), "upload.csv"
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"No such file: {path!r} (pass bytes to upload content)")
        return path, os.path.basename(path)
    read = getattr(file, "read", None)
    if not callable(read):
        raise TypeError(f"file must be a path, bytes or an open file, got {type(file).__name__}")
    data = read()
    name = getattr(file, "name", None)
    default = os.path.basename(name) if isinstance(name, str) and name and not name.startswith("<") else "upload.csv"
    return (data.encode("utf-8") if isinstance(data, str) else bytes(data)), default


def multipart_form(fields: Mapping[str, Any], filename: str, content: Union[bytes, str]) -> Multipart:
    """Option fields first, then the file in the field ``file``."""
    boundary = f"rolo-{uuid.uuid4().hex}"
    parts: List[Union[bytes, str]] = []
    for key, value in fields.items():
        if value is None:
            continue
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{_quote(key)}"\r\n\r\n'.encode()
            + _form_value(value).encode()
            + b"\r\n"
        )
    disposition = f'form-data; name="file"; filename="{_quote(filename)}"'
    if not filename.isascii():
        disposition += f"; filename*=UTF-8''{urllib.parse.quote(filename, safe='')}"
    lower = filename.lower()
    ctype = "application/gzip" if lower.endswith(".gz") else "text/vcard" if lower.endswith((".vcf", ".vcard")) else "text/csv"
    parts.append(f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {ctype}\r\n\r\n".encode())
    parts.append(content)
    parts.append(f"\r\n--{boundary}--\r\n".encode())
    return Multipart(parts, boundary)


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, Mapping):
        return json.dumps(dict(value))
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value))
    return str(value)


def _quote(value: str) -> str:
    # The HTML form encoding: a quote or a line break cannot appear raw in the header.
    return value.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
