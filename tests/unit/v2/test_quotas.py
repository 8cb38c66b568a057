"""QuotaSetManager: GET/PUT /os-quota-sets/{project}[/detail|/defaults][?user_id=]."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import (
    assert_version,
    body_of,
    nothing_sent,
    only_request,
    query_of,
)

Q = COMPUTE_URL + "/os-quota-sets/p1"


def quota(**extra: Any) -> dict[str, Any]:
    return {"quota_set": {"id": "p1", "cores": 20, "instances": 10, **extra}}


def test_get(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(Q, json=quota())
    result = cs.quotas.get("p1")
    req = only_request(matcher)
    assert query_of(req) == {}
    assert_version(req, "2.104")
    assert result.cores == 20 and result.id == "p1"


def test_get_detail_for_user(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(Q + "/detail", json=quota(cores={"limit": 20, "in_use": 2, "reserved": 0}))
    result = cs.quotas.get("p1", user_id="u1", detail=True)
    assert query_of(only_request(matcher)) == {"user_id": ["u1"]}
    assert result.cores["in_use"] == 2


def test_defaults(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(Q + "/defaults", json=quota())
    assert cs.quotas.defaults("p1").instances == 10
    assert only_request(matcher).method == "GET"


def test_update(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.put(Q, json={"quota_set": {"cores": 30, "instances": -1}})
    result = cs.quotas.update("p1", user_id="u1", force=True, cores=30, instances=-1)
    req = only_request(matcher)
    assert req.method == "PUT"
    assert query_of(req) == {"user_id": ["u1"]}
    assert body_of(req) == {"quota_set": {"cores": 30, "instances": -1, "force": True}}
    assert result.cores == 30


def test_update_without_user_or_force(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.put(Q, json=quota())
    cs.quotas.update("p1", ram=1024)
    req = only_request(matcher)
    assert query_of(req) == {} and body_of(req) == {"quota_set": {"ram": 1024}}


@pytest.mark.parametrize("kwargs", [{}, {"cores": -2}, {"cores": "many"}, {"cores": True}])
def test_update_validates(mock: requests_mock.Mocker, cs: Client, kwargs: dict[str, Any]) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.quotas.update("p1", **kwargs)
    nothing_sent(mock)


def test_update_removed_quota(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="floating_ips"):
        make_client("2.36").quotas.update("p1", floating_ips=5)
    with pytest.raises(exceptions.UnsupportedAttribute, match="injected_files"):
        make_client("2.57").quotas.update("p1", injected_files=5)
    nothing_sent(mock)
    matcher = mock.put(Q, json=quota())
    make_client("2.35").quotas.update("p1", floating_ips=5)
    assert_version(only_request(matcher), "2.35")


def test_update_below_usage(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.put(
        Q,
        status_code=400,
        json={
            "badRequest": {
                "code": 400,
                "message": "Quota limit 1 for cores must be greater than or equal to "
                "already used and reserved 2.",
            }
        },
    )
    with pytest.raises(exceptions.BadRequest, match="already used"):
        cs.quotas.update("p1", cores=1)


def test_delete(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.delete(Q, status_code=202, headers={"x-openstack-request-id": "req-1"})
    assert cs.quotas.delete("p1") == ["req-1"]
    req = only_request(matcher)
    assert query_of(req) == {}
    assert_version(req, "2.104")


def test_delete_for_user(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.delete(Q, status_code=202)
    cs.quotas.delete("p1", user_id="u1")
    assert query_of(only_request(matcher)) == {"user_id": ["u1"]}


def test_delete_needs_a_project(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="project_id must be"):
        cs.quotas.delete("")
    nothing_sent(mock)
