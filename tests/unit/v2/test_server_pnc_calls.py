"""servers.create / update / rebuild called as python-novaclient 18.13.1 scripts call them.

Each test asserts the exact request body (and microversion) of a python-novaclient-style
call, or that nothing was sent when it is refused.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
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
)

MakeClient = Callable[..., Client]
CREATED = {"server": {"id": SERVER_ID, "links": [], "adminPass": "Gen3rated"}}
REBUILT = {"server": {"id": SERVER_ID, "status": "REBUILD"}}


def b64(data: str | bytes) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.b64encode(raw).decode()


@pytest.fixture
def post(mock: requests_mock.Mocker) -> Any:
    return mock.post(S, json=CREATED, status_code=202)


@pytest.fixture
def action(mock: requests_mock.Mocker) -> Any:
    return mock.post(f"{S}/{SERVER_ID}/action", json=REBUILT, status_code=202)


# -- create -----------------------------------------------------------------------------


def test_create_positional_as_python_novaclient(make_client: MakeClient, post: Any) -> None:
    # name, image, flavor, meta, files, reservation_id, min_count, max_count,
    # security_groups, userdata, key_name, availability_zone
    make_client("2.56").servers.create(
        "vm1", IMAGE_ID, "1", {"role": "web"}, {"/etc/motd": "hi"}, False, 1, 2,
        ["default"], "#cloud-config", "key", "az1",
    )  # fmt: skip
    req = only_request(post)
    assert body_of(req) == {
        "server": {
            "name": "vm1",
            "flavorRef": "1",
            "imageRef": IMAGE_ID,
            "metadata": {"role": "web"},
            "user_data": b64("#cloud-config"),
            "personality": [{"path": "/etc/motd", "contents": b64("hi")}],
            "security_groups": [{"name": "default"}],
            "min_count": 1,
            "max_count": 2,
            "networks": "auto",
            "key_name": "key",
            "availability_zone": "az1",
        }
    }
    assert_version(req, "2.56")


def test_create_python_novaclient_keywords(make_client: MakeClient, post: Any) -> None:
    make_client("2.90").servers.create(
        name="vm1",
        image=IMAGE_ID,
        flavor="1",
        meta={"a": "b"},
        userdata=io.BytesIO(b"\x00binary"),
        nics=[
            {"net-id": NET_ID, "v4-fixed-ip": "10.0.0.5", "tag": "data", "port-id": ""},
            {"port-id": PORT_ID},
        ],
        disk_config="MANUAL",
        access_ip_v4="192.0.2.1",
        access_ip_v6="2001:db8::1",
        trusted_image_certificates=["cert-a", "cert-b"],
        host="compute1",
        hypervisor_hostname="compute1.example",
        hostname="vm1-host",
    )
    assert body_of(only_request(post)) == {
        "server": {
            "name": "vm1",
            "flavorRef": "1",
            "imageRef": IMAGE_ID,
            "metadata": {"a": "b"},
            "user_data": b64(b"\x00binary"),
            # python-novaclient's nic keys; an empty value is left out, as there.
            "networks": [
                {"uuid": NET_ID, "fixed_ip": "10.0.0.5", "tag": "data"},
                {"port": PORT_ID},
            ],
            "hostname": "vm1-host",
            "trusted_image_certificates": ["cert-a", "cert-b"],
            "host": "compute1",
            "hypervisor_hostname": "compute1.example",
            "OS-DCF:diskConfig": "MANUAL",
            "accessIPv4": "192.0.2.1",
            "accessIPv6": "2001:db8::1",
        }
    }


@pytest.mark.parametrize("nics", ["auto", "none"])
def test_create_nics_auto_or_none(make_client: MakeClient, post: Any, nics: str) -> None:
    make_client("2.37").servers.create("vm1", IMAGE_ID, "1", nics=nics)
    assert body_of(only_request(post))["server"]["networks"] == nics


def test_create_userdata_text_file(cs: Client, post: Any) -> None:
    cs.servers.create("vm1", IMAGE_ID, "1", userdata=io.StringIO("#!/bin/sh\n"))
    assert body_of(only_request(post))["server"]["user_data"] == b64("#!/bin/sh\n")


def test_create_reservation_id_returns_the_id(cs: Client, mock: requests_mock.Mocker) -> None:
    post = mock.post(S, json={"reservation_id": "r-1"}, status_code=202)
    result = cs.servers.create("vm1", IMAGE_ID, "1", reservation_id=True, max_count=3)
    assert body_of(only_request(post))["server"]["return_reservation_id"] is True
    assert result == "r-1" and isinstance(result, str)


def test_create_legacy_block_device_mapping(cs: Client, post: Any) -> None:
    cs.servers.create(
        "vm1",
        None,
        "1",
        block_device_mapping={"vda": f"{VOLUME_ID}:snap:10:1", "vdb": VOLUME_ID},
    )
    server = body_of(only_request(post))["server"]
    assert "imageRef" not in server
    assert server["block_device_mapping"] == [
        {
            "device_name": "vda",
            "snapshot_id": VOLUME_ID,
            "volume_size": "10",
            "delete_on_termination": "1",
        },
        {"device_name": "vdb", "volume_id": VOLUME_ID},
    ]


@pytest.mark.parametrize(
    "ours, theirs",
    [
        ({"networks": "none"}, {"nics": "none"}),
        ({"metadata": {"a": "b"}}, {"meta": {"a": "b"}}),
        ({"user_data": "x"}, {"userdata": "x"}),
        ({"return_reservation_id": True}, {"reservation_id": True}),
    ],
)
def test_create_both_names_is_a_type_error(
    cs: Client, mock: requests_mock.Mocker, ours: dict[str, Any], theirs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError) as info:
        cs.servers.create("vm1", IMAGE_ID, "1", **ours, **theirs)
    assert f"{next(iter(ours))!r}" in str(info.value)
    assert f"{next(iter(theirs))!r}" in str(info.value)
    nothing_sent(mock)


def test_create_unknown_keyword_is_a_type_error(cs: Client, mock: requests_mock.Mocker) -> None:
    with pytest.raises(TypeError, match="nic"):
        cs.servers.create("vm1", IMAGE_ID, "1", nic="auto")  # type: ignore[call-arg]
    nothing_sent(mock)


@pytest.mark.parametrize(
    "kwargs, last_refused, first_allowed",
    [
        ({"files": {"/f": "x"}}, "2.57", "2.56"),
        ({"trusted_image_certificates": ["c"]}, "2.62", "2.63"),
        ({"host": "compute1"}, "2.73", "2.74"),
        ({"hypervisor_hostname": "compute1"}, "2.73", "2.74"),
        ({"hostname": "h"}, "2.89", "2.90"),
    ],
)
def test_create_boundaries(
    make_client: MakeClient,
    mock: requests_mock.Mocker,
    kwargs: dict[str, Any],
    last_refused: str,
    first_allowed: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client(last_refused).servers.create("vm1", IMAGE_ID, "1", **kwargs)
    assert f"This session uses {last_refused}." in str(info.value)
    nothing_sent(mock)
    post = mock.post(S, json=CREATED, status_code=202)
    make_client(first_allowed).servers.create("vm1", IMAGE_ID, "1", **kwargs)
    req = only_request(post)
    assert_version(req, first_allowed)
    key = {"files": "personality"}.get(next(iter(kwargs)), next(iter(kwargs)))
    assert key in body_of(req)["server"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"access_ip_v4": "2001:db8::1"}, "access_ip_v4 must be an IPv4 address"),
        ({"access_ip_v6": "10.0.0.1"}, "access_ip_v6 must be an IPv6 address"),
        ({"disk_config": "auto"}, "disk_config must be 'AUTO' or 'MANUAL'"),
        ({"trusted_image_certificates": []}, "trusted_image_certificates must be a list"),
        ({"trusted_image_certificates": ["a", "a"]}, "must be distinct ids"),
        ({"nics": [{"net-id": NET_ID, "v4-fixed-ip": "10.0.0.1", "v6-fixed-ip": "::1"}]}, "one"),
        (
            {"block_device_mapping": {"vda": VOLUME_ID}, "block_device_mapping_v2": [{}]},
            "block_device_mapping must be left out",
        ),
    ],
)
def test_create_refuses_before_sending(
    cs: Client, mock: requests_mock.Mocker, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(exceptions.ValidationError, match=message):
        cs.servers.create("vm1", IMAGE_ID, "1", **kwargs)
    nothing_sent(mock)


# -- update -----------------------------------------------------------------------------


def test_update_positional_name_description_hostname(
    make_client: MakeClient, mock: requests_mock.Mocker
) -> None:
    put = mock.put(f"{S}/{SERVER_ID}", json={"server": {"id": SERVER_ID}})
    make_client("2.90").servers.update(SERVER_ID, "vm2", "new", "vm2-host")
    req = only_request(put)
    assert body_of(req) == {"server": {"name": "vm2", "description": "new", "hostname": "vm2-host"}}
    assert_version(req, "2.90")


def test_update_none_leaves_a_value_alone(cs: Client, mock: requests_mock.Mocker) -> None:
    put = mock.put(f"{S}/{SERVER_ID}", json={"server": {"id": SERVER_ID}})
    cs.servers.update(SERVER_ID, name="vm2", description=None, hostname=None)
    assert body_of(only_request(put)) == {"server": {"name": "vm2"}}


def test_update_hostname_needs_2_90(make_client: MakeClient, mock: requests_mock.Mocker) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="'hostname' needs .* 2.90"):
        make_client("2.89").servers.update(SERVER_ID, hostname="h")
    nothing_sent(mock)


# -- rebuild ----------------------------------------------------------------------------


def test_rebuild_positional_as_python_novaclient(make_client: MakeClient, action: Any) -> None:
    # server, image, password, disk_config, preserve_ephemeral, name, meta, files
    result = make_client("2.56").servers.rebuild(
        SERVER_ID,
        IMAGE_ID,
        "pw",
        "AUTO",
        True,
        "vm2",
        {"a": "b"},
        {"/f": io.StringIO("x"), "/a": "y"},
    )
    req = only_request(action)
    assert body_of(req) == {
        "rebuild": {
            "imageRef": IMAGE_ID,
            "adminPass": "pw",
            "OS-DCF:diskConfig": "AUTO",
            "preserve_ephemeral": True,
            "name": "vm2",
            "metadata": {"a": "b"},
            # sorted by path, as python-novaclient sends them
            "personality": [
                {"path": "/a", "contents": b64("y")},
                {"path": "/f", "contents": b64("x")},
            ],
        }
    }
    assert_version(req, "2.56")
    assert result.id == SERVER_ID


def test_rebuild_defaults_send_only_the_image(cs: Client, action: Any) -> None:
    cs.servers.rebuild(SERVER_ID, IMAGE_ID)
    assert body_of(only_request(action)) == {"rebuild": {"imageRef": IMAGE_ID}}


def test_rebuild_keyword_only_values_and_unsets(make_client: MakeClient, action: Any) -> None:
    make_client("2.90").servers.rebuild(
        SERVER_ID,
        IMAGE_ID,
        description=None,
        key_name=None,
        userdata=b"data",
        trusted_image_certificates=None,
        hostname="vm2-host",
    )
    assert body_of(only_request(action)) == {
        "rebuild": {
            "imageRef": IMAGE_ID,
            "description": None,
            "key_name": None,
            "trusted_image_certificates": None,
            "hostname": "vm2-host",
            "user_data": b64(b"data"),
        }
    }


@pytest.mark.parametrize(
    "kwargs, last_refused, first_allowed",
    [
        ({"trusted_image_certificates": ["c"]}, "2.62", "2.63"),
        ({"hostname": "h"}, "2.89", "2.90"),
        ({"userdata": "x"}, "2.56", "2.57"),
    ],
)
def test_rebuild_boundaries(
    make_client: MakeClient,
    mock: requests_mock.Mocker,
    kwargs: dict[str, Any],
    last_refused: str,
    first_allowed: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute):
        make_client(last_refused).servers.rebuild(SERVER_ID, IMAGE_ID, **kwargs)
    nothing_sent(mock)
    action = mock.post(f"{S}/{SERVER_ID}/action", json=REBUILT, status_code=202)
    make_client(first_allowed).servers.rebuild(SERVER_ID, IMAGE_ID, **kwargs)
    assert_version(only_request(action), first_allowed)


def test_rebuild_files_end_at_2_56(make_client: MakeClient, mock: requests_mock.Mocker) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.56 or earlier"):
        make_client("2.57").servers.rebuild(SERVER_ID, IMAGE_ID, files={"/f": "x"})
    nothing_sent(mock)


def test_rebuild_both_names_is_a_type_error(cs: Client, mock: requests_mock.Mocker) -> None:
    with pytest.raises(TypeError, match="'metadata' and 'meta'"):
        cs.servers.rebuild(SERVER_ID, IMAGE_ID, meta={"a": "b"}, metadata={"a": "b"})
    with pytest.raises(TypeError, match="'user_data' and 'userdata'"):
        cs.servers.rebuild(SERVER_ID, IMAGE_ID, userdata=None, user_data="x")
    nothing_sent(mock)
