"""InstanceActionManager: list (paging filters gated on 2.58/2.66) and get."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import SERVER_ID, S, nothing_sent, only_request, query_of

MakeClient = Callable[..., Client]
A = f"{S}/{SERVER_ID}/os-instance-actions"
ACTION = {"action": "create", "request_id": "req-1", "instance_uuid": SERVER_ID,
          "message": None, "start_time": "2026-01-01T00:00:00.000000"}


def test_list_sends_filters(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(A, json={"instanceActions": [ACTION]})
    actions = make_client("2.66").instance_actions.list(
        SERVER_ID, limit=5, marker="req-0", changes_before="2026-01-02T00:00:00Z")
    assert query_of(only_request(get)) == {
        "limit": ["5"], "marker": ["req-0"], "changes-before": ["2026-01-02T00:00:00Z"]}
    assert [(a.id, a.action) for a in actions] == [("req-1", "create")]


def test_list_refuses_a_filter_before_its_version(mock: requests_mock.Mocker,
                                                  make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.65").instance_actions.list(SERVER_ID, changes_before="2026-01-01")
    assert str(info.value) == ("'changes-before' needs compute API microversion 2.66 or later. "
                               "This session uses 2.65.")
    nothing_sent(mock)


def test_get_returns_events(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    mock.get(A + "/req-1", json={"instanceAction": {**ACTION, "events": [{"event": "spawn"}]}})
    action = make_client("2.1").instance_actions.get(SERVER_ID, "req-1")
    assert action.events == [{"event": "spawn"}]
