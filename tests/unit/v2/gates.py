"""The gate cases' shape and their one check (test_gates.py, test_gates_managers.py).

Each case runs the call on a client pinned just outside the range (the refusal
names the argument, the range it needs and the version in use; nothing is
sent), then on the boundary version inside it (the exact method, path, query
or JSON body, and the microversion headers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, compute_requests
from tests.unit.v2.helpers import assert_version, body_of, nothing_sent, query_of

MakeClient = Callable[..., Client]


@dataclass
class Gate:
    call: Callable[[Client], Any]
    refused: str  # the version just outside the range
    allowed: str  # the boundary version inside it
    message: str  # the refusal, without "This session uses <refused>."
    method: str
    path: str
    reply: dict[str, Any] = field(default_factory=dict)
    query: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None


def since(option: str, version: str) -> str:
    return f"'{option}' needs compute API microversion {version} or later."


def until(option: str, version: str) -> str:
    return f"'{option}' needs compute API microversion {version} or earlier."


def check_gate(mock: requests_mock.Mocker, make_client: MakeClient, gate: Gate) -> None:
    """The refusal just outside the range, then the exact request at its boundary."""
    matcher = mock.register_uri(
        gate.method,
        COMPUTE_URL + gate.path,
        json=gate.reply,
        status_code=200 if gate.reply else 202,
    )
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        gate.call(make_client(gate.refused))
    assert str(info.value) == f"{gate.message} This session uses {gate.refused}."
    nothing_sent(mock)

    gate.call(make_client(gate.allowed))
    sent = compute_requests(mock)
    assert len(sent) == 1 and matcher.called_once
    request = sent[0]
    assert (request.method, request.path) == (gate.method, "/v2.1" + gate.path)
    assert query_of(request) == gate.query
    assert body_of(request) == gate.body
    assert_version(request, gate.allowed)
