"""ServerManager console methods: remote-consoles from 2.6, the old actions before, 2.8 webmks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import SERVER_ID, S, assert_version, body_of, nothing_sent, only_request

MakeClient = Callable[..., Client]
ACTION = f"{S}/{SERVER_ID}/action"
REMOTE = f"{S}/{SERVER_ID}/remote-consoles"
URL = "http://proxy.test:6080/vnc_lite.html?path=%3Ftoken%3Dsecret-token-1"


def remote(protocol: str, console_type: str) -> dict[str, Any]:
    return {"remote_console": {"protocol": protocol, "type": console_type, "url": URL}}


@pytest.mark.parametrize(
    ("method", "console_type", "protocol"),
    [
        ("get_vnc_console", "novnc", "vnc"),
        ("get_vnc_console", "xvpvnc", "vnc"),
        ("get_spice_console", "spice-html5", "spice"),
        ("get_rdp_console", "rdp-html5", "rdp"),
        ("get_serial_console", "serial", "serial"),
        ("get_console_url", "novnc", "vnc"),
    ],
)
def test_from_2_6_every_type_posts_remote_consoles(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    method: str,
    console_type: str,
    protocol: str,
) -> None:
    post = mock.post(REMOTE, json=remote(protocol, console_type))
    answer = getattr(make_client("2.6").servers, method)(SERVER_ID, console_type)
    request = only_request(post)
    assert body_of(request) == {"remote_console": {"protocol": protocol, "type": console_type}}
    assert_version(request, "2.6")
    assert answer == remote(protocol, console_type)


@pytest.mark.parametrize(
    ("method", "console_type", "action"),
    [
        ("get_vnc_console", "novnc", "os-getVNCConsole"),
        ("get_vnc_console", "xvpvnc", "os-getVNCConsole"),
        ("get_spice_console", "spice-html5", "os-getSPICEConsole"),
        ("get_rdp_console", "rdp-html5", "os-getRDPConsole"),
        ("get_serial_console", "serial", "os-getSerialConsole"),
    ],
)
def test_before_2_6_each_type_is_its_server_action(
    mock: requests_mock.Mocker, make_client: MakeClient, method: str, console_type: str, action: str
) -> None:
    answer_body = {"console": {"type": console_type, "url": URL}}
    post = mock.post(ACTION, json=answer_body)
    answer = getattr(make_client("2.5").servers, method)(SERVER_ID, console_type)
    request = only_request(post)
    assert body_of(request) == {action: {"type": console_type}}
    assert_version(request, "2.5")
    assert answer == answer_body


def test_mks_console_is_webmks_from_2_8(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(REMOTE, json=remote("mks", "webmks"))
    answer = make_client("2.8").servers.get_mks_console(SERVER_ID)
    assert body_of(only_request(post)) == {"remote_console": {"protocol": "mks", "type": "webmks"}}
    assert answer["remote_console"]["url"] == URL


@pytest.mark.parametrize(
    ("version", "call", "named"),
    [
        ("2.7", lambda m: m.get_mks_console(SERVER_ID), "'get_mks_console' needs"),
        ("2.7", lambda m: m.get_console_url(SERVER_ID, "webmks"), "'webmks' needs"),
        ("2.5", lambda m: m.get_console_url(SERVER_ID, "webmks"), "'webmks' needs"),
    ],
)
def test_webmks_before_2_8_is_refused_before_sending(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    call: Callable[[Any], Any],
    named: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        call(make_client(version).servers)
    assert str(info.value) == (
        f"{named} compute API microversion 2.8 or later. This session uses {version}."
    )
    nothing_sent(mock)


@pytest.mark.parametrize(
    ("version", "known"),
    [
        ("2.5", "novnc, xvpvnc, spice-html5, rdp-html5, serial"),
        ("2.8", "novnc, xvpvnc, spice-html5, rdp-html5, serial, webmks"),
    ],
)
def test_an_unknown_console_type_is_refused_before_sending(
    mock: requests_mock.Mocker, make_client: MakeClient, version: str, known: str
) -> None:
    with pytest.raises(exceptions.ValidationError) as info:
        make_client(version).servers.get_vnc_console(SERVER_ID, "vnc")
    assert str(info.value) == f"console_type must be one of {known}; got 'vnc'."
    nothing_sent(mock)


def test_an_answer_without_a_console_is_an_invalid_response(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    mock.post(REMOTE, json={"console": {"type": "novnc", "url": URL}})
    with pytest.raises(exceptions.InvalidResponse, match="'remote_console'"):
        cs.servers.get_vnc_console(SERVER_ID, "novnc")
