"""Every failure is raised as a RoloError; HTTP failures carry the API's error envelope
``{"error": {"code", "message", "details"?, "request_id"}}`` as attributes."""
from __future__ import annotations

import http.client
from typing import Any, Dict, Optional, Type

__all__ = [
    "RoloError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "WaitTimeoutError",
    "WebhookVerificationError",
]


class RoloError(Exception):
    """Base class of every error this SDK raises."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIConnectionError(RoloError):
    """The request did not get an HTTP response (DNS, refused or reset connection, ...)."""

    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """An attempt took longer than the timeout (and retries, if any, were used up)."""

    def __init__(self, message: str = "Request timed out.") -> None:
        super().__init__(message)


class APIStatusError(RoloError):
    """The API answered with a 4xx or 5xx status."""

    status_code: int

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: Optional[str],
        details: Any,
        request_id: Optional[str],
        headers: "http.client.HTTPMessage",
        body: Any,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.details = details
        self.request_id = request_id
        self.headers = headers
        self.body = body

    def __str__(self) -> str:
        code = f" {self.code}" if self.code else ""
        rid = f" (request_id: {self.request_id})" if self.request_id else ""
        return f"{self.status_code}{code}: {self.message}{rid}"


class BadRequestError(APIStatusError):
    """400: invalid_request or validation_error (see ``details`` for the field issues)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, malformed or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: e.g. a read-only key tried to write."""


class NotFoundError(APIStatusError):
    """404."""


class ConflictError(APIStatusError):
    """409: the email or phone is taken (``existing_id``; code ``conflict``), belongs to an erased
    contact (code ``erased``: send ``allow_erased=True`` to write it anyway), or a state conflict."""

    @property
    def existing_id(self) -> Optional[str]:
        error = self.body.get("error") if isinstance(self.body, dict) else None
        return error.get("existing_id") if isinstance(error, dict) else None


class UnprocessableEntityError(APIStatusError):
    """422: e.g. an Idempotency-Key reused with a different request."""


class RateLimitError(APIStatusError):
    """429 (after the retries)."""


class InternalServerError(APIStatusError):
    """5xx (after the retries)."""


class WaitTimeoutError(RoloError, TimeoutError):
    """``imports.wait`` / ``bulk.wait`` gave up before the job finished; ``last`` is its last state."""

    def __init__(self, message: str, last: Any) -> None:
        super().__init__(message)
        self.last = last


class WebhookVerificationError(RoloError):
    """``verify_webhook`` refused a message; answer the request with a 400 and do not act on it.
    ``code`` says why: missing_headers, invalid_timestamp, timestamp_too_old, timestamp_too_new,
    invalid_signature, invalid_secret or invalid_payload."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class(status: int) -> Type[APIStatusError]:
    if status >= 500:
        return InternalServerError
    return _BY_STATUS.get(status, APIStatusError)
