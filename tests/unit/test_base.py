"""Resource and the Manager helpers that tests elsewhere do not reach."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.base import Resource, ResourceList, getid, quote
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.flavors import Flavor
from novaclient_lite.v2.servers import Server
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import nothing_sent, query_of


def test_attributes_and_item_access() -> None:
    server = Server(
        None, {"id": "s1", "name": "vm", "OS-EXT-STS:vm_state": "active"}, request_ids=["req-1"]
    )
    assert server.name == "vm" and server.id == "s1"
    assert server["OS-EXT-STS:vm_state"] == "active"
    assert server.get("missing", "dflt") == "dflt"
    assert "name" in server and "nope" not in server
    assert "name" in dir(server)
    assert server.request_ids == ["req-1"]


def test_missing_attribute_message_and_no_network_call(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    mock.get(COMPUTE_URL + "/servers/detail", json={"servers": [{"id": "s1", "name": "vm"}]})
    server = cs.servers.list()[0]
    before = len(mock.request_history)
    with pytest.raises(AttributeError) as info:
        _ = server.status
    message = str(info.value)
    assert "Server has no attribute 'status'" in message
    assert "['id', 'name']" in message and "get()" in message
    assert len(mock.request_history) == before  # no lazy GET


def test_to_dict_is_a_copy() -> None:
    info: dict[str, Any] = {"id": "s1", "metadata": {"a": "1"}}
    server = Server(None, info)
    copy = server.to_dict()
    copy["metadata"]["a"] = "changed"
    copy["id"] = "other"
    assert server.metadata == {"a": "1"} and server.id == "s1"


def test_repr() -> None:
    assert (
        repr(Server(None, {"id": "s1", "name": "vm", "status": "ACTIVE", "x": 1}))
        == "<Server id='s1' name='vm' status='ACTIVE'>"
    )
    assert repr(Resource(None, {"name": "n"})) == "<Resource name='n'>"


def test_equality_by_type_and_id() -> None:
    a = Server(None, {"id": "s1", "name": "a"})
    b = Server(None, {"id": "s1", "name": "renamed"})
    assert a == b and hash(a) == hash(b)
    assert a != Server(None, {"id": "s2"})
    assert a != Flavor(None, {"id": "s1"})
    assert Resource(None, {"x": 1}) == Resource(None, {"x": 1})
    assert Resource(None, {"x": 1}) != Resource(None, {"x": 2})
    assert a != "s1"


def test_non_mapping_is_invalid_response() -> None:
    with pytest.raises(exceptions.InvalidResponse):
        Server(None, ["not", "a", "dict"])  # type: ignore[arg-type]


def test_resource_list_and_helpers() -> None:
    items = ResourceList([Server(None, {"id": "s1"})], request_ids=["r1"])
    assert items.request_ids == ["r1"] and len(items) == 1
    assert getid(Server(None, {"id": "s1"})) == "s1" and getid("raw") == "raw"
    assert quote("a/b c") == "a%2Fb%20c"


def test_missing_envelope_key_is_invalid_response(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(COMPUTE_URL + "/servers/s1", json={"unexpected": {}})
    with pytest.raises(exceptions.InvalidResponse, match="'server'"):
        cs.servers.get("s1")


def test_list_that_is_not_a_list_is_invalid_response(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    mock.get(COMPUTE_URL + "/servers/detail", json={"servers": {"id": "s1"}})
    with pytest.raises(exceptions.InvalidResponse, match="Expected a list"):
        cs.servers.list()


def test_empty_page_with_next_link_stops(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        COMPUTE_URL + "/servers/detail",
        json={"servers": [], "servers_links": [{"rel": "next", "href": "http://x/?marker=z"}]},
    )
    assert cs.servers.list() == []
    assert matcher.call_count == 1


def test_page_size_sets_the_limit_of_every_request_and_lists_everything(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    url = COMPUTE_URL + "/servers/detail"
    mock.get(
        url,
        [
            {
                "json": {
                    "servers": [{"id": "a"}, {"id": "b"}],
                    "servers_links": [{"rel": "next", "href": url + "?limit=2&marker=b"}],
                }
            },
            {"json": {"servers": [{"id": "c"}]}},
        ],
    )
    assert [s.id for s in cs.servers.list(page_size=2)] == ["a", "b", "c"]
    sent = [r for r in mock.request_history if r.path.endswith("/servers/detail")]
    assert [query_of(r) for r in sent] == [{"limit": ["2"]}, {"limit": ["2"], "marker": ["b"]}]


def test_a_repeated_next_link_with_new_items_is_followed_and_duplicates_dropped(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    url = COMPUTE_URL + "/servers/detail"
    link = [{"rel": "next", "href": url + "?limit=2&marker=b"}]
    mock.get(
        url,
        [
            {"json": {"servers": [{"id": "a"}, {"id": "b"}], "servers_links": link}},
            {"json": {"servers": [{"id": "b"}, {"id": "c"}], "servers_links": link}},
            {"json": {"servers": []}},
        ],
    )
    assert [s.id for s in cs.servers.list()] == ["a", "b", "c"]


def test_page_size_still_sizes_every_page_when_a_limit_is_set(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    """limit=5, page_size=2: pages of 2, 2 and then the 1 still wanted (not 5, 3, 1)."""
    url = COMPUTE_URL + "/servers/detail"
    everything = [{"id": i} for i in "abcdefg"]

    def respond(request: Any, context: Any) -> dict[str, Any]:
        query = query_of(request)
        start = "abcdefg".index(query["marker"][0]) + 1 if "marker" in query else 0
        page = everything[start : start + int(query["limit"][0])]
        return {
            "servers": page,
            "servers_links": [
                {"rel": "next", "href": f"{url}?limit={len(page)}&marker={page[-1]['id']}"}
            ],
        }

    matcher = mock.get(url, json=respond)
    assert [s.id for s in cs.servers.list(limit=5, page_size=2)] == list("abcde")
    assert [query_of(r) for r in matcher.request_history] == [
        {"limit": ["2"]},
        {"limit": ["2"], "marker": ["b"]},
        {"limit": ["1"], "marker": ["d"]},
    ]


def test_a_limit_below_page_size_asks_only_for_what_is_wanted(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    """limit=2, page_size=5: the first (and only) request asks for 2, not 5."""
    url = COMPUTE_URL + "/servers/detail"
    matcher = mock.get(
        url,
        json={
            "servers": [{"id": "a"}, {"id": "b"}],
            "servers_links": [{"rel": "next", "href": f"{url}?limit=2&marker=b"}],
        },
    )
    assert [s.id for s in cs.servers.list(limit=2, page_size=5)] == ["a", "b"]
    assert [query_of(r) for r in matcher.request_history] == [{"limit": ["2"]}]


@pytest.mark.parametrize(
    "kwargs", [{"limit": 0}, {"limit": True}, {"page_size": 0}, {"page_size": "2"}]
)
def test_iter_checks_limit_and_page_size_at_the_call(
    mock: requests_mock.Mocker, cs: Client, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(exceptions.ValidationError, match="must be a positive integer"):
        cs.servers.iter(**kwargs)
    nothing_sent(mock)


def test_one_and_many_wrap_with_the_request_ids(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/flavors/1",
        json={"flavor": {"id": "1"}},
        headers={"x-openstack-request-id": "req-1"},
    )
    flavor = cs.flavors.get("1")
    assert isinstance(flavor, Flavor) and flavor.request_ids == ["req-1"]
    mock.get(COMPUTE_URL + "/flavors/1", json={"flavor": ["not", "an", "object"]})
    with pytest.raises(exceptions.InvalidResponse, match="Expected a JSON object"):
        cs.flavors.get("1")
