"""Reading an HTTP error response: the typed exception, its message and request id.

Split from :mod:`novaclient_lite.exceptions` (which re-exports every name
here): the classes live there, the parsing of Nova's, Keystone's, Glance's and
placement's fault bodies lives here.  :func:`from_response` also takes
python-novaclient's form ``from_response(response, body, url, method=None)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from novaclient_lite import exceptions

_BY_STATUS: dict[int, type[exceptions.HTTPException]] = {
    400: exceptions.BadRequest,
    401: exceptions.Unauthorized,
    403: exceptions.Forbidden,
    404: exceptions.NotFound,
    405: exceptions.MethodNotAllowed,
    406: exceptions.NotAcceptable,
    409: exceptions.Conflict,
    410: exceptions.Gone,
    413: exceptions.OverLimit,
    415: exceptions.UnsupportedMediaType,
    429: exceptions.RateLimit,
    500: exceptions.InternalServerError,
    501: exceptions.NotImplemented,
    502: exceptions.BadGateway,
    503: exceptions.ServiceUnavailable,
    504: exceptions.GatewayTimeout,
}

_EXCERPT_LIMIT = 200
_FAULT_LIMIT = 1000
_TAGS = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def body_excerpt(text: str, limit: int = _EXCERPT_LIMIT) -> str:
    """A short, single-line excerpt of a non-JSON body (HTML tags stripped)."""
    cleaned = _SPACE.sub(" ", _TAGS.sub(" ", text)).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 3].rstrip() + "..."
    return cleaned


def _one_line(value: Any, limit: int = _FAULT_LIMIT) -> str:
    """A fault's message on one line, cut at ``limit`` characters (a hostile server
    could send megabytes); HTML tags are kept, they may be part of Nova's text."""
    text = _SPACE.sub(" ", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def request_id_from(headers: Mapping[str, str]) -> str | None:
    """The request id of a response, preferring the global one."""
    return headers.get("x-openstack-request-id") or headers.get("x-compute-request-id")


def _retry_after(headers: Mapping[str, str], fault: Mapping[str, Any]) -> float:
    value = headers.get("retry-after") or fault.get("retryAfter") or 0
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return 0.0  # an HTTP-date: treat as "unknown"


def _fault_of(body: Any) -> tuple[str | None, str | None, Mapping[str, Any]]:
    """Nova's ``{"<faultName>": {"message": ..., "details": ...}}`` (and Keystone's ``error``,
    Neutron's ``NeutronError``, Glance's flat ``{"message": ..., "title": ...}``)."""
    if isinstance(body, Mapping) and len(body) >= 1:
        for value in body.values():
            if isinstance(value, Mapping) and ("message" in value or "title" in value):
                message = value.get("message") or value.get("title")
                details = value.get("details")
                return (
                    _one_line(message) if message is not None else None,
                    _one_line(details) if details is not None else None,
                    value,
                )
        if isinstance(body.get("message"), str):  # Glance (webob): a flat message/title
            return _one_line(body["message"]), None, body
    return None, None, {}


def from_response(
    status: Any,
    headers: Any,
    body: Any = None,
    text: Any = "",
    url: str = "",
    method: str | None = None,
) -> exceptions.HTTPException:
    """Build the typed exception for an HTTP error response.

    Args:
        status: the HTTP status (>= 400).
        headers: the response headers (case-insensitive mapping).
        body: the parsed JSON body, or None when the body is not JSON.
        text: the raw body text, used for a short excerpt when it is not JSON.
        url, method: the request.

    python-novaclient's ``from_response(response, body, url, method=None)``
    (a ``requests`` response first) is accepted too, for scripts that call it.
    """
    if not isinstance(status, int):
        response, legacy_body, legacy_url = status, headers, body
        legacy_method = method if method is not None else (text or None)
        return from_response(
            response.status_code,
            response.headers or {},
            legacy_body or None,
            "",
            str(legacy_url or ""),
            legacy_method,
        )
    cls = _BY_STATUS.get(status, exceptions.HTTPException)
    message, details, fault = _fault_of(body)
    if message is None:
        message = _problem_of(body)
    if message is None:
        excerpt = body_excerpt(text) if text else ""
        message = excerpt or cls.default_message
    kwargs: dict[str, Any] = {
        "code": status,
        "details": details,
        "request_id": request_id_from(headers),
        "url": url,
        "method": method,
    }
    if issubclass(cls, exceptions.RetryAfterException):
        return cls(message, retry_after=_retry_after(headers, fault), **kwargs)
    return cls(message, **kwargs)


def _problem_of(body: Any) -> str | None:
    """The first error of the API-WG's ``{"errors": [{"title": ..., "detail": ...}]}``
    (placement's errors, which ``nova api --service placement`` shows)."""
    errors = body.get("errors") if isinstance(body, Mapping) else None
    if not (isinstance(errors, list) and errors and isinstance(errors[0], Mapping)):
        return None
    text = errors[0].get("detail") or errors[0].get("title")
    return _one_line(text) if text else None
