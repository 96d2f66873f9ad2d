"""A streamed response body (export, import errors): iterate it for bytes chunks, read() it like
a file, or take it all with text(). Close it (or use ``with``) if you stop early."""
from __future__ import annotations

import codecs
import http.client
import os
import socket
from typing import Any, Iterator, Optional, Union

from ._errors import APIConnectionError, APITimeoutError

CHUNK_SIZE = 64 * 1024


class StreamedResponse:
    def __init__(self, response: Any, *, status_code: int, headers: http.client.HTTPMessage) -> None:
        self._response = response
        self.status_code = status_code
        self.headers = headers

    @property
    def request_id(self) -> Optional[str]:
        return self.headers.get("X-Request-Id")

    @property
    def content_type(self) -> Optional[str]:
        return self.headers.get("Content-Type")

    @property
    def closed(self) -> bool:
        return bool(self._response.closed)

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes (all the rest when negative); b"" at the end."""
        try:
            data: bytes = self._response.read() if size is None or size < 0 else self._response.read(size)
        except (socket.timeout, TimeoutError) as e:
            self.close()
            raise APITimeoutError("Timed out reading the response body.") from e
        except (OSError, http.client.HTTPException) as e:
            self.close()
            raise APIConnectionError(f"Connection lost while reading the response body: {e}") from e
        if not data:
            self.close()
        return data

    def iter_bytes(self, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        try:
            while True:
                chunk = self.read(chunk_size)
                if not chunk:
                    return
                yield chunk
        finally:
            self.close()

    def __iter__(self) -> Iterator[bytes]:
        return self.iter_bytes()

    def text(self, encoding: Optional[str] = None) -> str:
        """The whole body decoded (the charset of Content-Type, else UTF-8)."""
        charset = encoding or _charset(self.content_type) or "utf-8"
        return self.read().decode(charset)

    def iter_lines(self, encoding: Optional[str] = None) -> Iterator[str]:
        """Lines without their ending ("\n" or "\r\n"), decoded as they arrive."""
        decoder = codecs.getincrementaldecoder(encoding or _charset(self.content_type) or "utf-8")()
        pending = ""
        for chunk in self.iter_bytes():
            pending += decoder.decode(chunk)
            *lines, pending = pending.split("\n")
            for line in lines:
                yield line[:-1] if line.endswith("\r") else line
        pending += decoder.decode(b"", final=True)
        if pending:
            yield pending[:-1] if pending.endswith("\r") else pending

    def write_to_file(self, path: Union[str, "os.PathLike[str]"]) -> int:
        """Streams the body into ``path``; returns the number of bytes written."""
        size = 0
        with open(path, "wb") as f:
            for chunk in self.iter_bytes():
                f.write(chunk)
                size += len(chunk)
        return size

    def close(self) -> None:
        self._response.close()

    def __enter__(self) -> "StreamedResponse":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<StreamedResponse {self.status_code} {self.content_type or ''}>".replace(" >", ">")


def _charset(content_type: Optional[str]) -> Optional[str]:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return None
