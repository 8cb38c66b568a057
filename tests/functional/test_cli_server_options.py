"""python-novaclient's boot/list/update options against the real Nova (noauth admin only).

One server, booted at 2.56 with ``--file`` and ``--access-ip-v4`` (personality files end at
2.56), is shared by the list and update tests; one more boot checks ``--host`` (2.74+).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.devcloud import DevCloud
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def vm(
    cli: Any, noauth_env: dict[str, str], devcloud: DevCloud, admin_cs: Any, tmp_path_factory: Any
) -> Iterator[Any]:
    motd: Path = tmp_path_factory.mktemp("files") / "motd"
    motd.write_text("hello from --file\n")
    record = cli.json(
        noauth_env,
        "--os-compute-api-version",
        "2.56",
        "boot",
        "--image",
        devcloud.image_id,
        "--flavor",
        "m1.tiny",
        "--nic",
        "none",
        "--file",
        f"/etc/motd={motd}",
        "--access-ip-v4",
        "192.0.2.10",
        "--wait",
        name("opts"),
    )
    yield record
    admin_cs.servers.delete(record["id"])


def test_boot_with_file_and_access_ip(vm: Any) -> None:
    assert vm["status"] == "ACTIVE"
    assert vm["accessIPv4"] == "192.0.2.10"


def test_boot_on_a_requested_host(
    cli: Any, noauth_env: dict[str, str], devcloud: DevCloud, admin_cs: Any, wait_server: Any
) -> None:
    record = cli.json(
        noauth_env,
        "boot",
        "--image",
        devcloud.image_id,
        "--flavor",
        "m1.tiny",
        "--nic",
        "none",
        "--host",
        "compute1",
        name("onhost"),
    )
    try:
        assert wait_server(record["id"], "ACTIVE")["OS-EXT-SRV-ATTR:host"] == "compute1"
    finally:
        admin_cs.servers.delete(record["id"])


def test_list_with_state_filters(cli: Any, noauth_env: dict[str, str], vm: Any) -> None:
    exact = ("--name", f"^{vm['name']}$", "-c", "ID", "-f", "value")
    found = cli.ok(
        noauth_env, "list", *exact, "--vm-state", "active", "--power-state", "1", "--tenant"
    )
    assert found.split() == [vm["id"]]
    assert cli.ok(noauth_env, "list", *exact, "--vm-state", "stopped") == ""


def test_update_hostname(cli: Any, noauth_env: dict[str, str], vm: Any, admin_cs: Any) -> None:
    cli.ok(noauth_env, "update", vm["id"], "--hostname", "renamed-host")
    assert admin_cs.servers.get(vm["id"])["OS-EXT-SRV-ATTR:hostname"] == "renamed-host"
