"""``nova`` server commands against the real Nova API, on both ports.

Each test runs twice: ``noauth`` (OS_AUTH_TYPE=admin_token, OS_TOKEN=admin:admin,
OS_ENDPOINT_OVERRIDE) and ``keystone`` (a password login).  One server per auth
mode is booted with ``nova boot --wait --nic none`` and shared by the action
tests (in file order).  State changes without ``--wait`` are awaited through the
library (0.1 s polling) to keep the suite fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.devcloud import DevCloud
from tests.functional.conftest import table
from tests.functional.conftest import unique as name

LIST_HEADER = ["ID", "Name", "Status", "Task State", "Power State", "Networks"]


def is_noauth(env: dict[str, str]) -> bool:
    return env.get("OS_AUTH_TYPE") == "admin_token"


@pytest.fixture(scope="module")
def vm(cli: Any, env: dict[str, str], devcloud: DevCloud, admin_cs: Any) -> Iterator[Any]:
    """``nova boot --wait``: the server as the command printed it (-f json)."""
    record = cli.json(
        env,
        "boot",
        "--image",
        devcloud.image_id,
        "--flavor",
        "m1.tiny",
        "--nic",
        "none",
        "--meta",
        "origin=cli",
        "--wait",
        name("cli"),
    )
    yield record
    admin_cs.servers.delete(record["id"])


def test_boot_wait_prints_the_active_server(vm: Any, devcloud: DevCloud) -> None:
    assert vm["status"] == "ACTIVE"
    assert vm["OS-EXT-STS:task_state"] is None
    assert vm["flavor:original_name"] == "m1.tiny"
    # "name (id)", the name read through the catalog's image endpoint
    assert vm["image"].endswith(f" ({devcloud.image_id})")
    assert not vm["image"].startswith("Image not found")
    assert vm["metadata"] == {"origin": "cli"}
    assert vm["adminPass"]


def test_list_table_and_formats(cli: Any, env: dict[str, str], vm: Any) -> None:
    header, rows = table(cli.ok(env, "list", "--name", f"^{vm['name']}$"))
    assert header == LIST_HEADER
    assert rows == [[vm["id"], vm["name"], "ACTIVE", "-", "Running", ""]]
    listed = cli.json(env, "list", "--name", vm["name"])
    assert listed == [
        {
            "ID": vm["id"],
            "Name": vm["name"],
            "Status": "ACTIVE",
            "Task State": None,
            "Power State": "Running",
            "Networks": "",
        }
    ]
    if not is_noauth(env):
        return  # the output options below do not depend on the auth mode
    assert cli.ok(env, "list", "--name", vm["name"], "-c", "ID", "-f", "value") == vm["id"] + "\n"
    header, rows = table(cli.ok(env, "list", "--minimal", "--name", vm["name"]))
    assert (header, rows) == (["ID", "Name"], [[vm["id"], vm["name"]]])
    fields = cli.json(env, "list", "--name", vm["name"], "--fields", "name,status,metadata")
    assert fields == [
        {"ID": vm["id"], "Name": vm["name"], "Status": "ACTIVE", "Metadata": {"origin": "cli"}}
    ]
    assert vm["id"] in cli.ok(env, "list", "--status", "ACTIVE", "--flavor", "m1.tiny")


def test_show_table_and_json(cli: Any, env: dict[str, str], vm: Any) -> None:
    header, rows = table(cli.ok(env, "show", vm["name"]))
    assert header == ["Property", "Value"]
    values = {row[0]: row[1] for row in rows if row[0]}
    assert (values["id"], values["status"], values["name"]) == (vm["id"], "ACTIVE", vm["name"])
    shown = cli.json(env, "show", vm["id"])
    assert shown["id"] == vm["id"] and "adminPass" not in shown
    assert shown["image"] == vm["image"]
    assert cli.json(env, "show", "--minimal", vm["id"])["image"] == vm["image"].rsplit(" (", 1)[
        1
    ].rstrip(")")
    if is_noauth(env):
        assert cli.ok(env, "show", vm["id"], "-c", "status", "-f", "value") == "ACTIVE\n"


def test_update(cli: Any, env: dict[str, str], vm: Any, admin_cs: Any) -> None:
    assert cli.ok(env, "update", vm["name"], "--description", "cli described") == ""
    new = vm["name"] + "-x"
    assert cli.ok(env, "update", vm["id"], "--name", new) == ""
    got = admin_cs.servers.get(vm["id"])
    assert (got.name, got.description) == (new, "cli described")
    cli.ok(env, "update", new, "--name", vm["name"], "--description", "")
    got = admin_cs.servers.get(vm["id"])
    assert (got.name, got.description) == (vm["name"], None)


def test_reboot_hard_wait(cli: Any, env: dict[str, str], vm: Any) -> None:
    assert (
        cli.ok(env, "reboot", "--hard", "--wait", vm["name"]) == f"Server {vm['name']} is ACTIVE.\n"
    )
    assert (
        cli.ok(env, "reboot", vm["id"])
        == f"Request to reboot server {vm['id']} has been accepted.\n"
    )


@pytest.mark.parametrize(
    ("action", "state", "undo"),
    [
        ("stop", "SHUTOFF", "start"),
        ("pause", "PAUSED", "unpause"),
        ("suspend", "SUSPENDED", "resume"),
    ],
)
def test_power_actions(
    cli: Any, env: dict[str, str], vm: Any, wait_server: Any, action: str, state: str, undo: str
) -> None:
    wait_server(vm["id"])
    assert (
        cli.ok(env, action, vm["name"])
        == f"Request to {action} server {vm['name']} has been accepted.\n"
    )
    wait_server(vm["id"], state)
    assert (
        cli.ok(env, undo, vm["name"])
        == f"Request to {undo} server {vm['name']} has been accepted.\n"
    )
    wait_server(vm["id"])


def test_pause_unpause_wait(cli: Any, env: dict[str, str], vm: Any) -> None:
    assert cli.ok(env, "pause", "--wait", vm["name"]) == f"Server {vm['name']} is PAUSED.\n"
    assert cli.ok(env, "unpause", "--poll", vm["name"]) == f"Server {vm['name']} is ACTIVE.\n"


def test_lock_unlock(cli: Any, env: dict[str, str], vm: Any, admin_cs: Any) -> None:
    assert (
        cli.ok(env, "lock", "--reason", "maint", vm["name"])
        == f"Request to lock server {vm['name']} has been accepted.\n"
    )
    got = admin_cs.servers.get(vm["id"])
    assert (got.locked, got.locked_reason) == (True, "maint")
    cli.ok(env, "unlock", vm["name"])
    assert admin_cs.servers.get(vm["id"]).locked is False


def test_rescue_unrescue(cli: Any, env: dict[str, str], vm: Any, wait_server: Any) -> None:
    header, rows = table(cli.ok(env, "rescue", "--password", "Resc-ue-9", vm["name"]))
    assert (header, rows) == (["Property", "Value"], [["adminPass", "Resc-ue-9"]])
    wait_server(vm["id"], "RESCUE")
    assert cli.ok(env, "unrescue", vm["name"]) == ""
    wait_server(vm["id"])


def test_resize_confirm_and_revert(
    cli: Any, env: dict[str, str], vm: Any, wait_server: Any, hypervisor_count: int
) -> None:
    if hypervisor_count < 2:
        pytest.skip(
            "the devcloud fixture starts ONE compute host and Nova cannot resize to "
            "the same host (No valid host); start it with compute_hosts=2"
        )
    out = cli.ok(env, "resize", "--wait", vm["name"], "m1.small")
    assert out.startswith(f"Server {vm['name']} is VERIFY_RESIZE; confirm with")
    cli.ok(env, "resize-confirm", vm["name"])
    assert wait_server(vm["id"]).flavor["original_name"] == "m1.small"
    cli.ok(env, "resize", vm["name"], "m1.tiny")
    wait_server(vm["id"], "VERIFY_RESIZE")
    cli.ok(env, "resize-revert", "--wait", vm["name"])
    assert wait_server(vm["id"]).flavor["original_name"] == "m1.small"


def test_rebuild(
    cli: Any, env: dict[str, str], vm: Any, devcloud: DevCloud, wait_server: Any
) -> None:
    rebuilt = cli.json(
        env,
        "rebuild",
        vm["name"],
        devcloud.image_id,
        "--meta",
        "r=1",
        "--description",
        "rebuilt by cli",
    )
    assert rebuilt["id"] == vm["id"]
    assert rebuilt["status"] in ("REBUILD", "ACTIVE")
    got = wait_server(vm["id"])
    assert (got.metadata, got.description) == ({"r": "1"}, "rebuilt by cli")


def test_image_create_and_backup(
    cli: Any, env: dict[str, str], vm: Any, wait_server: Any, image_proxy: Any
) -> None:
    assert cli.ok(env, "image-create", vm["name"], name("quiet")) == ""
    wait_server(vm["id"])
    snap = name("snap")
    wait = ["--wait"] if is_noauth(env) else []  # --wait polls every 2 s: once is enough
    shown = cli.json(env, "image-create", "--show", "--metadata", "k=v", *wait, vm["name"], snap)
    wait_server(vm["id"])
    # the Image API's record (properties at the top level)
    assert (shown["name"], shown["instance_uuid"], shown["k"]) == (snap, vm["id"], "v")
    # NOTE: without --wait the record is read right after createImage: the real Glance
    # may still be receiving the upload (queued/saving), as on a real cloud.
    assert shown["status"] in (("active",) if wait else ("queued", "saving", "active"))
    image = image_proxy(shown["id"])
    assert (image["name"], image["metadata"]["k"]) == (snap, "v")
    backup = cli.json(env, "backup", vm["name"], name("bk"), "weekly", "1")
    assert (backup["instance_uuid"], backup["image_type"]) == (vm["id"], "backup")
    wait_server(vm["id"])
    assert image_proxy(backup["id"])["metadata"]["image_type"] == "backup"


def test_meta_set_delete(cli: Any, env: dict[str, str], vm: Any, admin_cs: Any) -> None:
    assert cli.ok(env, "meta", vm["name"], "set", "a=1", "b=x=y") == ""
    meta = admin_cs.servers.get(vm["id"]).metadata
    assert (meta["a"], meta["b"]) == ("1", "x=y")
    cli.ok(env, "meta", vm["name"], "delete", "a")
    meta = admin_cs.servers.get(vm["id"]).metadata
    assert "a" not in meta and meta["b"] == "x=y"


def test_console_log(cli: Any, env: dict[str, str], vm: Any) -> None:
    assert cli.ok(env, "console-log", vm["name"]).startswith("FAKE CONSOLE OUTPUT")
    assert cli.ok(env, "console-log", "--length", "1", vm["id"]) == "LAST LINE\n"


def test_delete_several_at_once(
    cli: Any, env: dict[str, str], clouds: Any, devcloud: DevCloud, wait_server: Any
) -> None:
    mode = "noauth" if is_noauth(env) else "keystone"
    cs = clouds.client(mode)
    names = [name("multi") for _ in range(3)]
    ids = [cs.servers.create(n, devcloud.image_id, "1", networks="none").id for n in names]
    for server_id in ids:
        wait_server(server_id)
    out = cli.ok(env, "delete", names[0], ids[1])
    assert out == (
        f"Request to delete server {names[0]} has been accepted.\n"
        f"Request to delete server {ids[1]} has been accepted.\n"
    )
    wait = ["--wait"] if is_noauth(env) else []  # --wait polls every 2 s: once is enough
    out, err, rc = cli.run(env, ["delete", *wait, "no-such-vm", names[2]])
    assert rc == 1
    assert out == (
        f"Server {names[2]} has been deleted.\n"
        if wait
        else f"Request to delete server {names[2]} has been accepted.\n"
    )
    assert err.splitlines() == [
        "ERROR (ResourceNotFound): No server with a name or ID of "
        "'no-such-vm' exists. for no-such-vm"
    ]
    for server_id in ids:
        wait_server(server_id, "DELETED")
    assert not {row["ID"] for row in cli.json(env, "list", "--name", "^multi-")} & set(ids)
