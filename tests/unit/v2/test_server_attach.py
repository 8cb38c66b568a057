"""cs.servers: interfaces and security groups, the exact requests and return shapes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2._server_attach import NetworkInterface, SecurityGroup
from novaclient_lite.v2.client import Client
from tests.unit.v2.helpers import (
    NET_ID,
    PORT_ID,
    SERVER_ID,
    S,
    assert_version,
    body_of,
    nothing_sent,
    only_request,
)

MakeClient = Callable[..., Client]
IFACE = f"{S}/{SERVER_ID}/os-interface"
ACTION = f"{S}/{SERVER_ID}/action"
INTERFACE = {
    "port_id": PORT_ID,
    "net_id": NET_ID,
    "mac_addr": "fa:16:3e:4c:2c:30",
    "port_state": "ACTIVE",
    "fixed_ips": [{"ip_address": "192.168.1.3", "subnet_id": "s1"}],
}
GROUP = {"id": "aec9df91", "name": "default", "description": "Default security group"}


def test_interface_list(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(
        IFACE, json={"interfaceAttachments": [INTERFACE]}, headers={"X-Openstack-Request-Id": "r1"}
    )
    interfaces = make_client("2.1").servers.interface_list(SERVER_ID)
    assert only_request(get).method == "GET"
    assert [type(i) for i in interfaces] == [NetworkInterface]
    assert (interfaces[0].id, interfaces[0].mac_addr) == (PORT_ID, "fa:16:3e:4c:2c:30")
    assert interfaces.request_ids == ["r1"]


@pytest.mark.parametrize(
    ("args", "body"),
    [
        ((PORT_ID, None, None), {"port_id": PORT_ID}),
        ((None, NET_ID, "10.0.0.5"), {"net_id": NET_ID, "fixed_ips": [{"ip_address": "10.0.0.5"}]}),
        (("", "", ""), {}),  # python-novaclient leaves empty values out: Nova picks a network
    ],
)
def test_interface_attach_bodies(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    args: tuple[str | None, str | None, str | None],
    body: dict[str, object],
) -> None:
    post = mock.post(IFACE, json={"interfaceAttachment": INTERFACE})
    interface = make_client("2.48").servers.interface_attach(SERVER_ID, *args)
    request = only_request(post)
    assert body_of(request) == {"interfaceAttachment": body}
    assert_version(request, "2.48")
    assert isinstance(interface, NetworkInterface) and interface.id == PORT_ID


def test_interface_attach_tag_needs_2_49(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client("2.48").servers.interface_attach(SERVER_ID, PORT_ID, None, None, tag="nic1")
    assert str(info.value) == (
        "'tag' needs compute API microversion 2.49 or later. This session uses 2.48."
    )
    nothing_sent(mock)
    post = mock.post(IFACE, json={"interfaceAttachment": {**INTERFACE, "tag": "nic1"}})
    make_client("2.49").servers.interface_attach(SERVER_ID, PORT_ID, None, None, tag="nic1")
    assert body_of(only_request(post)) == {
        "interfaceAttachment": {"port_id": PORT_ID, "tag": "nic1"}
    }


def test_interface_detach(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    delete = mock.delete(
        f"{IFACE}/{PORT_ID}", status_code=202, headers={"X-Openstack-Request-Id": "r2"}
    )
    assert make_client("2.1").servers.interface_detach(SERVER_ID, PORT_ID) == ["r2"]
    assert delete.called_once


@pytest.mark.parametrize(
    ("method", "action"),
    [("add_security_group", "addSecurityGroup"), ("remove_security_group", "removeSecurityGroup")],
)
def test_security_group_actions(
    mock: requests_mock.Mocker, make_client: MakeClient, method: str, action: str
) -> None:
    post = mock.post(ACTION, status_code=202, headers={"x-openstack-request-id": "req-g"})
    result = getattr(make_client("2.1").servers, method)(SERVER_ID, "web")
    assert result == () and result.request_ids == ["req-g"]  # python-novaclient's shape
    assert body_of(only_request(post)) == {action: {"name": "web"}}


def test_list_security_group(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    get = mock.get(f"{S}/{SERVER_ID}/os-security-groups", json={"security_groups": [GROUP]})
    groups = make_client("2.1").servers.list_security_group(SERVER_ID)
    assert get.called_once
    assert [type(g) for g in groups] == [SecurityGroup]
    assert (str(groups[0]), groups[0].name) == ("aec9df91", "default")
