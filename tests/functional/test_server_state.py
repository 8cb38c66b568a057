"""Server state commands against the real Nova: one server for the whole module.

shelve / unshelve, diagnostics, topology, crash dump, refresh-network,
reset-state, lock --reason, reset-network (removed: one line), the password the
guest posts to nova's metadata API (get-password decrypts it with the key),
clear-password, soft delete -> restore -> force-delete, and the ssh command
line (``--dry-run``: ssh itself is not run).  The noauth port is admin.
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

from tests.devcloud import DevCloud
from tests.functional.conftest import Cli
from tests.functional.conftest import unique as name

#: tests/devcloud/server_nova.py: DELETE soft-deletes servers with this metadata key.
SOFT_DELETE = "devcloud-soft-delete=1"


@pytest.fixture(scope="module")
def vm(cli: Cli, noauth_env: dict[str, str], devcloud: DevCloud) -> Iterator[dict[str, Any]]:
    server = cli.json(
        noauth_env,
        "boot",
        "--flavor",
        "1",
        "--image",
        devcloud.image_id,
        "--nic",
        f"net-id={devcloud.info['NETWORK_ID']}",
        "--meta",
        SOFT_DELETE,
        "--wait",
        name("state"),
    )
    yield server
    cli.run(noauth_env, ["force-delete", server["id"]])


def show(cli: Cli, env: dict[str, str], server: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = cli.json(env, "show", "--minimal", server["id"])
    return found


def test_diagnostics_topology_crash_dump_refresh_network(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any]
) -> None:
    diagnostics = cli.json(noauth_env, "diagnostics", vm["name"])
    assert diagnostics["state"] == "running" and "memory_details" in diagnostics
    assert cli.json(noauth_env, "server-topology", vm["id"]) == {"nodes": [], "pagesize_kb": None}
    assert cli.ok(noauth_env, "trigger-crash-dump", vm["id"]) == ""
    assert cli.ok(noauth_env, "refresh-network", vm["name"]) == ""
    line = cli.fail(noauth_env, "--os-compute-api-version", "2.16", "trigger-crash-dump", vm["id"])
    assert line.startswith("ERROR (UnsupportedVersion): ") and "2.17" in line


def test_reset_state_and_lock_reason(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any]
) -> None:
    out = cli.ok(noauth_env, "reset-state", vm["name"])
    assert out == f"Reset state for server {vm['name']} succeeded; new state is error\n"
    assert show(cli, noauth_env, vm)["status"] == "ERROR"
    cli.ok(noauth_env, "reset-state", "--active", vm["id"])
    assert show(cli, noauth_env, vm)["status"] == "ACTIVE"
    cli.ok(noauth_env, "lock", "--reason", "maintenance", vm["id"])
    shown = show(cli, noauth_env, vm)
    assert (shown["locked"], shown["locked_reason"]) == (True, "maintenance")
    cli.ok(noauth_env, "unlock", vm["id"])


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
    assert cli.ok(noauth_env, "get-password", vm["id"], str(key)) == "\n"


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
    mismatch = subprocess.run(
        [str(nova), "set-password", vm["id"]],
        env={"PATH": "/usr/bin:/bin", **noauth_env},
        input="N3w-pw\nother\n",
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,
    )
    assert mismatch.returncode == 1
    assert mismatch.stderr.splitlines()[-1] == "ERROR (CommandError): Passwords do not match."


def test_ssh_command_line(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any], admin_cs: Any
) -> None:
    addresses = admin_cs.servers.get(vm["id"]).addresses
    fixed = [a["addr"] for a in next(iter(addresses.values())) if a["version"] == 4]
    out = cli.ok(
        noauth_env,
        "--dry-run",
        "ssh",
        "--address-type",
        "fixed",
        "-i",
        "/k/id",
        "--extra-opts",
        "-o BatchMode=yes",
        f"cirros@{vm['name']}",
    )
    assert out == f"ssh -4 -p22 -i /k/id cirros@{fixed[0]} -o BatchMode=yes\n"
    line = cli.fail(noauth_env, "ssh", vm["id"])  # the fixture's port has no floating IP
    assert line.startswith("ERROR (ResourceNotFound): No address that would match")


def test_shelve_then_unshelve_to_a_zone(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any]
) -> None:
    out = cli.ok(noauth_env, "shelve", "--wait", vm["name"])
    assert out == f"Server {vm['name']} is SHELVED_OFFLOADED.\n"
    line = cli.fail(noauth_env, "shelve-offload", vm["id"])
    assert line.startswith("ERROR (Conflict): ") and "shelved_offloaded" in line
    out = cli.ok(noauth_env, "unshelve", "--availability-zone", "nova", "--wait", vm["id"])
    assert out == f"Server {vm['id']} is ACTIVE.\n"
    assert show(cli, noauth_env, vm)["OS-EXT-AZ:availability_zone"] == "nova"


def test_soft_delete_restore_force_delete(
    cli: Cli, noauth_env: dict[str, str], vm: dict[str, Any], wait_server: Any
) -> None:
    cli.ok(noauth_env, "delete", vm["id"])
    out = cli.ok(noauth_env, "restore", "--wait", vm["name"])  # by name: a deleted=True lookup
    assert out == f"Server {vm['name']} is ACTIVE.\n"
    cli.ok(noauth_env, "delete", vm["id"])
    assert show(cli, noauth_env, vm)["status"] == "SOFT_DELETED"
    assert cli.ok(noauth_env, "force-delete", vm["id"]) == (
        f"Request to force-delete server {vm['id']} has been accepted.\n"
    )
    wait_server(vm["id"], "DELETED")
