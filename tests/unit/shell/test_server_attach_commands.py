"""interface-list/-attach/-detach and add-/remove-/list-secgroup: argv -> requests -> output."""

from __future__ import annotations

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import ACTION, SID, SURL, calls, get_server, record
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import NET_ID, PORT_ID, body_of

IFACE = f"{SURL}/os-interface"
V = "--os-compute-api-version"
INTERFACE = {
    "port_id": PORT_ID,
    "net_id": NET_ID,
    "mac_addr": "fa:16:3e:4c:2c:30",
    "port_state": "ACTIVE",
    "fixed_ips": [{"ip_address": "192.168.1.3"}, {"ip_address": "fd37::3"}],
}


def by_name(m: requests_mock.Mocker) -> None:
    m.get(f"{COMPUTE_URL}/servers/detail?name=%5Evm1%24", json=fx.servers_page(fx.server(SID)))


@pytest.mark.parametrize(
    ("version", "extra_header", "extra_cell"),
    [("2.69", [], []), ("2.70", ["Tag"], ["nic1"])],
)
def test_interface_list_columns(
    run_cli: RunCli,
    mock: requests_mock.Mocker,
    version: str,
    extra_header: list[str],
    extra_cell: list[str],
) -> None:
    by_name(mock)
    mock.get(IFACE, json={"interfaceAttachments": [{**INTERFACE, "tag": "nic1"}]})
    result = run_cli(f"{V} {version} interface-list vm1")
    assert result.exit_code == 0, result.stderr
    columns = ["Port State", "Port ID", "Net ID", "IP addresses", "MAC Addr"]
    assert result.header == [*columns, *extra_header]
    assert result.table == [
        ["ACTIVE", PORT_ID, NET_ID, "192.168.1.3,fd37::3", "fa:16:3e:4c:2c:30", *extra_cell]
    ]


def test_interface_attach_port_prints_the_interface(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(IFACE, json={"interfaceAttachment": {**INTERFACE, "tag": "nic1"}})
    result = run_cli(f"interface-attach {SID} --port-id {PORT_ID} --tag nic1")
    assert result.exit_code == 0, result.stderr
    assert body_of(post.last_request) == {
        "interfaceAttachment": {"port_id": PORT_ID, "tag": "nic1"}
    }
    assert record(result.stdout) == {
        "ip_address": "192.168.1.3,fd37::3",
        "mac_addr": "fa:16:3e:4c:2c:30",
        "net_id": NET_ID,
        "port_id": PORT_ID,
        "port_state": "ACTIVE",
        "tag": "nic1",
    }


def test_interface_attach_net_and_fixed_ip(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    post = mock.post(IFACE, json={"interfaceAttachment": INTERFACE})
    result = run_cli(f"{V} 2.48 interface-attach {SID} --net-id {NET_ID} --fixed-ip 192.168.1.3")
    assert result.exit_code == 0, result.stderr
    assert body_of(post.last_request) == {
        "interfaceAttachment": {"net_id": NET_ID, "fixed_ips": [{"ip_address": "192.168.1.3"}]}
    }


def test_interface_attach_tag_below_2_49_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    result = run_cli(f"{V} 2.48 interface-attach {SID} --port-id {PORT_ID} --tag nic1")
    assert result.exit_code == 1
    assert result.stderr == (
        "ERROR (UnsupportedAttribute): '--tag' needs compute API microversion 2.49 or later. "
        "This session uses 2.48 (see --os-compute-api-version).\n"
    )
    assert calls(mock) == []


def test_interface_detach(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    delete = mock.delete(f"{IFACE}/{PORT_ID}", status_code=202)
    result = run_cli(f"interface-detach {SID} {PORT_ID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert delete.called_once


@pytest.mark.parametrize(
    ("command", "action"),
    [("add-secgroup", "addSecurityGroup"), ("remove-secgroup", "removeSecurityGroup")],
)
def test_secgroup_actions(
    run_cli: RunCli, mock: requests_mock.Mocker, command: str, action: str
) -> None:
    by_name(mock)
    post = mock.post(ACTION, status_code=202)
    result = run_cli(f"{command} vm1 web")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert body_of(post.last_request) == {action: {"name": "web"}}
    assert calls(mock) == [
        ("GET", "/servers/detail?name=^vm1$"),
        ("POST", f"/servers/{SID}/action"),
    ]


def test_list_secgroup(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    group = {"id": "aec9df91", "name": "default", "description": "Default", "rules": []}
    mock.get(f"{SURL}/os-security-groups", json={"security_groups": [group]})
    result = run_cli(f"list-secgroup {SID}")
    assert result.exit_code == 0, result.stderr
    assert (result.header, result.table) == (
        ["Id", "Name", "Description"],
        [["aec9df91", "default", "Default"]],
    )


def test_dry_run_add_secgroup_prints_the_action_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(ACTION, status_code=202)
    result = run_cli(f"--dry-run add-secgroup {SID} web")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"POST {ACTION}"
    assert '"addSecurityGroup": {' in result.stdout
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"
    assert not post.called
