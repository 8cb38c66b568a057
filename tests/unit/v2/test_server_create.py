"""cs.servers.create: the body for each argument, the microversion gates and what is refused."""

from __future__ import annotations

import base64
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
    only_request,
)

MakeClient = Callable[..., Client]


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
