"""cs.neutron at the HTTP boundary: the Network API (Neutron v2.0) found through the catalog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.networks import Network
from tests.unit.service_catalog import (
    NETWORK_INTERNAL,
    NETWORK_TWO,
    NETWORK_URL,
    assert_no_microversion,
    sent_to,
    use_catalog,
)
from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN
from tests.unit.v2.helpers import NET_ID, only_request, query_of

MakeClient = Callable[..., Client]
NETWORKS = NETWORK_URL + "/v2.0/networks"
OTHER_ID = "5b2e1a9c-3d4f-4e6a-8b7c-9d0e1f2a3b4c"


def network(nid: str = NET_ID, name: str = "private", **extra: Any) -> dict[str, Any]:
    return {"id": nid, "name": name, "status": "ACTIVE", "shared": False, "subnets": [], **extra}


@pytest.fixture
def cs(mock: requests_mock.Mocker, make_client: MakeClient) -> Client:
    use_catalog(mock)
    return make_client()


def test_find_by_uuid_sends_nothing(mock: requests_mock.Mocker, cs: Client) -> None:
    found = cs.neutron.find_network(NET_ID)
    assert isinstance(found, Network) and found.id == NET_ID
    assert mock.request_history == []


def test_find_by_name_is_one_request(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(NETWORKS, json={"networks": [network()]})
    found = cs.neutron.find_network("private")
    req = only_request(matcher)
    assert query_of(req) == {"name": ["private"]}
    assert req.headers["X-Auth-Token"] == TOKEN
    assert_no_microversion(req)
    assert found.id == NET_ID and found.status == "ACTIVE"
    assert sent_to(mock, COMPUTE_URL) == []


def test_find_ambiguous_name(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(NETWORKS, json={"networks": [network(), network(OTHER_ID)]})
    with pytest.raises(exceptions.NoUniqueMatch) as err:
        cs.neutron.find_network("private")
    assert str(err.value) == "Multiple networks match 'private'; use an ID."
    assert matcher.call_count == 1


def test_find_unknown_name(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(NETWORKS, json={"networks": [network(name="private-2")]})
    with pytest.raises(exceptions.ResourceNotFound) as err:
        cs.neutron.find_network("private")
    assert err.value.message == "No network with a name or ID of 'private' exists."
    assert matcher.call_count == 1


def test_find_refuses_a_blank_name(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="^network must be 1 to 255"):
        cs.neutron.find_network(" ")
    assert mock.request_history == []


def test_neutron_errors_are_typed(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        NETWORKS,
        status_code=401,
        json={
            "NeutronError": {"type": "NotAuthorized", "message": "Not authorized.", "detail": ""}
        },
    )
    with pytest.raises(exceptions.Unauthorized, match=r"^Not authorized\. \(HTTP 401\)"):
        cs.neutron.find_network("private")


def test_list_follows_networks_links(mock: requests_mock.Mocker, cs: Client) -> None:
    first = {
        "networks": [network()],
        "networks_links": [{"rel": "next", "href": f"{NETWORKS}?limit=1&marker={NET_ID}"}],
    }
    matcher = mock.get(
        NETWORKS, [{"json": first}, {"json": {"networks": [network(OTHER_ID, "public")]}}]
    )
    result = cs.neutron.list(filters={"shared": "false"})
    assert [n.name for n in result] == ["private", "public"]
    assert [query_of(r) for r in matcher.request_history] == [
        {"shared": ["false"]},
        {"limit": ["1"], "marker": [NET_ID]},
    ]


def test_iter_is_lazy(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        NETWORKS,
        json={
            "networks": [network()],
            "networks_links": [{"rel": "next", "href": f"{NETWORKS}?marker={NET_ID}"}],
        },
    )
    assert next(cs.neutron.iter()).id == NET_ID
    assert matcher.call_count == 1


@pytest.mark.parametrize(
    ("filters", "root"),
    [
        ({}, NETWORK_URL),
        ({"interface": "internal"}, NETWORK_INTERNAL),
        ({"region_name": "RegionTwo"}, NETWORK_TWO),
    ],
)
def test_endpoint_follows_the_compute_filters(
    mock: requests_mock.Mocker, make_client: MakeClient, filters: dict[str, str], root: str
) -> None:
    use_catalog(mock)
    matcher = mock.get(root + "/v2.0/networks", json={"networks": [network()]})
    assert make_client(**filters).neutron.find_network("private").id == NET_ID
    assert matcher.called_once


def test_catalog_url_with_the_version_is_not_doubled(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    use_catalog(mock, network=NETWORK_URL + "/v2.0")
    matcher = mock.get(NETWORKS, json={"networks": [network()]})
    make_client().neutron.find_network("private")
    assert only_request(matcher).path == "/v2.0/networks"


def test_explicit_network_url(mock: requests_mock.Mocker) -> None:
    from novaclient_lite import Client as make

    matcher = mock.get("http://neutron.explicit:9696/v2.0/networks", json={"networks": [network()]})
    cs = make(
        "2.1",
        auth_token=TOKEN,
        endpoint_override=COMPUTE_URL,
        network_url="http://neutron.explicit:9696",
    )
    assert cs.neutron.find_network("private").id == NET_ID
    assert matcher.called_once and len(mock.request_history) == 1


def test_no_network_service_in_the_catalog(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    use_catalog(mock, network=None)
    with pytest.raises(exceptions.EndpointNotFound) as err:
        make_client(interface="internal").neutron.find_network("private")
    assert str(err.value) == (
        "No network service in the catalog for any region "
        "(interface internal); pass a network ID (net-id=)."
    )
    assert all(r.url.startswith(AUTH_URL) for r in mock.request_history)
