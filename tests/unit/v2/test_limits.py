"""LimitsManager: GET /limits, tenant_id and the legacy reserved flag (2.75)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import assert_version, nothing_sent, only_request, query_of

LIMITS = {"limits": {"absolute": {"maxTotalCores": 20, "totalCoresUsed": 2}, "rate": []}}


def test_get(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(COMPUTE_URL + "/limits", json=LIMITS)
    limits = cs.limits.get()
    req = only_request(matcher)
    assert query_of(req) == {}
    assert_version(req, "2.104")
    assert limits.absolute == {"maxTotalCores": 20, "totalCoresUsed": 2} and limits.rate == []


def test_get_for_project(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(COMPUTE_URL + "/limits", json=LIMITS)
    cs.limits.get(project_id="p1")
    assert query_of(only_request(matcher)) == {"tenant_id": ["p1"]}


def test_reserved_sent_before_2_75_refused_from_2_75(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.74"):
        make_client("2.75").limits.get(reserved=True)
    nothing_sent(mock)
    matcher = mock.get(COMPUTE_URL + "/limits", json=LIMITS)
    make_client("2.74").limits.get(reserved=True)
    req = only_request(matcher)
    assert query_of(req) == {"reserved": ["1"]}
    assert_version(req, "2.74")


def test_other_project_forbidden(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/limits",
        status_code=403,
        json={
            "forbidden": {
                "code": 403,
                "message": "Policy doesn't allow os_compute_api:limits:other_project",
            }
        },
    )
    with pytest.raises(exceptions.Forbidden, match="Policy"):
        cs.limits.get(project_id="p2")


def test_rate_limits_are_flattened(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/limits",
        json={
            "limits": {
                "absolute": {},
                "rate": [
                    {
                        "uri": "*",
                        "regex": ".*",
                        "limit": [
                            {
                                "verb": "POST",
                                "value": 10,
                                "remaining": 2,
                                "unit": "MINUTE",
                                "next-available": "2026-12-01T00:00:00Z",
                            },
                            {"verb": "GET", "value": 3, "remaining": 3, "unit": "SECOND"},
                        ],
                    },
                    {"uri": "/servers", "regex": "^/servers"},
                ],
            }
        },
    )
    assert cs.limits.get().rate_limits == [
        {
            "verb": "POST",
            "uri": "*",
            "regex": ".*",
            "value": 10,
            "remain": 2,
            "unit": "MINUTE",
            "next_available": "2026-12-01T00:00:00Z",
        },
        {
            "verb": "GET",
            "uri": "*",
            "regex": ".*",
            "value": 3,
            "remain": 3,
            "unit": "SECOND",
            "next_available": None,
        },
    ]
