"""InstanceActionManager: list (paging filters gated on 2.58/2.66) and get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import SERVER_ID, S, nothing_sent, only_request, query_of, walk

MakeClient = Callable[..., Client]
A = f"{S}/{SERVER_ID}/os-instance-actions"
ACTION = {
    "action": "create",
    "request_id": "req-1",
    "instance_uuid": SERVER_ID,
    "message": None,
    "start_time": "2026-01-01T00:00:00.000000",
}


def test_list_sends_filters(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(A, json={"instanceActions": [ACTION]})
    actions = make_client("2.66").instance_actions.list(
        SERVER_ID, limit=5, marker="req-0", changes_before="2026-01-02T00:00:00Z"
    )
    assert query_of(only_request(get)) == {
        "limit": ["5"],
        "marker": ["req-0"],
        "changes-before": ["2026-01-02T00:00:00Z"],
    }
    assert [(a.id, a.action) for a in actions] == [("req-1", "create")]


def test_list_refuses_a_filter_before_its_version(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.65").instance_actions.list(SERVER_ID, changes_before="2026-01-01")
    assert str(info.value) == (
        "'changes-before' needs compute API microversion 2.66 or later. This session uses 2.65."
    )
    nothing_sent(mock)


def test_get_returns_events(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    mock.get(A + "/req-1", json={"instanceAction": {**ACTION, "events": [{"event": "spawn"}]}})
    action = make_client("2.1").instance_actions.get(SERVER_ID, "req-1")
    assert action.events == [{"event": "spawn"}]


def action(request_id: str) -> dict[str, Any]:
    return {**ACTION, "request_id": request_id}


def test_iter_follows_nova_links_page_by_page(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    """From 2.58 Nova puts the next page under "links" (not "instanceActions_links")."""

    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request):
            return {
                "instanceActions": [action("req-3"), action("req-2")],
                "links": [{"rel": "next", "href": A + "?limit=2&marker=req-2"}],
            }
        return {"instanceActions": [action("req-1")]}

    matcher = mock.get(A, json=respond)
    actions = make_client("2.58").instance_actions.iter(
        SERVER_ID, changes_since="2026-01-01T00:00:00Z"
    )
    assert walk(actions, matcher) == [(1, "req-3"), (1, "req-2"), (2, "req-1")]
    first, second = matcher.request_history
    assert query_of(first) == {"changes-since": ["2026-01-01T00:00:00Z"]}
    assert query_of(second) == {"limit": ["2"], "marker": ["req-2"]}
    listed = make_client("2.58").instance_actions.list(SERVER_ID)
    assert [a.id for a in listed] == ["req-3", "req-2", "req-1"]


def test_list_with_limit_stops_at_the_limit(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    get = mock.get(
        A,
        json={
            "instanceActions": [action("req-3"), action("req-2")],
            "links": [{"rel": "next", "href": A + "?limit=2&marker=req-2"}],
        },
    )
    actions = make_client("2.58").instance_actions.list(SERVER_ID, limit=2)
    assert [a.id for a in actions] == ["req-3", "req-2"]
    assert query_of(only_request(get)) == {"limit": ["2"]}


def test_iter_gates_at_the_call(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="marker"):
        make_client("2.57").instance_actions.iter(SERVER_ID, marker="req-1")
    nothing_sent(mock)
