"""Parsing a response body: the cyclic collector stays out of the JSON parse."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from novaclient_lite import _body

#: A listing-sized body: ~60,000 new containers, far past the collector's threshold.
PAGE = json.dumps(
    {
        "servers": [
            {"id": str(i), "links": [{"rel": "self", "href": f"/s/{i}"}]} for i in range(20000)
        ]
    }
).encode()


@pytest.fixture
def collections() -> Iterator[list[int]]:
    started: list[int] = []

    def spy(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(spy)
    try:
        yield started
    finally:
        gc.callbacks.remove(spy)


def test_no_collection_runs_while_a_page_is_parsed(collections: list[int]) -> None:
    assert gc.isenabled()
    body = _body.decode_json(SimpleNamespace(content=PAGE))  # type: ignore[arg-type]
    during = len(collections)  # NOTE: read before anything else can allocate
    assert during == 0
    assert gc.isenabled()
    assert len(body["servers"]) == 20000 and body["servers"][-1]["id"] == "19999"


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        assert _body.decode_json(SimpleNamespace(content=b"{}")) == {}  # type: ignore[arg-type]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_a_body_that_is_not_json() -> None:
    bad = SimpleNamespace(content=b"<html>")
    assert _body.decode_json(bad) is _body.NOT_JSON  # type: ignore[arg-type]
    assert gc.isenabled()
