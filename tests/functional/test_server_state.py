"""Server state commands against the real Nova: one server for the whole module.

shelve / unshelve, diagnostics, topology, crash dump, refresh-network,
reset-state, lock --reason, reset-network (removed: one line), the password the
guest posts to nova's metadata API (get-password decrypts it with the key),
clear-password, soft delete -> restore -> force-delete, and the ssh command
line (refused: the dev cloud's servers have no addresses).  The noauth port is admin.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from novaclient_lite import exceptions
from tests.devcloud import DevCloud
from tests.functional.conftest import Cli
from tests.functional.conftest import unique as name

#: tests/devcloud/server_nova.py: DELETE soft-deletes servers with this metadata key.
SOFT_DELETE = "devcloud-soft-delete=1"


@pytest.fixture(scope="module")
def vm(
    cli: Cli, noauth_env: dict[str, str], devcloud: DevCloud, admin_cs: Any
) -> Iterator[dict[str, Any]]:
    server = cli.json(
        noauth_env,
        "boot",
        "--flavor",
        "1",
        "--image",
        devcloud.image_id,
        "--nic",
        "none",
        "--meta",
        SOFT_DELETE,
        "--wait",
        name("state"),
    )
    yield server
    try:  # the last test deletes it; this is for a module that stopped early
        admin_cs.servers.force_delete(server["id"])
    except exceptions.NotFound:
        pass


def status(admin_cs: Any, server: dict[str, Any]) -> Any:
    return admin_cs.servers.get(server["id"])


def test_ssh_needs_an_address(cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any]) -> None:
    """The dev cloud's servers have no addresses (nova's Neutron fixture leaves the info
    cache empty), so only the refusal runs here; the argv of every option is unit-tested."""
    line = cli.fail(noauth_env, "--dry-run", "ssh", "-i", "/k/id", f"cirros@{vm['name']}")
    assert line == f"ERROR (CommandError): Server '{vm['name']}' is not attached to any network."


def test_diagnostics_topology_crash_dump_refresh_network(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any]
) -> None:
    diagnostics = cli.json(noauth_env, "diagnostics", vm["name"])
    assert diagnostics["state"] == "running" and "memory_details" in diagnostics
    assert cli.json(noauth_env, "server-topology", vm["id"]) == {"nodes": [], "pagesize_kb": None}
    assert cli.ok(noauth_env, "trigger-crash-dump", vm["id"]) == ""
    assert cli.ok(noauth_env, "refresh-network", vm["name"]) == ""


def test_reset_state_and_lock_reason(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any], admin_cs: Any
) -> None:
    out = cli.ok(noauth_env, "reset-state", vm["name"])
    assert out == f"Reset state for server {vm['name']} succeeded; new state is error\n"
    assert status(admin_cs, vm).status == "ERROR"
    cli.ok(noauth_env, "reset-state", "--active", vm["id"])
    assert status(admin_cs, vm).status == "ACTIVE"
    cli.ok(noauth_env, "lock", "--reason", "maintenance", vm["id"])
    shown = status(admin_cs, vm)
    assert (shown["locked"], shown["locked_reason"]) == (True, "maintenance")
    admin_cs.servers.unlock(vm["id"])


def test_reset_network_is_one_clear_line(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any]
) -> None:
    line = cli.fail(noauth_env, "reset-network", vm["id"])
    assert line.startswith("ERROR (APIRemoved): Nova removed the resetNetwork server action")


def post_guest_password(devcloud: DevCloud, server: dict[str, Any], text: str) -> None:
    """What the guest does at boot: POST its encrypted password to the metadata API
    (here through Neutron's metadata proxy headers, signed with the shared secret)."""
    secret = devcloud.info["METADATA_SECRET"].encode()
    signature = hmac.new(secret, server["id"].encode(), hashlib.sha256).hexdigest()
    answer = requests.post(
        devcloud.info["METADATA_URL"] + "/openstack/latest/password",
        data=text.encode(),
        headers={
            "X-Instance-ID": server["id"],
            "X-Tenant-ID": server["tenant_id"],
            "X-Instance-ID-Signature": signature,
            "X-Forwarded-For": "127.0.0.1",
        },
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl to make a key with")
def test_get_password_decrypts_what_the_guest_posted(
    cli: Cli,
    noauth_env: dict[str, str],
    vm: dict[str, Any],
    devcloud: DevCloud,
    admin_cs: Any,
    tmp_path: Path,
) -> None:
    key = tmp_path / "id_rsa"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    encrypted = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-encrypt",
            "-inkey",
            str(key),
            "-pkeyopt",
            "rsa_padding_mode:pkcs1",
        ],
        input=b"Gu3st-pw",
        capture_output=True,
        check=True,
    ).stdout
    ciphered = base64.b64encode(encrypted).decode()
    post_guest_password(devcloud, vm, ciphered)
    assert cli.ok(noauth_env, "get-password", vm["name"]) == ciphered + "\n"
    assert cli.ok(noauth_env, "get-password", vm["id"], str(key)) == "Gu3st-pw\n"
    assert cli.ok(noauth_env, "clear-password", vm["id"]) == ""
    assert admin_cs.servers.get_password(vm["id"], str(key)) == ""


def test_set_password_prompts_twice(noauth_env: dict[str, str], vm: dict[str, Any]) -> None:
    nova = Path(sys.executable).parent / "nova"
    # No controlling terminal (a new session): getpass reads the two answers from stdin.
    done = subprocess.run(
        [str(nova), "set-password", vm["id"]],
        env={"PATH": "/usr/bin:/bin", **noauth_env},
        input="N3w-pw\nN3w-pw\n",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    assert done.returncode == 0, done.stderr
    assert "N3w-pw" not in done.stdout + done.stderr


def test_shelve_then_unshelve_to_a_zone(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any], admin_cs: Any
) -> None:
    out = cli.ok(noauth_env, "shelve", "--wait", vm["name"])
    assert out == f"Server {vm['name']} is SHELVED_OFFLOADED.\n"
    line = cli.fail(noauth_env, "shelve-offload", vm["id"])
    assert line.startswith("ERROR (Conflict): ") and "shelved_offloaded" in line
    out = cli.ok(noauth_env, "unshelve", "--availability-zone", "nova", "--wait", vm["id"])
    assert out == f"Server {vm['id']} is ACTIVE.\n"
    assert status(admin_cs, vm)["OS-EXT-AZ:availability_zone"] == "nova"


def test_soft_delete_restore_force_delete(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any], wait_server: Any, admin_cs: Any
) -> None:
    admin_cs.servers.delete(vm["id"])
    wait_server(vm["id"], "SOFT_DELETED")
    out = cli.ok(noauth_env, "restore", "--wait", vm["name"])  # by name: a deleted=True lookup
    assert out == f"Server {vm['name']} is ACTIVE.\n"
    admin_cs.servers.delete(vm["id"])
    wait_server(vm["id"], "SOFT_DELETED")
    assert cli.ok(noauth_env, "force-delete", vm["id"]) == (
        f"Request to force-delete server {vm['id']} has been accepted.\n"
    )
    wait_server(vm["id"], "DELETED")
