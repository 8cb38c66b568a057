"""Server state methods: exact requests at each microversion boundary, passwords, events."""

from __future__ import annotations

import base64
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2 import _server_state
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, version_document
from tests.unit.v2.helpers import SERVER_ID, S, assert_version, body_of, nothing_sent, only_request

MakeClient = Callable[..., Client]
URL = f"{S}/{SERVER_ID}"
ACTION = f"{URL}/action"


@pytest.fixture
def action(mock: requests_mock.Mocker) -> Any:
    return mock.post(ACTION, status_code=202, headers={"x-openstack-request-id": "req-s"})


#: python-novaclient's results: ``()`` with request ids, or ``(resp, body)`` for the
#: three it builds from the response itself (stop, force_delete, restore).
NOTHING, RESPONSE = "()", "(response, None)"


@pytest.mark.parametrize(
    ("call", "expected", "returns"),
    [
        (lambda m: m.shelve(SERVER_ID), {"shelve": None}, NOTHING),
        (lambda m: m.shelve_offload(SERVER_ID), {"shelveOffload": None}, NOTHING),
        (lambda m: m.unshelve(SERVER_ID), {"unshelve": None}, NOTHING),
        (lambda m: m.force_delete(SERVER_ID), {"forceDelete": None}, RESPONSE),
        (lambda m: m.restore(SERVER_ID), {"restore": None}, RESPONSE),
        (lambda m: m.reset_state(SERVER_ID), {"os-resetState": {"state": "error"}}, NOTHING),
        (
            lambda m: m.reset_state(SERVER_ID, "active"),
            {"os-resetState": {"state": "active"}},
            NOTHING,
        ),
        (
            lambda m: m.reset_state(SERVER_ID, state="active"),
            {"os-resetState": {"state": "active"}},
            NOTHING,
        ),
        (lambda m: m.trigger_crash_dump(SERVER_ID), {"trigger_crash_dump": None}, NOTHING),
        (
            lambda m: m.change_password(SERVER_ID, "n3w-pw"),
            {"changePassword": {"adminPass": "n3w-pw"}},
            NOTHING,
        ),
    ],
)
def test_actions_send_their_body(
    cs: Client, action: Any, call: Callable[[Any], Any], expected: dict[str, Any], returns: str
) -> None:
    result = call(cs.servers)
    assert result.request_ids == ["req-s"]
    if returns == NOTHING:
        assert result == ()
    else:  # resp, body = cs.servers.force_delete(s) works as with python-novaclient
        resp, body = result
        assert (resp.status, resp.request_ids, body) == (202, ["req-s"], None)
    req = only_request(action)
    assert req.method == "POST" and req.path == f"/v2.1/servers/{SERVER_ID}/action"
    assert body_of(req) == expected
    assert_version(req, "2.104")


@pytest.mark.parametrize(
    ("version", "kwargs", "expected"),
    [
        ("2.77", {"availability_zone": "az1"}, {"availability_zone": "az1"}),
        ("2.91", {"availability_zone": "az1"}, {"availability_zone": "az1"}),
        ("2.91", {"availability_zone": None}, {"availability_zone": None}),
        ("2.91", {"host": "compute2"}, {"host": "compute2"}),
        (
            "2.91",
            {"availability_zone": "az1", "host": "h"},
            {"availability_zone": "az1", "host": "h"},
        ),
        (
            "2.91",
            {"availability_zone": None, "host": "h"},
            {"availability_zone": None, "host": "h"},
        ),
    ],
)
def test_unshelve_options_from_their_version(
    make_client: MakeClient, action: Any, version: str, kwargs: dict[str, Any], expected: Any
) -> None:
    make_client(version).servers.unshelve(SERVER_ID, **kwargs)
    req = only_request(action)
    assert body_of(req) == {"unshelve": expected}
    assert_version(req, version)


@pytest.mark.parametrize(
    ("version", "kwargs", "label", "since"),
    [
        ("2.76", {"availability_zone": "az1"}, "availability_zone", "2.77"),
        ("2.90", {"availability_zone": None}, "availability_zone=None", "2.91"),
        ("2.90", {"host": "compute2"}, "host", "2.91"),
    ],
)
def test_unshelve_options_refused_below_their_version(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    kwargs: dict[str, Any],
    label: str,
    since: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client(version).servers.unshelve(SERVER_ID, **kwargs)
    assert str(info.value) == (
        f"'{label}' needs compute API microversion {since} or later. This session uses {version}."
    )
    nothing_sent(mock)


def test_positional_arguments_as_python_novaclient(make_client: MakeClient, action: Any) -> None:
    make_client("2.91").servers.unshelve(SERVER_ID, "az1", "h")
    make_client("2.91").servers.reset_state(SERVER_ID, "active")
    first, second = action.request_history
    assert body_of(first) == {"unshelve": {"availability_zone": "az1", "host": "h"}}
    assert body_of(second) == {"os-resetState": {"state": "active"}}


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.reset_state(SERVER_ID, "ACTIVE"),
        lambda m: m.reset_state(SERVER_ID, "deleted"),
        lambda m: m.change_password(SERVER_ID, ""),
        lambda m: m.unshelve(SERVER_ID, availability_zone=""),
    ],
)
def test_bad_input_sends_nothing(
    mock: requests_mock.Mocker, cs: Client, call: Callable[[Any], Any]
) -> None:
    with pytest.raises(exceptions.ValidationError):
        call(cs.servers)
    nothing_sent(mock)


def test_change_password_error_never_echoes_it(cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError) as info:
        cs.servers.change_password(SERVER_ID, 12345678)  # type: ignore[arg-type]
    assert "12345678" not in str(info.value)


def test_trigger_crash_dump_needs_2_17(
    mock: requests_mock.Mocker, make_client: MakeClient, action: Any
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.17 or later"):
        make_client("2.16").servers.trigger_crash_dump(SERVER_ID)
    assert not action.called
    make_client("2.17").servers.trigger_crash_dump(SERVER_ID)
    assert_version(only_request(action), "2.17")


def test_reset_network_on_a_modern_nova_sends_nothing(
    mock: requests_mock.Mocker, cs: Client, action: Any
) -> None:
    with pytest.raises(exceptions.APIRemoved) as info:
        cs.servers.reset_network(SERVER_ID)
    assert str(info.value).startswith("Nova removed the resetNetwork server action in 23.0.0")
    assert info.value.code is None
    nothing_sent(mock)


def test_reset_network_on_an_old_nova_maps_its_410(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document("2.87"))
    post = mock.post(
        ACTION, status_code=410, json={"computeFault": {"code": 410, "message": "Gone"}}
    )
    with pytest.raises(exceptions.APIRemoved) as info:
        make_client("2.87").servers.reset_network(SERVER_ID)
    assert info.value.code == 410
    assert body_of(only_request(post)) == {"resetNetwork": None}


def test_reset_network_on_a_nova_that_still_has_it(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.get(COMPUTE_URL + "/", json=version_document("2.87"))
    post = mock.post(ACTION, status_code=202, headers={"x-openstack-request-id": "req-n"})
    result = make_client("2.1").servers.reset_network(SERVER_ID)
    assert result == () and result.request_ids == ["req-n"]
    assert post.called_once


def test_diagnostics_returns_the_response_and_the_document(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    get = mock.get(
        URL + "/diagnostics",
        json={"state": "running", "memory_details": {"used": 1}},
        headers={"x-openstack-request-id": "req-diag"},
    )
    result = cs.servers.diagnostics(SERVER_ID)
    response, body = result  # python-novaclient's shape
    assert body == {"state": "running", "memory_details": {"used": 1}}
    assert response.status == 200
    assert result.request_ids == ["req-diag"]
    assert_version(only_request(get), "2.104")


def test_topology_needs_2_78(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(URL + "/topology", json={"nodes": [], "pagesize_kb": None})
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.78 or later"):
        make_client("2.77").servers.topology(SERVER_ID)
    assert not get.called
    assert make_client("2.78").servers.topology(SERVER_ID) == {"nodes": [], "pagesize_kb": None}
    assert_version(only_request(get), "2.78")


def test_get_password_without_a_key_is_the_ciphered_text(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    get = mock.get(URL + "/os-server-password", json={"password": "c2VjcmV0"})
    assert cs.servers.get_password(SERVER_ID) == "c2VjcmV0"
    assert only_request(get).method == "GET"


def test_get_password_none_posted(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(URL + "/os-server-password", json={"password": ""})
    assert cs.servers.get_password(SERVER_ID, "/no/such/key") == ""  # nothing to decrypt


def test_clear_password_deletes(mock: requests_mock.Mocker, cs: Client) -> None:
    delete = mock.delete(
        URL + "/os-server-password", status_code=204, headers={"x-openstack-request-id": "req-p"}
    )
    assert cs.servers.clear_password(SERVER_ID) == ["req-p"]  # a delete's request ids
    assert only_request(delete).method == "DELETE"


# -- decryption with openssl (real openssl, a throwaway key) -----------------------------------

needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")


@pytest.fixture(scope="module")
def rsa_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    key = tmp_path_factory.mktemp("key") / "id_rsa"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    return key


def encrypt(key: Path, text: str) -> str:
    """What a guest posts: RSA PKCS#1 v1.5 with the public key, base64."""
    done = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-encrypt",
            "-inkey",
            str(key),
            "-pkeyopt",
            "rsa_padding_mode:pkcs1",
        ],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    return base64.b64encode(done.stdout).decode()


@needs_openssl
def test_get_password_decrypts_with_the_private_key(
    mock: requests_mock.Mocker, cs: Client, rsa_key: Path
) -> None:
    mock.get(URL + "/os-server-password", json={"password": encrypt(rsa_key, "Cl3ar-pw")})
    assert cs.servers.get_password(SERVER_ID, str(rsa_key)) == "Cl3ar-pw"


@needs_openssl
def test_the_wrong_key_is_one_clear_error(
    mock: requests_mock.Mocker, cs: Client, rsa_key: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    subprocess.run(
        ["openssl", "genrsa", "-out", str(other), "2048"], check=True, capture_output=True
    )
    mock.get(URL + "/os-server-password", json={"password": encrypt(rsa_key, "Cl3ar-pw")})
    with pytest.raises(exceptions.CommandError) as info:
        cs.servers.get_password(SERVER_ID, str(other))
    message = str(info.value)
    assert message.startswith(f"Failed to decrypt the password with the private key {other}: ")
    assert "PRIVATE KEY" not in message and "\n" not in message


def test_decrypt_runs_openssl_without_a_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[list[str], bytes]] = []

    def fake(argv: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
        seen.append((argv, data))
        return subprocess.CompletedProcess(argv, 0, b"pw", b"")

    monkeypatch.setattr(_server_state, "openssl", fake)
    assert _server_state.decrypt_password("/k ey; rm -rf", base64.b64encode(b"xy").decode()) == "pw"
    assert seen == [
        (
            [
                "pkeyutl",
                "-decrypt",
                "-inkey",
                "/k ey; rm -rf",
                "-pkeyopt",
                "rsa_padding_mode:pkcs1",
            ],
            b"xy",
        )
    ]


def test_decrypt_refuses_what_is_not_base64() -> None:
    with pytest.raises(exceptions.CommandError, match="not base64"):
        _server_state.decrypt_password("/key", "not base64!")


def test_decrypt_without_openssl(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(argv: list[str], data: bytes) -> Any:
        raise FileNotFoundError(2, "No such file or directory", "openssl")

    monkeypatch.setattr(_server_state, "openssl", missing)
    with pytest.raises(exceptions.CommandError, match="Cannot run openssl"):
        _server_state.decrypt_password("/key", "eHk=")


# -- server external events ----------------------------------------------------------------------


def test_external_events_create(mock: requests_mock.Mocker, cs: Client) -> None:
    event = {"server_uuid": SERVER_ID, "name": "network-changed"}
    post = mock.post(
        COMPUTE_URL + "/os-server-external-events",
        json={"events": [{**event, "status": "completed", "code": 200}]},
    )
    events = cs.server_external_events.create([event])
    assert body_of(only_request(post)) == {"events": [event]}
    assert [(e.name, e["code"]) for e in events] == [("network-changed", 200)]


@pytest.mark.parametrize("events", [[], [{"name": "network-changed"}], "network-changed"])
def test_external_events_are_checked(mock: requests_mock.Mocker, cs: Client, events: Any) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.server_external_events.create(events)
    nothing_sent(mock)
