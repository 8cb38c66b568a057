"""Dry run: requests that would change something are recorded and not sent.

``Client(..., dry_run=sink)`` (or ``dry_run=True``) makes the HTTP choke point
(:meth:`novaclient_lite.http.HTTPClient.request`) hold back every POST, PUT,
PATCH and DELETE: it builds a :class:`PlannedRequest` (secrets masked), hands
it to ``sink`` and raises :class:`~novaclient_lite.exceptions.RequestNotSent`
carrying the same record, so nothing that depends on the answer runs.  GET
and HEAD (lookups, version discovery) and the Keystone login are sent as
usual, so the recorded request is exactly the one that would be sent.  This
module formats records; it never prints.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from novaclient_lite import exceptions, redaction
from novaclient_lite.values import FrozenValue

#: The methods a dry run holds back: every other method is sent.
MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Headers the same on every request (or different on every run): recorded, not shown.
_UNSHOWN_HEADERS = frozenset({"accept", "content-type", "x-openstack-request-id"})


class PlannedRequest(FrozenValue):
    """A request that was built but not sent; secrets are already masked.

    Attributes:
        method: ``POST``, ``PUT``, ``PATCH`` or ``DELETE``.
        url: the absolute URL, query string included.
        headers: every header the client would add (tokens fingerprinted);
            the session's own (``X-Auth-Token``, ``User-Agent``) are not known here.
        body: the JSON body with adminPass, passwords, user_data, private keys
            and other secrets replaced by ``***``; None when there is none.
    """

    __slots__ = ("body", "headers", "method", "url")
    method: str
    url: str
    headers: Mapping[str, str]
    body: Any

    def __init__(
        self, method: str, url: str, headers: Mapping[str, str] | None = None, body: Any = None
    ) -> None:
        self._set(method=method, url=url, headers={} if headers is None else headers, body=body)

    @property
    def shown_headers(self) -> dict[str, str]:
        """The headers worth reading, sorted: the microversion and any caller-set ones."""
        return {k: v for k, v in sorted(self.headers.items()) if k.lower() not in _UNSHOWN_HEADERS}

    def to_dict(self) -> dict[str, Any]:
        """``{"method", "url", "headers", "body"}`` (the shown headers), for JSON output."""
        return {
            "method": self.method,
            "url": self.url,
            "headers": self.shown_headers,
            "body": self.body,
        }

    def as_text(self) -> str:
        """Like an HTTP message: request line, headers, then the JSON body indented.

        Ends with a newline; a body is preceded by a blank line.
        """
        lines = [f"{self.method} {self.url}"]
        lines += [f"{name}: {value}" for name, value in self.shown_headers.items()]
        if self.body is not None:
            lines += ["", json.dumps(self.body, indent=2, ensure_ascii=False)]
        return "\n".join(lines) + "\n"


#: Receives each held-back request (in the thread that made it).
Sink = Callable[[PlannedRequest], None]


def plan(
    method: str, url: str, params: Any, headers: Mapping[str, str], body: Any
) -> PlannedRequest:
    """The masked record of a request: ``params`` joined into the URL as they would be sent."""
    import urllib.parse

    if params:
        query = urllib.parse.urlencode(params, doseq=True)
        url += ("&" if urllib.parse.urlsplit(url).query else "?") + query
    masked = redaction.redact_body(body) if body is not None else None
    return PlannedRequest(method.upper(), url, redaction.redact_headers(headers), masked)


def hold(
    sink: Sink | None,
    method: str,
    url: str,
    *,
    params: Any = None,
    headers: Mapping[str, str] | None = None,
    body: Any = None,
) -> None:
    """The choke point's hook: in a dry run (``sink`` set), record a change and refuse it.

    GET, HEAD and OPTIONS always pass, and everything passes without a sink.
    The caller calls it once per request, before its retry loop, so a retry
    can never record (or send) the request again.

    Raises:
        RequestNotSent: for a mutating ``method``, after ``sink`` has received
            the record (an exception raised by ``sink`` propagates instead).
    """
    if sink is not None and method.upper() in MUTATING_METHODS:
        record = plan(method, url, params, headers or {}, body)
        sink(record)
        raise exceptions.RequestNotSent(record)


def discard(request: PlannedRequest) -> None:
    """A sink that keeps nothing (``dry_run=True``: the record is on the exception)."""


def sink_of(dry_run: bool | Sink | None) -> Sink | None:
    """``dry_run`` as the constructors accept it (False/None, True or a callable) -> a sink.

    Raises:
        TypeError: for anything else (a string such as ``"yes"`` is refused, not guessed).
    """
    if dry_run is None or dry_run is False:
        return None
    if dry_run is True:
        return discard
    if callable(dry_run):
        return dry_run
    raise TypeError(f"dry_run must be a bool or a callable, not {type(dry_run).__name__}")
