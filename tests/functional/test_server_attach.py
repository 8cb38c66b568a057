"""Volumes, interfaces and security groups of one server, through ``nova``, on the real Nova.

Nova's CinderFixture fakes any volume id (``SWAP_OLD_VOL`` is "migrating"
once attached, so Nova 34 accepts a swap from it); its NeutronFixture gives
the network and the free port ``port_1``, all in nova's test project
``PROJECT`` (the fixture lists ports by their project), so the module's
server lives there; the dev cloud adds the security group ``devcloud-web``
and the calls Nova's security-group proxy makes (tests/devcloud/server_nova.py,
``security_groups_through_nova``).  One server (noauth, admin) serves every
test of the module; ``nova`` makes each change and shows it, the library
polls where Nova finishes in the background.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.devcloud import DevCloud
from tests.functional.conftest import Cli
from tests.functional.conftest import unique as name

SWAP_OLD_VOL = "a07f71dc-8151-4e7d-a0cc-cd24a3f11113"
SWAP_NEW_VOL = "227cc671-f30b-4488-96fd-7d0bf13648d8"
#: nova.tests.fixtures.nova.PROJECT_ID: the project of the NeutronFixture's ports.
PROJECT = "6f70656e737461636b20342065766572"
PORT_1 = "ce531f90-199f-48c0-816c-13e38010b442"
PORT_1_IP = "192.168.1.3"


def until(check: Callable[[], Any], what: str, timeout: float = 30) -> Any:
    """Poll ``check`` (0.1 s apart) until it returns something true: Nova detaches
    (and, from 2.101, attaches) in the background."""
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not after {timeout}s")
        time.sleep(0.1)
    return result


@pytest.fixture(scope="module")
def env(devcloud: DevCloud) -> dict[str, str]:
    """``nova``'s OS_* variables: admin in PROJECT."""
    return devcloud.noauth_env("admin", PROJECT)


@pytest.fixture(scope="module")
def project_cs(devcloud: DevCloud) -> Any:
    """The library as admin in PROJECT."""
    from novaclient_lite import Client

    return Client(
        "auto",
        auth_token=f"admin:{PROJECT}",
        endpoint_override=devcloud.noauth_endpoint,
        image_url=devcloud.image_url,
        network_url=devcloud.network_url,
    )


@pytest.fixture(scope="module")
def server(project_cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[Any]:
    """An ACTIVE server with one port on the fixture's network."""
    network = [{"uuid": devcloud.info["NETWORK_ID"]}]
    created = project_cs.servers.create(name("att"), devcloud.image_id, "1", networks=network)
    yield wait_server(created.id)
    project_cs.servers.delete(created.id)


def attachments(cli: Cli, env: dict[str, str], server: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = cli.json(env, "volume-attachments", server.name)
    return rows


def volume_ids(cs: Any, server: Any) -> list[str]:
    return [v.volumeId for v in cs.volumes.get_server_volumes(server.id)]


def test_security_groups(cli: Cli, env: dict[str, str], server: Any, project_cs: Any) -> None:
    def names() -> list[str]:
        return sorted(g.name for g in project_cs.servers.list_security_group(server.id))

    assert names() == ["default"]
    assert cli.ok(env, "add-secgroup", server.name, "devcloud-web") == ""
    listed = cli.json(env, "list-secgroup", server.name)
    assert sorted(g["Name"] for g in listed) == ["default", "devcloud-web"]
    assert "Web servers (dev cloud)" in {g["Description"] for g in listed}
    assert cli.ok(env, "remove-secgroup", server.id, "devcloud-web") == ""
    assert names() == ["default"]
    error = cli.fail(env, "add-secgroup", server.id, "no-such-group")
    assert error.startswith("ERROR (NotFound): Security group no-such-group is not found")


def test_volume_attach_swap_update_detach(
    cli: Cli, env: dict[str, str], server: Any, project_cs: Any
) -> None:
    attached = cli.json(
        env,
        "--os-compute-api-version",
        "2.79",
        "volume-attach",
        server.name,
        SWAP_OLD_VOL,
        "/dev/vdb",
        "--delete-on-termination",
    )
    assert (attached["volumeId"], attached["serverId"]) == (SWAP_OLD_VOL, server.id)
    assert (attached["tag"], attached["delete_on_termination"]) == (None, True)
    (row,) = attachments(cli, env, server)
    assert (row["VOLUME ID"], row["SERVER ID"], row["TAG"]) == (SWAP_OLD_VOL, server.id, None)
    assert row["DELETE ON TERMINATION"] is True and row["ATTACHMENT ID"] and row["BDM UUID"]

    # Swap (Nova moves the data, then attaches the new volume in place of the old one).
    assert cli.ok(env, "volume-update", server.name, SWAP_OLD_VOL, SWAP_NEW_VOL) == ""
    until(lambda: volume_ids(project_cs, server) == [SWAP_NEW_VOL], "the swapped volume")
    # 2.85+: the same volume on both sides only changes the attachment.
    args = ("volume-update", server.name, SWAP_NEW_VOL, SWAP_NEW_VOL)
    assert cli.ok(env, *args, "--no-delete-on-termination") == ""
    (volume,) = project_cs.volumes.get_server_volumes(server.id)
    assert volume.delete_on_termination is False

    assert cli.ok(env, "volume-detach", server.name, SWAP_NEW_VOL) == ""
    until(lambda: volume_ids(project_cs, server) == [], "no attachment left")


def test_tagged_volume_attach_from_2_101_prints_nothing(
    cli: Cli, env: dict[str, str], server: Any, project_cs: Any
) -> None:
    volume = str(uuid.uuid4())  # CinderFixture answers for any volume id
    assert cli.ok(env, "volume-attach", server.id, volume, "--tag", "db") == ""
    until(lambda: volume_ids(project_cs, server) == [volume], "the attachment made in background")
    (attached,) = project_cs.volumes.get_server_volumes(server.id)
    assert (attached.tag, attached.delete_on_termination) == ("db", False)
    # NOTE: left attached: nova's compute fails to detach a tagged volume from a
    # fake-driver server (no device metadata); deleting the server cleans it up.


def test_interfaces(
    cli: Cli, env: dict[str, str], devcloud: DevCloud, server: Any, project_cs: Any
) -> None:
    network_id = devcloud.info["NETWORK_ID"]
    (boot_port,) = project_cs.servers.interface_list(server.id)
    attached = cli.json(env, "interface-attach", server.name, "--port-id", PORT_1, "--tag", "nic1")
    assert (attached["port_id"], attached["net_id"]) == (PORT_1, network_id)
    assert (attached["ip_address"], attached["tag"]) == (PORT_1_IP, "nic1")
    listed = {i["Port ID"]: i for i in cli.json(env, "interface-list", server.name)}
    assert sorted(listed) == sorted([PORT_1, boot_port.id])
    assert (listed[PORT_1]["IP addresses"], listed[PORT_1]["Tag"]) == (PORT_1_IP, "nic1")
    assert (listed[PORT_1]["Net ID"], listed[PORT_1]["Port State"]) == (network_id, "ACTIVE")
    assert listed[boot_port.id]["Tag"] is None and listed[boot_port.id]["MAC Addr"]

    error = cli.fail(
        env, "interface-attach", server.id, "--port-id", PORT_1, "--net-id", network_id
    )
    assert error.startswith("ERROR (BadRequest): Must not input both network_id and port_id")

    assert cli.ok(env, "interface-detach", server.name, PORT_1) == ""
    until(
        lambda: [i.id for i in project_cs.servers.interface_list(server.id)] == [boot_port.id],
        "the detached port gone",
    )
