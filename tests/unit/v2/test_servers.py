"""ServerManager: listing, paging, lookup, update and delete, at the HTTP boundary."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.servers import Server
from tests.unit.support import compute_requests
from tests.unit.v2.helpers import (
    SERVER_ID,
    S,
    assert_version,
    body_of,
    nothing_sent,
    only_request,
    query_of,
    walk,
)

MakeClient = Callable[..., Client]


def server(i: int | str, **extra: Any) -> dict[str, Any]:
    return {"id": f"s{i}", "name": f"vm{i}", "status": "ACTIVE", **extra}


def page(items: list[dict[str, Any]], next_href: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"servers": items}
    if next_href:
        body["servers_links"] = [{"rel": "next", "href": next_href}]
    return body


# -- list -------------------------------------------------------------------------------


def test_list_detailed_with_filters_and_sort_pairs(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(S + "/detail", json=page([server(1)]))
    result = cs.servers.list(
        search_opts={
            "name": "vm",
            "status": "ACTIVE",
            "all_tenants": True,
            "host": None,
            "changes-since": "2026-01-01T00:00:00Z",
            "tags": ["a", "b"],
        },
        sort_keys=["name", "created_at"],
        sort_dirs=["asc", "desc"],
    )
    req = only_request(matcher)
    assert req.method == "GET" and req.path == "/v2.1/servers/detail"
    assert query_of(req) == {
        "name": ["vm"],
        "status": ["ACTIVE"],
        "all_tenants": ["true"],
        "changes-since": ["2026-01-01T00:00:00Z"],
        "tags": ["a,b"],
        "sort_key": ["name", "created_at"],
        "sort_dir": ["asc", "desc"],
    }
    assert_version(req, "2.104")
    assert [s.id for s in result] == ["s1"] and isinstance(result[0], Server)


def test_list_not_detailed_one_page_with_limit_and_marker(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    matcher = mock.get(S, json=page([server(4), server(5)], S + "?marker=s5&limit=2"))
    result = cs.servers.list(detailed=False, limit=2, marker="s3")
    req = only_request(matcher)
    assert req.path == "/v2.1/servers"
    assert query_of(req) == {"limit": ["2"], "marker": ["s3"]}
    assert [s.id for s in result] == ["s4", "s5"]


def test_list_follows_three_pages(mock: requests_mock.Mocker, cs: Client) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        marker = query_of(request).get("marker", [None])[0]
        pages = {
            None: page([server(1), server(2)], S + "/detail?marker=s2"),
            "s2": page([server(3), server(4)], S + "/detail?marker=s4"),
            "s4": page([server(5)]),
        }
        context.headers["x-openstack-request-id"] = f"req-{marker}"
        return pages[marker]

    matcher = mock.get(S + "/detail", json=respond)
    result = cs.servers.list()
    assert [s.id for s in result] == ["s1", "s2", "s3", "s4", "s5"]
    assert matcher.call_count == 3
    assert result.request_ids == ["req-None", "req-s2", "req-s4"]


def test_list_limit_stops_early(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(S + "/detail", json=page([server(1), server(2)], S + "/detail?marker=s2"))
    result = cs.servers.list(limit=2)
    assert [s.id for s in result] == ["s1", "s2"]
    assert matcher.call_count == 1
    assert query_of(matcher.last_request) == {"limit": ["2"]}


def test_list_limit_spanning_pages_asks_only_for_the_rest(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request):
            return page([server(1), server(2)], S + "/detail?marker=s2&limit=3")
        return page([server(3), server(4)], S + "/detail?marker=s4")

    matcher = mock.get(S + "/detail", json=respond)
    result = cs.servers.list(limit=3)
    assert [s.id for s in result] == ["s1", "s2", "s3"]
    assert matcher.call_count == 2
    assert query_of(matcher.request_history[1]) == {"marker": ["s2"], "limit": ["1"]}


def test_iter_is_lazy(mock: requests_mock.Mocker, cs: Client) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request):
            return page([server(1)], S + "/detail?marker=s1")
        return page([server(2)])

    matcher = mock.get(S + "/detail", json=respond)
    iterator = cs.servers.iter()
    assert matcher.call_count == 0
    assert next(iterator).id == "s1"
    assert matcher.call_count == 1
    assert [s.id for s in iterator] == ["s2"]
    assert matcher.call_count == 2


def test_iter_sends_the_filters_and_asks_each_page_for_what_is_left(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request):
            return page([server(1), server(2)], S + "/detail?status=ACTIVE&limit=2&marker=s2")
        return page([server(3), server(4)], S + "/detail?status=ACTIVE&limit=2&marker=s4")

    matcher = mock.get(S + "/detail", json=respond)
    servers = cs.servers.iter(
        search_opts={"status": "ACTIVE"}, sort_keys=["name"], limit=3, page_size=2
    )
    assert walk(servers, matcher) == [(1, "s1"), (1, "s2"), (2, "s3")]
    first, second = matcher.request_history
    assert query_of(first) == {"status": ["ACTIVE"], "sort_key": ["name"], "limit": ["2"]}
    assert query_of(second) == {"status": ["ACTIVE"], "marker": ["s2"], "limit": ["1"]}


def test_list_recovers_from_a_vanished_marker(mock: requests_mock.Mocker, cs: Client) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        marker = query_of(request).get("marker", [None])[0]
        if marker is None:
            return page([server(1), server(2)], S + "/detail?marker=s2")
        if marker == "s2":  # deleted between the two pages
            context.status_code = 400
            return {"badRequest": {"code": 400, "message": "marker [s2] not found"}}
        assert marker == "s1"
        return page([server(3)])

    matcher = mock.get(S + "/detail", json=respond)
    assert [s.id for s in cs.servers.list()] == ["s1", "s2", "s3"]
    assert [query_of(r).get("marker") for r in matcher.request_history] == [None, ["s2"], ["s1"]]


def test_list_repeated_next_link_ends_with_invalid_response(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        marker = query_of(request).get("marker", [None])[0]
        if marker is None:
            return page([server(1)], S + "/detail?marker=s1")
        return page([server(2)], S + "/detail?marker=s1")  # the same link again

    matcher = mock.get(S + "/detail", json=respond)
    with pytest.raises(exceptions.InvalidResponse, match="same next link twice"):
        cs.servers.list()
    # The repeat that brought s2 is followed once; the next one brings nothing new.
    assert matcher.call_count == 3


def test_list_rejects_bad_sort_arguments_before_sending(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.servers.list(sort_keys=["name"], sort_dirs=["up"])
    with pytest.raises(exceptions.ValidationError):
        cs.servers.list(sort_dirs=["asc"])
    nothing_sent(mock)


def test_list_filter_newer_than_the_version_is_refused(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="'locked' needs .*2.73"):
        make_client("2.72").servers.list(search_opts={"locked": True})
    nothing_sent(mock)
    matcher = mock.get(S + "/detail", json=page([]))
    make_client("2.73").servers.list(search_opts={"locked": False})
    req = only_request(matcher)
    assert query_of(req) == {"locked": ["false"]}
    assert_version(req, "2.73")


def test_unknown_filter_rejected_by_nova_at_2_75(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.get(
        S + "/detail",
        status_code=400,
        json={
            "badRequest": {
                "code": 400,
                "message": "Additional properties are not allowed ('bogus' was unexpected)",
            }
        },
    )
    with pytest.raises(exceptions.BadRequest, match="bogus"):
        make_client("2.75").servers.list(search_opts={"bogus": "1"})


# -- get / find -------------------------------------------------------------------------


def test_get(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(
        f"{S}/{SERVER_ID}",
        json={"server": server(1, id=SERVER_ID)},
        headers={"x-openstack-request-id": "req-1"},
    )
    result = cs.servers.get(SERVER_ID)
    assert only_request(matcher).method == "GET"
    assert result.id == SERVER_ID and result.request_ids == ["req-1"]


def test_a_server_id_is_sent_as_one_encoded_path_segment(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    # An id is any string to the API: "/", "?" and " " must not make a new path, a query
    # or a broken URL, in the server's own URL or under it.
    odd = "a/b?c d"
    mock.get(re.compile(rf"{re.escape(S)}/.*"), json={"server": server(1), "metadata": {}})
    mock.delete(re.compile(rf"{re.escape(S)}/.*"), status_code=204)
    cs.servers.get(odd)
    cs.servers.list_meta(odd)
    cs.servers.delete(odd)
    sent = [r.url.split("/servers/", 1)[1] for r in mock.request_history if "/servers/" in r.url]
    assert sent == [
        "a%2Fb%3Fc%20d",
        "a%2Fb%3Fc%20d/metadata",
        "a%2Fb%3Fc%20d",
    ]


def test_get_missing_is_not_found(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        f"{S}/{SERVER_ID}",
        status_code=404,
        json={
            "itemNotFound": {"code": 404, "message": f"Instance {SERVER_ID} could not be found."}
        },
    )
    with pytest.raises(exceptions.NotFound, match="could not be found"):
        cs.servers.get(SERVER_ID)


def test_find_by_uuid_is_one_get(mock: requests_mock.Mocker, cs: Client) -> None:
    by_id = mock.get(f"{S}/{SERVER_ID}", json={"server": server(1, id=SERVER_ID)})
    listing = mock.get(S + "/detail", json=page([]))
    assert cs.servers.find(SERVER_ID).id == SERVER_ID
    assert by_id.called_once and not listing.called


def test_find_by_name_exact_match_among_regex_hits(mock: requests_mock.Mocker, cs: Client) -> None:
    listing = mock.get(S + "/detail", json=page([server(1), server(10, name="vm1x")]))
    assert cs.servers.find("vm1").id == "s1"
    assert query_of(only_request(listing)) == {"name": ["^vm1$"]}


def test_find_escapes_regex_characters(mock: requests_mock.Mocker, cs: Client) -> None:
    listing = mock.get(S + "/detail", json=page([server(1, name="a.b+c")]))
    assert cs.servers.find("a.b+c").id == "s1"
    assert query_of(only_request(listing)) == {"name": [r"^a\.b\+c$"]}


def test_find_in_all_tenants_is_one_get_with_all_tenants_1(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    listing = mock.get(
        S + "/detail", json=page([server(1, tenant_id="other"), server(2, name="vm1-old")])
    )
    assert cs.servers.find("vm1", all_tenants=True).id == "s1"
    req = only_request(listing)
    assert req.method == "GET" and req.path == "/v2.1/servers/detail"
    assert query_of(req) == {"name": ["^vm1$"], "all_tenants": ["1"]}
    assert [r.method for r in compute_requests(mock)] == ["GET"]


def test_find_in_all_tenants_by_uuid_is_one_get(mock: requests_mock.Mocker, cs: Client) -> None:
    by_id = mock.get(f"{S}/{SERVER_ID}", json={"server": server(1, id=SERVER_ID)})
    assert cs.servers.find(SERVER_ID, all_tenants=True).id == SERVER_ID
    assert only_request(by_id).path == f"/v2.1/servers/{SERVER_ID}"
    assert len(compute_requests(mock)) == 1


def test_find_none(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(S + "/detail", json=page([]))
    with pytest.raises(exceptions.NotFound) as info:
        cs.servers.find("x")
    assert isinstance(info.value, exceptions.ResourceNotFound)
    assert str(info.value) == "No server with a name or ID of 'x' exists."
    assert info.value.code is None


def test_find_several(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(S + "/detail", json=page([server(1, name="x"), server(2, name="x")]))
    with pytest.raises(exceptions.NoUniqueMatch) as info:
        cs.servers.find("x")
    assert info.value.message == (
        "Multiple server matches found for 'x', use an ID to be more specific."
    )


# -- update / delete --------------------------------------------------------------------


def test_update_name_and_description(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    put = mock.put(f"{S}/{SERVER_ID}", json={"server": server(1, name="new")})
    result = make_client("2.19").servers.update(SERVER_ID, name="new", description="d")
    req = only_request(put)
    assert body_of(req) == {"server": {"name": "new", "description": "d"}}
    assert_version(req, "2.19")
    assert result.name == "new"


def test_update_empty_description_clears_it(mock: requests_mock.Mocker, cs: Client) -> None:
    # python-novaclient's meaning: "" removes the description, None leaves it alone.
    put = mock.put(f"{S}/{SERVER_ID}", json={"server": server(1)})
    cs.servers.update(SERVER_ID, "vm2", "")
    assert body_of(only_request(put)) == {"server": {"name": "vm2", "description": None}}


def test_update_description_needs_2_19(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.19"):
        make_client("2.18").servers.update(SERVER_ID, description="d")
    with pytest.raises(exceptions.ValidationError):
        make_client("2.18").servers.update(SERVER_ID)
    nothing_sent(mock)


def test_delete_returns_request_ids(mock: requests_mock.Mocker, cs: Client) -> None:
    delete = mock.delete(
        f"{S}/{SERVER_ID}",
        status_code=204,
        headers={"x-openstack-request-id": "req-d", "x-compute-request-id": "req-c"},
    )
    assert cs.servers.delete(SERVER_ID) == ["req-d"]
    assert only_request(delete).method == "DELETE"
    assert_version(delete.last_request, "2.104")


def test_delete_locked_server_is_conflict(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.delete(
        f"{S}/{SERVER_ID}",
        status_code=409,
        json={"conflictingRequest": {"code": 409, "message": "Instance is locked"}},
    )
    with pytest.raises(exceptions.Conflict, match="locked"):
        cs.servers.delete(SERVER_ID)


def test_manager_accepts_resources(mock: requests_mock.Mocker, cs: Client) -> None:
    delete = mock.delete(f"{S}/{SERVER_ID}", status_code=204)
    cs.servers.delete(Server(None, {"id": SERVER_ID}))
    assert delete.called_once
    assert [r.method for r in compute_requests(mock)] == ["DELETE"]
