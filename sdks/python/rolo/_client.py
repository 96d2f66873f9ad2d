"""The client: configuration, and the resources hung off it."""
from __future__ import annotations

import os
from typing import Optional

from ._errors import RoloError
from ._transport import DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Transport
from .resources.contacts import Contacts
from .resources.segments import Segments
from .resources.webhooks import Webhooks


class Rolo:
    """``Rolo(api_key=..., base_url=...)``; both default to the environment (ROLO_API_KEY,
    ROLO_BASE_URL, else http://localhost:3000). ``base_url`` is the server's origin: the SDK adds
    /api/v1. ``timeout`` is per attempt in seconds (None: no limit); failed attempts are retried
    ``max_retries`` times."""

    contacts: Contacts
    segments: Segments
    webhooks: Webhooks

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
    ) -> None:
        api_key = api_key or os.environ.get("ROLO_API_KEY")
        if not api_key:
            raise RoloError("No API key: pass Rolo(api_key=...) or set ROLO_API_KEY")
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self._transport = Transport(
            api_key=api_key,
            base_url=base_url or os.environ.get("ROLO_BASE_URL") or DEFAULT_BASE_URL,
            max_retries=max_retries,
            timeout=timeout,
        )
        self.contacts = Contacts(self._transport)
        self.segments = Segments(self._transport)
        self.webhooks = Webhooks(self._transport)

    @property
    def base_url(self) -> str:
        """The API root requests go to (the origin plus /api/v1)."""
        return self._transport.base_url

    @property
    def max_retries(self) -> int:
        return self._transport.max_retries

    @property
    def timeout(self) -> Optional[float]:
        return self._transport.timeout

    def __repr__(self) -> str:
        return f"Rolo(base_url={self.base_url!r})"
