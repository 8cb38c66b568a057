"""ServerGroupManager: policies before 2.64, policy + rules from 2.64."""

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
    walk,
)

MakeClient = Callable[..., Client]
G = COMPUTE_URL + "/os-server-groups"
GID = "5bbcc3c4-1da2-4437-a48a-66f15b1b13f9"


def group(**extra: Any) -> dict[str, Any]:
    return {"id": GID, "name": "g1", "members": [], **extra}


def test_create_before_2_64_sends_policies(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(G, json={"server_group": group(policies=["anti-affinity"])})
    result = make_client("2.63").server_groups.create("g1", "anti-affinity")
    req = only_request(post)
    assert body_of(req) == {"server_group": {"name": "g1", "policies": ["anti-affinity"]}}
    assert_version(req, "2.63")
    assert result.policy == "anti-affinity"


def test_create_from_2_64_sends_policy_and_rules(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(
        G, json={"server_group": group(policy="anti-affinity", rules={"max_server_per_host": 2})}
    )
    result = make_client("2.64").server_groups.create(
        "g1", "anti-affinity", {"max_server_per_host": 2}
    )
    req = only_request(post)
    assert body_of(req) == {
        "server_group": {
            "name": "g1",
            "policy": "anti-affinity",
            "rules": {"max_server_per_host": 2},
        }
    }
    assert_version(req, "2.64")
    assert result.policy == "anti-affinity"


@pytest.mark.parametrize(
    ("version", "args", "needs"),
    [
        ("2.63", ("anti-affinity", {"max_server_per_host": 2}), "2.64"),
        ("2.14", ("soft-affinity",), "2.15"),
    ],
)
def test_create_gates(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    args: tuple[Any, ...],
    needs: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match=needs):
        make_client(version).server_groups.create("g1", *args)
    nothing_sent(mock)


@pytest.mark.parametrize(
    "args",
    [
        ("", "affinity"),
        ("g", "packed"),
        ("g", "anti-affinity", {"max_server_per_host": 0}),
        ("g", "anti-affinity", {"other": 1}),
    ],
)
def test_create_validates(mock: requests_mock.Mocker, cs: Client, args: tuple[Any, ...]) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.server_groups.create(*args)
    nothing_sent(mock)


def test_list_get_delete(mock: requests_mock.Mocker, cs: Client) -> None:
    listing = mock.get(G, json={"server_groups": [group(policy="affinity")]})
    get = mock.get(f"{G}/{GID}", json={"server_group": group(policy="affinity")})
    delete = mock.delete(f"{G}/{GID}", status_code=204, headers={"x-compute-request-id": "r"})
    assert [g.id for g in cs.server_groups.list(all_projects=True, limit=5, offset=2)] == [GID]
    assert query_of(only_request(listing)) == {
        "all_projects": ["True"],
        "limit": ["5"],
        "offset": ["2"],
    }
    assert cs.server_groups.get(GID).name == "g1"
    assert cs.server_groups.delete(GID) == ["r"]
    assert get.called_once and delete.called_once


def test_list_default_query_is_empty(mock: requests_mock.Mocker, cs: Client) -> None:
    listing = mock.get(G, json={"server_groups": []})
    assert cs.server_groups.list() == []
    assert query_of(only_request(listing)) == {}


def test_find_by_name(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(G, json={"server_groups": [group(), group(id="other", name="g2")]})
    assert cs.server_groups.find("g1").id == GID
    with pytest.raises(
        exceptions.ResourceNotFound, match="No server group with a name or ID of 'zz' exists."
    ):
        cs.server_groups.find("zz")


def test_over_quota(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.post(
        G,
        status_code=403,
        json={"forbidden": {"code": 403, "message": "Quota exceeded, too many server groups."}},
    )
    with pytest.raises(exceptions.Forbidden, match="Quota exceeded"):
        cs.server_groups.create("g1", "affinity")


def test_iter_sends_the_filters_on_the_first_next(mock: requests_mock.Mocker, cs: Client) -> None:
    other = {**group(), "id": "other"}
    matcher = mock.get(G, json={"server_groups": [group(), other]})
    groups = cs.server_groups.iter(all_projects=True, limit=2, offset=4)
    assert walk(groups, matcher) == [(1, GID), (1, "other")]
    assert query_of(only_request(matcher)) == {
        "offset": ["4"],
        "all_projects": ["True"],
        "limit": ["2"],
    }


def test_iter_refuses_a_negative_offset_at_the_call(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="offset"):
        cs.server_groups.iter(offset=-1)
    nothing_sent(mock)
