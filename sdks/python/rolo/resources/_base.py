from __future__ import annotations

import time
import urllib.parse
from typing import Callable, Optional, TypeVar

from .._errors import WaitTimeoutError
from .._models import RoloObject
from .._transport import Transport

_M = TypeVar("_M", bound=RoloObject)


class Resource:
    def __init__(self, transport: Transport) -> None:
        self._t = transport


def segment(value: str, what: str = "id") -> str:
    """One path segment; an empty id would silently address the collection instead."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"Expected a non-empty string for {what}, got {value!r}")
    return urllib.parse.quote(value, safe="")


FINISHED = ("completed", "failed", "canceled")


def poll(fetch: Callable[[], _M], *, timeout: Optional[float], poll_interval: float, sleep: Callable[[float], None]) -> _M:
    """Calls fetch() until the job is completed, failed or canceled (it is returned, not raised);
    WaitTimeoutError after ``timeout`` seconds (None waits forever)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        job = fetch()
        if job.get("status") in FINISHED:
            return job
        delay = poll_interval
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(f"{job.get('id')} is still {job.get('status')} after {timeout} s", job)
            delay = min(delay, remaining)
        sleep(delay)
