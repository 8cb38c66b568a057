"""Assertions shared by the manager tests (HTTP faked by requests-mock)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from typing import Any

import requests_mock

from tests.unit.support import COMPUTE_URL, compute_requests

SERVER_ID = "9f3c1b7e-5a4d-4e2b-8c6f-1a2b3c4d5e6f"
IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
VOLUME_ID = "c8a1e2f0-0d4b-4b7e-9a3e-5f6d7c8b9a01"
NET_ID = "3cb9bc59-5699-4588-a4b1-b87f96708bc6"
PORT_ID = "ce531f90-199f-48c0-816c-13e38010b442"

S = COMPUTE_URL + "/servers"


def only_request(matcher: Any) -> Any:
    """The single request a matcher saw (fails when nothing or more was sent)."""
    assert matcher.called_once, f"expected one call, got {matcher.call_count}"
    return matcher.last_request


def body_of(request: Any) -> Any:
    return json.loads(request.body) if request.body else None


def query_of(request: Any) -> dict[str, list[str]]:
    """The exact (case-preserving) query of a request."""
    return urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query, keep_blank_values=True)


def assert_version(request: Any, version: str | None) -> None:
    """The microversion headers match ``version`` (None: no header at all)."""
    headers = request.headers
    if version is None:
        assert "X-OpenStack-Nova-API-Version" not in headers
        assert "OpenStack-API-Version" not in headers
        return
    assert headers["X-OpenStack-Nova-API-Version"] == version
    minor = int(version.split(".")[1])
    if minor >= 27:
        assert headers["OpenStack-API-Version"] == f"compute {version}"
    else:
        assert "OpenStack-API-Version" not in headers


def nothing_sent(m: requests_mock.Mocker) -> None:
    """No compute request (other than version discovery) went out."""
    assert compute_requests(m) == []


def walk(iterator: Iterator[Any], matcher: Any, attr: str = "id") -> list[tuple[int, Any]]:
    """Consume a lazy listing: ``(requests sent so far, item.<attr>)`` for each item.

    Fails when a request went out before the first ``next()``, so a result such
    as ``[(1, "a"), (1, "b"), (2, "c")]`` shows both the pages and the laziness.
    """
    assert matcher.call_count == 0, "a request was sent before the first next()"
    return [(matcher.call_count, getattr(item, attr)) for item in iterator]
