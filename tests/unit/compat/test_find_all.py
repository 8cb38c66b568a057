"""python-novaclient's find(**attrs)/findall(**attrs): one listing, server-side filters where
Nova has them, NotFound/NoUniqueMatch; our find("name-or-id") keeps working."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, compute_requests
from tests.unit.v2.helpers import SERVER_ID, only_request, query_of

RID = {"x-openstack-request-id": "req-list"}


def _server(name: str, sid: str = SERVER_ID, **extra: Any) -> dict[str, Any]:
    return {"id": sid, "name": name, "status": "ACTIVE", **extra}


def test_servers_findall_by_name_uses_novas_filter_then_matches_exactly(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    servers = [_server("web"), _server("web-2", "s2"), _server("web", "s3", status="SHUTOFF")]
    get = mock.get(COMPUTE_URL + "/servers/detail", json={"servers": servers}, headers=RID)
    found = cs.servers.findall(name="web", status="ACTIVE")
    assert [s.id for s in found] == [SERVER_ID]
    assert found.request_ids == ["req-list"]
    # python-novaclient's filter (a regex on Nova's side), all_tenants as a filter only;
    # one detailed listing: no GET per match.
    assert query_of(only_request(get)) == {"name": ["web"]}
    assert cs.servers.find(name="web", all_tenants=True, status="SHUTOFF").id == "s3"
    assert query_of(get.last_request) == {"name": ["web"], "all_tenants": ["true"]}
    assert len(compute_requests(mock)) == 2


def test_find_raises_not_found_and_no_unique_match(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/servers/detail",
        json={"servers": [_server("a"), _server("a", "s2")]},
    )
    with pytest.raises(exceptions.NotFound, match=r"No Server matching \{'name': 'b'\}\."):
        cs.servers.find(name="b")
    with pytest.raises(exceptions.NoUniqueMatch):
        cs.servers.find(name="a")
    found = cs.servers.find(name="a", id="s2")
    assert found.id == "s2"


def test_find_name_or_id_still_works_and_refuses_both_forms(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    one = mock.get(f"{COMPUTE_URL}/servers/{SERVER_ID}", json={"server": _server("x")})
    assert cs.servers.find(SERVER_ID).name == "x" and one.called_once
    with pytest.raises(TypeError, match="not both"):
        cs.servers.find("x", status="ACTIVE")
    with pytest.raises(TypeError, match="not both"):
        cs.flavors.find("m1", name="m1")
    with pytest.raises(TypeError, match="needs a name or ID"):
        cs.flavors.find()
    assert len(compute_requests(mock)) == 1


def test_flavors_find_passes_is_public_to_the_listing(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    flavors = [
        {"id": "1", "name": "m1", "ram": 512, "os-flavor-access:is_public": True},
        {"id": "2", "name": "m2", "ram": 1024, "os-flavor-access:is_public": False},
    ]
    get = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": flavors})
    assert cs.flavors.find(ram=1024, is_public=None).id == "2"
    # is_public=None: python-novaclient lists public and private, and matches on the rest.
    assert query_of(only_request(get)) == {"is_public": ["None"]}
    assert [f.id for f in cs.flavors.findall(is_public=False)] == ["2"]
    assert query_of(get.last_request) == {"is_public": ["false"]}


def test_findall_matches_client_side_where_nova_has_no_filter(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    keys = [{"keypair": {"name": "a", "type": "ssh"}}, {"keypair": {"name": "b", "type": "x509"}}]
    get = mock.get(COMPUTE_URL + "/os-keypairs", json={"keypairs": keys})
    assert cs.keypairs.find(type="x509").name == "b"
    assert query_of(only_request(get)) == {}
    assert cs.keypairs.findall(no_such_attribute=1) == []


def test_other_managers_have_find_with_attributes(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/os-aggregates",
        json={"aggregates": [{"id": 1, "name": "ag", "availability_zone": "az1"}]},
    )
    mock.get(
        COMPUTE_URL + "/os-services",
        json={"services": [{"id": 7, "binary": "nova-compute", "host": "h1"}]},
    )
    assert cs.aggregates.find(availability_zone="az1").id == 1
    assert cs.services.find(host="h1").id == 7
