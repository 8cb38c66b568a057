"""ServerManager tag methods: exact requests, the 2.26 gate and Nova's tag rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.servers import Server
from tests.unit.v2.helpers import SERVER_ID, S, assert_version, body_of, nothing_sent, only_request

MakeClient = Callable[..., Client]
TAGS = f"{S}/{SERVER_ID}/tags"
TAG_RULE = "tag must be a non empty string of at most 60 characters without characters '/' and ','"


def test_tag_list_returns_the_tags(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(TAGS, json={"tags": ["db", "prod"]})
    assert make_client("2.26").servers.tag_list(SERVER_ID) == ["db", "prod"]
    assert_version(only_request(get), "2.26")


def test_add_tag_puts_the_tag_with_no_body(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    put = mock.put(
        TAGS + "/web%20tier", status_code=201, headers={"x-openstack-request-id": "req-t"}
    )
    added = make_client("2.26").servers.add_tag(SERVER_ID, "web tier")
    assert added == () and added.request_ids == ["req-t"]
    request = only_request(put)
    assert request.body is None
    assert_version(request, "2.26")


def test_set_tags_replaces_them_and_returns_a_server_holding_them(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    put = mock.put(TAGS, json={"tags": ["a", "b"]}, headers={"X-Compute-Request-Id": "req-7"})
    server = make_client("2.26").servers.set_tags(SERVER_ID, ["a", "b"])
    assert body_of(only_request(put)) == {"tags": ["a", "b"]}
    assert isinstance(server, Server)
    assert server.tags == ["a", "b"]
    assert server.request_ids == ["req-7"]


def test_set_tags_to_none_clears_them(mock: requests_mock.Mocker, cs: Client) -> None:
    put = mock.put(TAGS, json={"tags": []})
    assert cs.servers.set_tags(SERVER_ID, []).tags == []
    assert body_of(only_request(put)) == {"tags": []}


def test_delete_tag_and_delete_all(mock: requests_mock.Mocker, cs: Client) -> None:
    one = mock.delete(TAGS + "/db", status_code=204, headers={"x-openstack-request-id": "r1"})
    every = mock.delete(TAGS, status_code=204, headers={"x-openstack-request-id": "r2"})
    assert cs.servers.delete_tag(SERVER_ID, "db") == ["r1"]
    assert cs.servers.delete_all_tags(SERVER_ID) == ["r2"]
    assert only_request(one).method == "DELETE"
    assert only_request(every).method == "DELETE"


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.tag_list(SERVER_ID),
        lambda m: m.add_tag(SERVER_ID, "a"),
        lambda m: m.set_tags(SERVER_ID, ["a"]),
        lambda m: m.delete_tag(SERVER_ID, "a"),
        lambda m: m.delete_all_tags(SERVER_ID),
    ],
)
def test_every_tag_method_needs_2_26(
    mock: requests_mock.Mocker, make_client: MakeClient, call: Callable[[Any], Any]
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match=r"2\.26 or later.*uses 2\.25"):
        call(make_client("2.25").servers)
    nothing_sent(mock)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: m.add_tag(SERVER_ID, "a/b"), f"{TAG_RULE}; got 'a/b'."),
        (lambda m: m.add_tag(SERVER_ID, "a,b"), f"{TAG_RULE}; got 'a,b'."),
        (lambda m: m.add_tag(SERVER_ID, ""), f"{TAG_RULE}; got ''."),
        (lambda m: m.add_tag(SERVER_ID, "x" * 61), TAG_RULE),
        (lambda m: m.delete_tag(SERVER_ID, "a/b"), f"{TAG_RULE}; got 'a/b'."),
        (lambda m: m.set_tags(SERVER_ID, ["ok", "a,b"]), f"{TAG_RULE}; got 'a,b'."),
        (lambda m: m.set_tags(SERVER_ID, "a,b"), "tags must be a list of tags; got 'a,b'."),
        (
            lambda m: m.set_tags(SERVER_ID, [f"t{i}" for i in range(51)]),
            "tags must be at most 50 tags; got 51 tags.",
        ),
    ],
)
def test_tags_nova_refuses_are_refused_before_sending(
    mock: requests_mock.Mocker, cs: Client, call: Callable[[Any], Any], message: str
) -> None:
    with pytest.raises(exceptions.ValidationError) as info:
        call(cs.servers)
    assert str(info.value).startswith(message)
    nothing_sent(mock)


def test_a_60_character_tag_is_accepted(mock: requests_mock.Mocker, cs: Client) -> None:
    put = mock.put(TAGS + "/" + "x" * 60, status_code=201)
    cs.servers.add_tag(SERVER_ID, "x" * 60)
    assert put.called_once
