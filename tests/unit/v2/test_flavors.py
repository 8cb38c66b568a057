"""FlavorManager at the HTTP boundary (2.1, 2.55, 2.61, 2.101/2.102)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.flavors import Flavor
from tests.unit import bodies
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
F = COMPUTE_URL + "/flavors"


def flavor(fid: str = "1", **extra: Any) -> dict[str, Any]:
    """The canonical flavor body, named ``m<id>`` so lookups by name can be told apart."""
    return bodies.flavor(fid, f"m{fid}", **extra)


def test_list_detailed_with_filters(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(F + "/detail", json={"flavors": [flavor()]})
    result = cs.flavors.list(
        min_disk=1,
        min_ram=256,
        sort_key="name",
        sort_dir="desc",
        marker="0",
        limit=5,
        is_public=None,
    )
    req = only_request(matcher)
    assert query_of(req) == {
        "minDisk": ["1"],
        "minRam": ["256"],
        "sort_key": ["name"],
        "sort_dir": ["desc"],
        "marker": ["0"],
        "limit": ["5"],
        "is_public": ["None"],
    }
    assert_version(req, "2.104")
    assert isinstance(result[0], Flavor) and result[0].ephemeral == 0 and result[0].is_public


def test_list_private_not_detailed(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(F, json={"flavors": []})
    assert cs.flavors.list(detailed=False, is_public=False) == []
    assert query_of(only_request(matcher)) == {"is_public": ["false"]}


def test_list_public_default_sends_no_query(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(F + "/detail", json={"flavors": []})
    cs.flavors.list()
    assert query_of(only_request(matcher)) == {}


def test_get_at_2_61_has_extra_specs(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    matcher = mock.get(F + "/1", json={"flavor": flavor(extra_specs={"hw:cpu_policy": "x"})})
    result = make_client("2.61").flavors.get("1")
    assert_version(only_request(matcher), "2.61")
    assert result.extra_specs == {"hw:cpu_policy": "x"}


def test_get_missing(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        F + "/9",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Flavor 9 could not be found."}},
    )
    with pytest.raises(exceptions.NotFound, match="Flavor 9 could not be found"):
        cs.flavors.get("9")


def test_find_by_name_after_id_miss(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(F + "/m2", status_code=404, json={"itemNotFound": {"code": 404, "message": "x"}})
    listing = mock.get(F + "/detail", json={"flavors": [flavor("1"), flavor("2")]})
    assert cs.flavors.find("m2").id == "2"
    assert query_of(only_request(listing)) == {"is_public": ["None"]}


def test_create_at_2_1(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(F, json={"flavor": flavor("auto-id")})
    make_client("2.1").flavors.create(
        "m1", 512, 1, 10, ephemeral=5, swap=256, rxtx_factor=2.0, is_public=False
    )
    req = only_request(post)
    assert body_of(req) == {
        "flavor": {
            "name": "m1",
            "ram": 512,
            "vcpus": 1,
            "disk": 10,
            "id": None,
            "OS-FLV-EXT-DATA:ephemeral": 5,
            "swap": 256,
            "os-flavor-access:is_public": False,
            "rxtx_factor": 2.0,
        }
    }
    assert_version(req, "2.1")


def test_create_description_needs_2_55(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.55"):
        make_client("2.54").flavors.create("m1", 512, 1, 10, description="d")
    nothing_sent(mock)
    post = mock.post(F, json={"flavor": flavor()})
    make_client("2.55").flavors.create("m1", 512, 1, 10, "f1", description="d")
    req = only_request(post)
    assert body_of(req)["flavor"]["description"] == "d"
    assert body_of(req)["flavor"]["id"] == "f1"
    assert_version(req, "2.55")


def test_create_rxtx_factor_rejected_at_2_102_and_not_sent(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(F, json={"flavor": flavor()})
    with pytest.raises(exceptions.UnsupportedAttribute, match="rxtx_factor"):
        make_client("2.102").flavors.create("m1", 512, 1, 10, rxtx_factor=1.5)
    assert not post.called
    # python-novaclient's default (1.0) is not sent where Nova removed the field.
    make_client("2.102").flavors.create("m1", 512, 1, 10, rxtx_factor=1.0)
    req = only_request(post)
    assert "rxtx_factor" not in body_of(req)["flavor"]
    assert_version(req, "2.102")
    make_client("2.101").flavors.create("m1", 512, 1, 10, rxtx_factor=1.5)
    assert body_of(post.last_request)["flavor"]["rxtx_factor"] == 1.5
    # ... and is sent, as python-novaclient sends it, where Nova has it.
    make_client("2.101").flavors.create("m1", 512, 1, 10)
    assert body_of(post.last_request)["flavor"]["rxtx_factor"] == 1.0
    make_client("2.101").flavors.create("m1", 512, 1, 10, rxtx_factor=None)
    assert "rxtx_factor" not in body_of(post.last_request)["flavor"]


@pytest.mark.parametrize(
    "args",
    [
        ("", 1, 1, 1),
        ("m", 0, 1, 1),
        ("m", 1, 0, 1),
        ("m", 1, 1, -1),
        ("m", "x", 1, 1),
        ("m", True, 1, 1),
    ],
)
def test_create_validates(mock: requests_mock.Mocker, cs: Client, args: tuple[Any, ...]) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.flavors.create(*args)
    nothing_sent(mock)


def test_create_duplicate(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.post(
        F,
        status_code=409,
        json={
            "conflictingRequest": {"code": 409, "message": "Flavor with name m1 already exists."}
        },
    )
    with pytest.raises(exceptions.Conflict, match="already exists"):
        cs.flavors.create("m1", 512, 1, 10)


def test_update_and_delete(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    put = mock.put(F + "/1", json={"flavor": flavor(description="new")})
    delete = mock.delete(F + "/1", status_code=202)
    cs = make_client("2.55")
    assert cs.flavors.update("1", "new").description == "new"
    assert body_of(only_request(put)) == {"flavor": {"description": "new"}}
    assert cs.flavors.delete("1") == []
    assert delete.called_once
    with pytest.raises(exceptions.UnsupportedAttribute):
        make_client("2.54").flavors.update("1", "x")


def test_extra_specs(mock: requests_mock.Mocker, cs: Client) -> None:
    get = mock.get(F + "/1/os-extra_specs", json={"extra_specs": {"a": "1"}})
    post = mock.post(F + "/1/os-extra_specs", json={"extra_specs": {"a": "2", "b": "3"}})
    delete = mock.delete(F + "/1/os-extra_specs/hw%3Acpu", status_code=200)
    assert cs.flavors.get_keys("1") == {"a": "1"}
    assert cs.flavors.set_keys("1", {"a": 2, "b": "3"}) == {"a": "2", "b": "3"}
    assert body_of(only_request(post)) == {"extra_specs": {"a": "2", "b": "3"}}
    cs.flavors.unset_keys("1", ["hw:cpu"])
    assert get.called_once and delete.called_once
    with pytest.raises(exceptions.ValidationError):
        cs.flavors.set_keys("1", {})


def test_access(mock: requests_mock.Mocker, cs: Client) -> None:
    access = {"flavor_access": [{"flavor_id": "1", "tenant_id": "p1"}]}
    get = mock.get(F + "/1/os-flavor-access", json=access)
    post = mock.post(F + "/1/action", json=access)
    assert [a.tenant_id for a in cs.flavors.access_list("1")] == ["p1"]
    cs.flavors.add_access("1", "p1")
    assert body_of(post.last_request) == {"addTenantAccess": {"tenant": "p1"}}
    cs.flavors.remove_access("1", "p1")
    assert body_of(post.last_request) == {"removeTenantAccess": {"tenant": "p1"}}
    assert get.called_once and post.call_count == 2


def test_iter_fetches_each_page_when_it_is_reached(mock: requests_mock.Mocker, cs: Client) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request):
            return {
                "flavors": [flavor("1"), flavor("2")],
                "flavors_links": [{"rel": "next", "href": F + "/detail?limit=2&marker=2"}],
            }
        return {"flavors": [flavor("3")]}

    matcher = mock.get(F + "/detail", json=respond)
    flavors = cs.flavors.iter(min_ram=256, is_public=False, sort_key="name", page_size=2)
    assert walk(flavors, matcher) == [(1, "1"), (1, "2"), (2, "3")]
    first, second = matcher.request_history
    assert query_of(first) == {
        "minRam": ["256"],
        "is_public": ["false"],
        "sort_key": ["name"],
        "limit": ["2"],
    }
    assert query_of(second) == {"limit": ["2"], "marker": ["2"]}
    assert_version(first, "2.104")


def test_iter_not_detailed_with_limit_and_marker(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        F,
        json={
            "flavors": [flavor("4"), flavor("5")],
            "flavors_links": [{"rel": "next", "href": F + "?limit=2&marker=5"}],
        },
    )
    assert walk(cs.flavors.iter(detailed=False, limit=2, marker="3"), matcher) == [
        (1, "4"),
        (1, "5"),
    ]
    assert query_of(only_request(matcher)) == {"marker": ["3"], "limit": ["2"]}


def test_iter_refuses_a_bad_limit_at_the_call(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="limit must be a positive integer"):
        cs.flavors.iter(limit=0)
    nothing_sent(mock)
