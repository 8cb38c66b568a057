"""ServerManager: listing, paging, lookup, create and update, at the HTTP boundary."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.servers import Server
from tests.unit.support import compute_requests
from tests.unit.v2.helpers import (
    IMAGE_ID,
    NET_ID,
    PORT_ID,
    SERVER_ID,
    VOLUME_ID,
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


# -- create -----------------------------------------------------------------------------

CREATED = {
    "server": {
        "id": SERVER_ID,
        "links": [],
        "adminPass": "Gen3rated",
        "OS-DCF:diskConfig": "MANUAL",
        "security_groups": [{"name": "default"}],
    }
}


@pytest.fixture
def post_servers(mock: requests_mock.Mocker) -> Any:
    return mock.post(S, json=CREATED, status_code=202)


def test_create_at_2_1_sends_no_networks(make_client: MakeClient, post_servers: Any) -> None:
    result = make_client("2.1").servers.create("vm1", IMAGE_ID, "1")
    req = only_request(post_servers)
    assert body_of(req) == {"server": {"name": "vm1", "imageRef": IMAGE_ID, "flavorRef": "1"}}
    assert_version(req, "2.1")
    assert result.id == SERVER_ID and result.adminPass == "Gen3rated"


def test_create_at_2_37_defaults_networks_to_auto(
    make_client: MakeClient, post_servers: Any
) -> None:
    make_client("2.37").servers.create("vm1", IMAGE_ID, "1")
    req = only_request(post_servers)
    assert body_of(req) == {
        "server": {"name": "vm1", "imageRef": IMAGE_ID, "flavorRef": "1", "networks": "auto"}
    }
    assert_version(req, "2.37")


@pytest.mark.parametrize("value", ["auto", "none"])
def test_create_auto_or_none_needs_2_37(
    mock: requests_mock.Mocker, make_client: MakeClient, post_servers: Any, value: str
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.37"):
        make_client("2.36").servers.create("vm1", IMAGE_ID, "1", networks=value)
    assert not post_servers.called
    make_client("2.37").servers.create("vm1", IMAGE_ID, "1", networks=value)
    assert body_of(post_servers.last_request)["server"]["networks"] == value


def test_create_full_body(make_client: MakeClient, post_servers: Any) -> None:
    make_client("2.90").servers.create(
        "vm1",
        IMAGE_ID,
        "42",
        networks=[{"uuid": NET_ID, "fixed_ip": "10.0.0.5", "tag": "data"}, {"port": PORT_ID}],
        key_name="mykey",
        user_data="#!/bin/sh\necho hi\n",
        metadata={"role": "web"},
        security_groups=["default", "web"],
        availability_zone="nova:host1",
        description="a server",
        tags=["t1", "t2"],
        min_count=1,
        max_count=3,
        config_drive=True,
        admin_pass="S3cret!",
        hostname="vm1-host",
        scheduler_hints={"group": "g1"},
    )
    req = only_request(post_servers)
    assert body_of(req) == {
        "server": {
            "name": "vm1",
            "imageRef": IMAGE_ID,
            "flavorRef": "42",
            "networks": [
                {"uuid": NET_ID, "fixed_ip": "10.0.0.5", "tag": "data"},
                {"port": PORT_ID},
            ],
            "key_name": "mykey",
            "user_data": base64.b64encode(b"#!/bin/sh\necho hi\n").decode(),
            "metadata": {"role": "web"},
            "security_groups": [{"name": "default"}, {"name": "web"}],
            "availability_zone": "nova:host1",
            "description": "a server",
            "tags": ["t1", "t2"],
            "min_count": 1,
            "max_count": 3,
            "config_drive": True,
            "adminPass": "S3cret!",
            "hostname": "vm1-host",
        },
        "os:scheduler_hints": {"group": "g1"},
    }
    # The order is visible in --debug and --dry-run output: always the same one.
    assert list(body_of(req)["server"]) == [
        "name",
        "flavorRef",
        "imageRef",
        "metadata",
        "user_data",
        "security_groups",
        "min_count",
        "max_count",
        "networks",
        "description",
        "tags",
        "hostname",
        "key_name",
        "availability_zone",
        "adminPass",
        "config_drive",
    ]
    assert_version(req, "2.90")


def test_create_accepts_novaclient_nic_keys(make_client: MakeClient, post_servers: Any) -> None:
    make_client("2.1").servers.create(
        "vm1", IMAGE_ID, "1", networks=[{"net-id": NET_ID, "v4-fixed-ip": "10.0.0.9"}]
    )
    assert body_of(post_servers.last_request)["server"]["networks"] == [
        {"uuid": NET_ID, "fixed_ip": "10.0.0.9"}
    ]


def test_create_boot_from_volume_omits_image_ref(
    make_client: MakeClient, post_servers: Any
) -> None:
    bdm = [
        {
            "boot_index": 0,
            "uuid": VOLUME_ID,
            "source_type": "volume",
            "destination_type": "volume",
            "delete_on_termination": False,
        }
    ]
    make_client("2.37").servers.create(
        "vm1", None, "1", block_device_mapping_v2=bdm, user_data=b"\x00\x01"
    )
    server_body = body_of(post_servers.last_request)["server"]
    assert "imageRef" not in server_body
    assert server_body["block_device_mapping_v2"] == bdm
    assert server_body["user_data"] == "AAE="


@pytest.mark.parametrize(
    ("kwargs", "needs"),
    [
        ({"description": "d"}, "2.19"),
        ({"tags": ["t"]}, "2.52"),
        ({"hostname": "h"}, "2.90"),
        ({"networks": [{"uuid": NET_ID, "tag": "t"}]}, "2.42"),
    ],
)
def test_create_gated_arguments(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    post_servers: Any,
    kwargs: dict[str, Any],
    needs: str,
) -> None:
    major, minor = needs.split(".")
    older = f"{major}.{int(minor) - 1}"
    with pytest.raises(exceptions.UnsupportedAttribute, match=needs.replace(".", r"\.")):
        make_client(older).servers.create("vm1", IMAGE_ID, "1", **kwargs)
    assert not post_servers.called
    make_client(needs).servers.create("vm1", IMAGE_ID, "1", **kwargs)
    assert_version(only_request(post_servers), needs)


def test_create_network_tag_exists_in_2_32_to_2_36(
    make_client: MakeClient, post_servers: Any
) -> None:
    make_client("2.32").servers.create(
        "vm1", IMAGE_ID, "1", networks=[{"uuid": NET_ID, "tag": "t"}]
    )
    assert body_of(post_servers.last_request)["server"]["networks"] == [
        {"uuid": NET_ID, "tag": "t"}
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"name": ""},
        {"name": "x" * 256},
        {"description": "d" * 256},
        {"metadata": {"bad/key": "v"}},
        {"metadata": {"k": "v" * 256}},
        {"metadata": {"": "v"}},
        {"min_count": 0},
        {"max_count": -1},
        {"min_count": 3, "max_count": 2},
        {"image": None},
        {"networks": "everything"},
        {"networks": [{"bogus": "x"}]},
        {"networks": [{"fixed_ip": "10.0.0.1"}]},
        {"tags": ["a/b"]},
        {"user_data": "x" * 60000},
    ],
)
def test_create_validates_before_sending(
    mock: requests_mock.Mocker, cs: Client, kwargs: dict[str, Any]
) -> None:
    post = mock.post(S, json=CREATED)
    args: dict[str, Any] = {"name": "vm1", "image": IMAGE_ID, "flavor": "1"}
    args.update(kwargs)
    with pytest.raises(exceptions.ValidationError):
        cs.servers.create(args.pop("name"), args.pop("image"), args.pop("flavor"), **args)
    assert not post.called


def test_create_metadata_limits_are_inclusive(cs: Client, post_servers: Any) -> None:
    meta = {"a-Z_0:9. x" + "k" * 245: "v" * 255}
    cs.servers.create("n" * 255, IMAGE_ID, "1", metadata=meta, description="d" * 255)
    assert body_of(post_servers.last_request)["server"]["metadata"] == meta


def test_create_return_reservation_id(mock: requests_mock.Mocker, cs: Client) -> None:
    post = mock.post(S, json={"reservation_id": "r-abc"}, status_code=202)
    result = cs.servers.create("vm1", IMAGE_ID, "1", min_count=2, return_reservation_id=True)
    assert body_of(only_request(post))["server"]["return_reservation_id"] is True
    # python-novaclient's shape: the reservation id itself (a str), with the request ids.
    assert result == "r-abc" and isinstance(result, str)
    assert isinstance(result.request_ids, list)


def test_create_over_quota_is_forbidden(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.post(
        S,
        status_code=403,
        json={"forbidden": {"code": 403, "message": "Quota exceeded for instances"}},
        headers={"x-compute-request-id": "req-q"},
    )
    with pytest.raises(exceptions.Forbidden) as info:
        cs.servers.create("vm1", IMAGE_ID, "1")
    assert info.value.request_id == "req-q" and "Quota exceeded" in str(info.value)


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


# -- wait ---------------------------------------------------------------------------------


class FakeTime:
    """An injected clock and sleep (``wait(sleep=, clock=)``): nothing really sleeps and
    nothing is patched process-wide."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert len(self.slept) < 100, "the wait ignored its deadline"
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def _state(status: str, task: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "json": {"server": {"id": "s1", "status": status, "OS-EXT-STS:task_state": task, **extra}}
    }


def test_wait_polls_until_active_with_task_state_cleared(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    matcher = mock.get(
        S + "/s1",
        [_state("BUILD", "spawning"), _state("ACTIVE", "image_uploading"), _state("ACTIVE")],
    )
    seen: list[str] = []
    server = cs.servers.wait(
        "s1", on_poll=lambda s: seen.append(s.status), sleep=fake.sleep, clock=fake.clock
    )
    assert server is not None and server.status == "ACTIVE"
    assert matcher.call_count == 3
    assert fake.slept == [0.5, 1.0]
    assert seen == ["BUILD", "ACTIVE"]


def test_wait_error_state_raises_with_the_fault(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    mock.get(S + "/s1", [_state("BUILD"), _state("ERROR", fault={"message": "No valid\nhost"})])
    with pytest.raises(
        exceptions.ResourceInErrorState, match=r"^Server s1 is in ERROR state: No valid host$"
    ):
        cs.servers.wait("s1", sleep=fake.sleep, clock=fake.clock)
    assert fake.slept == [0.5]


def test_wait_for_deletion_returns_none_when_gone(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    matcher = mock.get(
        S + "/s1",
        [
            _state("ACTIVE"),
            _state("ACTIVE", "deleting"),
            {"status_code": 404, "json": {"itemNotFound": {"message": "gone"}}},
        ],
    )
    assert cs.servers.wait("s1", deleted=True, sleep=fake.sleep, clock=fake.clock) is None
    assert fake.slept == [0.5, 1.0]
    assert matcher.call_count == 3  # ACTIVE is not "deleted"


def test_wait_times_out_at_the_deadline(
    mock: requests_mock.Mocker, cs: Client, fake: FakeTime
) -> None:
    mock.get(S + "/s1", json={"server": {"id": "s1", "status": "BUILD"}})
    with pytest.raises(
        exceptions.WaitTimeout, match=r"Timed out after 3s waiting for server s1 to become ACTIVE"
    ):
        cs.servers.wait("s1", timeout=3, sleep=fake.sleep, clock=fake.clock)
    # 0.5, 1, then capped by the 2 s poll interval and by what is left of the deadline.
    assert fake.slept == [0.5, 1.0, 1.5]
    assert fake.now == 3.0


def test_unset_is_the_generic_sentinel_of_base() -> None:
    from novaclient_lite import base
    from novaclient_lite.v2 import servers

    assert servers.UNSET is base.UNSET and repr(base.UNSET) == "UNSET"
    assert isinstance(base.UNSET, base.Unset)
