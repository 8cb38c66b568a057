"""``backup_instance`` / ``nova backup-instance`` against the real Nova API.

Without rotation it is a snapshot (createImage) that deletes nothing; with
``rotation=N`` a createBackup after which Nova keeps only the N newest backups
of that type for the server.  Images are read back from the real Glance
(GET /v2/images/{id}, plain requests/keystoneauth1, same auth mode), where nova's
compute service uploaded them; the first test also reads Nova's image proxy
(GET /images/{id}, microversion <= 2.35).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from novaclient_lite import exceptions
from tests.devcloud import DevCloud
from tests.devcloud.server_glance import qcow2_image
from tests.functional.conftest import ServiceApi
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def server(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[Any]:
    created = cs.servers.create(name("bk"), devcloud.image_id, "1", networks="none")
    yield wait_server(created.id)
    cs.servers.delete(created.id)


def gone(glance: ServiceApi, image_id: str, wait: float = 0) -> bool:
    """Is the image gone from Glance?  With *wait*, poll that long for it to go:
    nova rotates backups after the server's task is done, so a rotation lands
    a moment after ``wait_server`` returns (as on a real cloud)."""
    deadline = time.monotonic() + wait
    while glance.image(image_id) is not None:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def test_quick_backup_is_a_snapshot_with_a_description(
    cs: Any, server: Any, wait_server: Any, image_proxy: Any, glance: ServiceApi
) -> None:
    image_name = name("quick")
    image_id = cs.servers.backup_instance(server, image_name, "before the upgrade")
    wait_server(server.id)
    image = glance.image(image_id)
    assert (image["id"], image["name"], image["status"]) == (image_id, image_name, "active")
    assert (image["description"], image["image_type"]) == ("before the upgrade", "snapshot")
    assert image["instance_uuid"] == server.id
    assert "backup_type" not in image
    assert (image["disk_format"], image["size"]) == ("qcow2", len(qcow2_image()))
    proxy = image_proxy(image_id)  # nova's own view of the same Glance image
    assert (proxy["status"], proxy["server"]["id"]) == ("ACTIVE", server.id)
    assert proxy["metadata"]["description"] == "before the upgrade"


def test_rotation_one_keeps_only_the_newest_backup(
    cs: Any, server: Any, wait_server: Any, glance: ServiceApi
) -> None:
    kind = name("type")
    snapshot = cs.servers.backup_instance(server, name("snap"), "kept")
    wait_server(server.id)
    first = cs.servers.backup_instance(server, name("first"), "one", rotation=1, backup_type=kind)
    wait_server(server.id)
    assert glance.image(first)["backup_type"] == kind
    second = cs.servers.backup_instance(server, name("second"), "two", rotation=1, backup_type=kind)
    wait_server(server.id)
    assert first != second
    assert gone(glance, first, wait=30)
    meta = glance.image(second)
    assert (meta["description"], meta["image_type"], meta["backup_type"]) == ("two", "backup", kind)
    assert not gone(glance, snapshot)  # rotation deletes backups only


def test_rotation_two_keeps_the_two_newest(
    cs: Any, server: Any, wait_server: Any, glance: ServiceApi
) -> None:
    kind = name("type")
    ids = []
    for i in range(3):
        ids.append(
            cs.servers.backup_instance(server, name(f"r{i}"), f"n{i}", rotation=2, backup_type=kind)
        )
        wait_server(server.id)
    assert gone(glance, ids[0], wait=30)
    assert [gone(glance, i) for i in ids] == [True, False, False]


def test_other_backup_types_are_not_rotated(
    cs: Any, server: Any, wait_server: Any, glance: ServiceApi
) -> None:
    weekly = cs.servers.backup_instance(
        server, name("w"), "weekly", rotation=1, backup_type=name("weekly")
    )
    wait_server(server.id)
    cs.servers.backup_instance(server, name("d"), "daily", rotation=1, backup_type=name("d"))
    wait_server(server.id)
    assert not gone(glance, weekly)


def test_rotation_zero_is_refused_before_sending(cs: Any, server: Any) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.servers.backup_instance(server, name("zero"), "x", rotation=0)
    with pytest.raises(exceptions.ValidationError):
        cs.servers.backup_instance(server, name("long"), "x" * 256)


def test_cli_backup_instance(
    cli: Any, clouds: Any, mode: str, server: Any, wait_server: Any, glance: ServiceApi
) -> None:
    env = clouds.env(mode)
    image_name = name("cliquick")
    out = cli.ok(env, "backup-instance", server.name, image_name, "cli reason")
    rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in out.splitlines()
        if line.startswith("|")
    ]
    assert rows[0] == ["Property", "Value"]
    values = dict(rows[1:])
    assert (values["name"], values["server"]) == (image_name, server.id)
    wait_server(server.id)
    meta = glance.image(values["id"])
    assert (meta["description"], meta["image_type"]) == ("cli reason", "snapshot")

    kind = name("clitype")
    first = cli.json(
        env,
        "backup-instance",
        "--rotation",
        "1",
        "--backup-type",
        kind,
        server.id,
        name("clione"),
        "first",
    )
    assert first["server"] == server.id
    wait_server(server.id)
    second = cli.json(
        env,
        "backup-instance",
        "--rotation",
        "1",
        "--backup-type",
        kind,
        "--wait",
        server.name,
        name("clitwo"),
        "second",
    )
    wait_server(server.id)
    assert gone(glance, first["id"], wait=30)
    meta = glance.image(second["id"])
    assert (meta["description"], meta["image_type"], meta["backup_type"]) == (
        "second",
        "backup",
        kind,
    )
    assert not gone(glance, values["id"])


def test_cli_backup_instance_errors(cli: Any, clouds: Any, mode: str, server: Any) -> None:
    env = clouds.env(mode)
    line = cli.fail(env, "backup-instance", "--backup-type", "x", server.id, "n", "d", rc=2)
    assert "--backup-type needs --rotation" in line
    line = cli.fail(env, "backup-instance", "--rotation", "0", server.id, "n", "d")
    assert line.startswith("ERROR (ValidationError): rotation must be a positive integer")
    assert "must be a non-negative integer; got '-1'" in cli.fail(
        env, "backup-instance", "--rotation", "-1", server.id, "n", "d", rc=2
    )
