"""KeypairManager at the HTTP boundary, across 2.1 / 2.2 / 2.10 / 2.35 / 2.92."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.keypairs import Keypair
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
K = COMPUTE_URL + "/os-keypairs"
PUB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk test@host"


def kp(name: str, **extra: Any) -> dict[str, Any]:
    """The canonical keypair body with an ed25519 public key."""
    return bodies.keypair(name, **{"public_key": PUB, **extra})


def test_list_unwraps_items(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.get(K, json={"keypairs": [{"keypair": kp("a")}, {"keypair": kp("b")}]})
    result = cs.keypairs.list()
    req = only_request(matcher)
    assert query_of(req) == {}
    assert_version(req, "2.104")
    assert [k.name for k in result] == ["a", "b"] and isinstance(result[0], Keypair)
    assert result[0].id == "a"


def test_list_pages_with_limit_marker_and_user(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if "marker" not in query_of(request) or query_of(request)["marker"] == ["x"]:
            return {
                "keypairs": [{"keypair": kp("a")}, {"keypair": kp("b")}],
                "keypairs_links": [{"rel": "next", "href": K + "?marker=b&limit=2"}],
            }
        return {"keypairs": [{"keypair": kp("c")}]}

    matcher = mock.get(K, json=respond)
    result = make_client("2.35").keypairs.list(user_id="u1", limit=3, marker="x")
    assert [k.name for k in result] == ["a", "b", "c"]
    first, second = matcher.request_history
    assert query_of(first) == {"user_id": ["u1"], "marker": ["x"], "limit": ["3"]}
    assert query_of(second) == {"marker": ["b"], "limit": ["1"]}
    assert_version(first, "2.35")


@pytest.mark.parametrize(
    ("version", "kwargs", "needs"),
    [
        ("2.9", {"user_id": "u"}, "2.10"),
        ("2.34", {"limit": 1}, "2.35"),
        ("2.34", {"marker": "m"}, "2.35"),
    ],
)
def test_list_gates(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    kwargs: dict[str, Any],
    needs: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match=needs):
        make_client(version).keypairs.list(**kwargs)
    nothing_sent(mock)


def test_get_and_delete_with_user(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(K + "/my%20key", json={"keypair": kp("my key", id=7)})
    delete = mock.delete(K + "/my%20key", status_code=202)
    cs = make_client("2.10")
    assert cs.keypairs.get("my key", user_id="u1").name == "my key"
    assert cs.keypairs.delete("my key", user_id="u1") == []
    assert query_of(only_request(get)) == {"user_id": ["u1"]}
    assert query_of(only_request(delete)) == {"user_id": ["u1"]}
    assert_version(delete.last_request, "2.10")


def test_get_missing(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        K + "/nope",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Keypair nope not found for user u"}},
    )
    with pytest.raises(exceptions.NotFound):
        cs.keypairs.get("nope")


def test_create_generated_before_2_92(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(K, json={"keypair": kp("gen", private_key="-----BEGIN...", user_id="u")})
    result = make_client("2.91").keypairs.create("gen", key_type="x509", user_id="u2")
    req = only_request(post)
    assert body_of(req) == {"keypair": {"name": "gen", "type": "x509", "user_id": "u2"}}
    assert_version(req, "2.91")
    assert result.private_key == "-----BEGIN..."


def test_create_at_2_1_sends_only_name_and_key(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(K, json={"keypair": kp("imp")})
    make_client("2.1").keypairs.create("imp", PUB)
    assert body_of(only_request(post)) == {"keypair": {"name": "imp", "public_key": PUB}}


def test_create_at_2_92_requires_a_public_key(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(K, json={"keypair": kp("imp")})
    cs = make_client("2.92")
    with pytest.raises(exceptions.ValidationError) as info:
        cs.keypairs.create("gen")
    assert "2.92" in info.value.message and "public key" in info.value.message
    assert "2.91" in info.value.message
    assert not post.called
    cs.keypairs.create("imp", PUB, key_type="ssh")
    req = only_request(post)
    assert body_of(req) == {"keypair": {"name": "imp", "public_key": PUB, "type": "ssh"}}
    assert_version(req, "2.92")


@pytest.mark.parametrize(
    ("version", "kwargs", "needs"),
    [("2.1", {"key_type": "x509"}, "2.2"), ("2.9", {"user_id": "u"}, "2.10")],
)
def test_create_gates(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    kwargs: dict[str, Any],
    needs: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match=needs):
        make_client(version).keypairs.create("k", PUB, **kwargs)
    nothing_sent(mock)


@pytest.mark.parametrize("kwargs", [{"name": ""}, {"name": "k" * 256}, {"key_type": "rsa"}])
def test_create_validates(mock: requests_mock.Mocker, cs: Client, kwargs: dict[str, Any]) -> None:
    args = {"name": "k", **kwargs}
    with pytest.raises(exceptions.ValidationError):
        cs.keypairs.create(args.pop("name"), PUB, **args)
    nothing_sent(mock)


def test_create_duplicate_is_conflict(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.post(
        K,
        status_code=409,
        json={"conflictingRequest": {"code": 409, "message": "Key pair 'k' already exists."}},
    )
    with pytest.raises(exceptions.Conflict, match="already exists"):
        cs.keypairs.create("k", PUB)


def test_iter_fetches_each_page_when_it_is_reached(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    def respond(request: Any, context: Any) -> dict[str, Any]:
        if query_of(request).get("marker") == ["x"]:
            return {
                "keypairs": [{"keypair": kp("a")}, {"keypair": kp("b")}],
                "keypairs_links": [{"rel": "next", "href": K + "?user_id=u1&limit=2&marker=b"}],
            }
        return {"keypairs": [{"keypair": kp("c")}]}

    matcher = mock.get(K, json=respond)
    keypairs = make_client("2.35").keypairs.iter(user_id="u1", limit=3, marker="x")
    assert walk(keypairs, matcher) == [(1, "a"), (1, "b"), (2, "c")]
    first, second = matcher.request_history
    assert query_of(first) == {"user_id": ["u1"], "marker": ["x"], "limit": ["3"]}
    assert query_of(second) == {"user_id": ["u1"], "marker": ["b"], "limit": ["1"]}
    assert_version(second, "2.35")


def test_iter_gates_at_the_call(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.35"):
        make_client("2.34").keypairs.iter(limit=1)
    nothing_sent(mock)
