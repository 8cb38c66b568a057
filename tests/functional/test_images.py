"""Images and networks by name (issue 11), on the real Nova and the real Glance.

``nova`` resolves ``--image NAME`` through the Image API (one
``GET /v2/images?name=``), ``--nic net-name=`` through the Network API view,
prints ``name (id)`` for the image in ``show``, and ``--wait`` on the commands
that make an image returns only once Glance says the image is ``active``.
Every image a test makes is read back through Glance (plain
requests/keystoneauth1, same auth mode) and deleted.  Request counts come from
``nova --timings`` (the table of every request it sent, on stderr).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.devcloud import DevCloud
from tests.functional.conftest import Cli, ServiceApi, table
from tests.functional.conftest import unique as name

FLAVOR = "1"


@pytest.fixture(scope="module")
def server(
    cli: Cli, env: dict[str, str], devcloud: DevCloud, cs: Any, wait_server: Any
) -> Iterator[Any]:
    """One server booted by image NAME and network NAME through ``nova boot --wait``."""
    booted = cli.json(
        env,
        "boot",
        "--image",
        devcloud.image_name,
        "--flavor",
        FLAVOR,
        "--nic",
        f"net-name={devcloud.network_name}",
        "--wait",
        name("byname"),
    )
    yield wait_server(booted["id"])
    cs.servers.delete(booted["id"])
    wait_server(booted["id"], "DELETED")


@pytest.fixture()
def cleanup(glance: ServiceApi) -> Iterator[list[str]]:
    """Image ids to delete from Glance at the end of the test."""
    ids: list[str] = []
    yield ids
    for image_id in ids:
        glance.request("DELETE", f"/v2/images/{image_id}")


def timed(cli: Cli, env: dict[str, str], *argv: str) -> tuple[str, list[tuple[str, str]]]:
    """Run ``nova --timings argv`` (exit 0): stdout and the (method, URL) it sent."""
    out, err, rc = cli.run(env, ["--timings", *argv])
    assert rc == 0, f"nova {' '.join(argv)} -> rc={rc}\n{out}\n{err}"
    header, rows = table(err)
    assert header == ["Method", "URL", "Status", "Seconds"], err
    return out, [(row[0], row[1]) for row in rows if row[1] != "Total"]


def image_lookups(sent: list[tuple[str, str]]) -> list[str]:
    """The URLs of the Image API requests in *sent*."""
    return [url for _, url in sent if "/v2/images" in url]


def backups_of(glance: ServiceApi, kind: str) -> list[str]:
    """Ids of the (non-deleted) images of backup type *kind*."""
    found = glance.get(f"/v2/images?backup_type={kind}")["images"]
    return sorted(i["id"] for i in found if i.get("backup_type") == kind)


def test_boot_by_image_and_network_name(
    server: Any, devcloud: DevCloud, service_api: Any, mode: str
) -> None:
    assert server.image["id"] == devcloud.image_id == devcloud.images["cirros-0.6.3"]
    ports = service_api("network", mode).get(f"/v2.0/ports?device_id={server.id}")["ports"]
    assert [p["network_id"] for p in ports] == [devcloud.info["NETWORK_ID"]]


def test_an_ambiguous_image_name_fails_and_creates_nothing(
    cli: Cli,
    env: dict[str, str],
    cs: Any,
    glance: ServiceApi,
    devcloud: DevCloud,
    cleanup: list[str],
) -> None:
    twin = glance.request(
        "POST",
        "/v2/images",
        json={"name": devcloud.image_name, "disk_format": "raw", "container_format": "bare"},
    )
    assert twin.status_code == 201, twin.text
    cleanup.append(twin.json()["id"])
    before = sorted(s.id for s in cs.servers.list())
    line = cli.fail(
        env,
        "boot",
        "--image",
        devcloud.image_name,
        "--flavor",
        FLAVOR,
        "--nic",
        "none",
        name("twin"),
    )
    assert (
        line == f"ERROR (NoUniqueMatch): Multiple images match '{devcloud.image_name}'; use an ID."
    )
    assert sorted(s.id for s in cs.servers.list()) == before


def test_show_prints_the_image_name_and_id(
    cli: Cli, env: dict[str, str], server: Any, devcloud: DevCloud
) -> None:
    _, rows = table(cli.ok(env, "show", server.id))
    assert dict(rows)["image"] == f"{devcloud.image_name} ({devcloud.image_id})"
    _, rows = table(cli.ok(env, "show", "--minimal", server.id))
    assert dict(rows)["image"] == devcloud.image_id


def test_backup_instance_wait_returns_when_the_image_is_active(
    cli: Cli,
    env: dict[str, str],
    server: Any,
    glance: ServiceApi,
    wait_server: Any,
    devcloud: DevCloud,
    cleanup: list[str],
) -> None:
    image_name = name("bkwait")
    out, sent = timed(
        cli,
        env,
        "-f",
        "json",
        "backup-instance",
        "--wait",
        server.id,
        image_name,
        "before the upgrade",
    )
    made = json.loads(out)
    cleanup.append(made["id"])
    # --wait asked Glance itself (not only the server's task) for the image
    assert f"{image_url(env, devcloud)}/v2/images/{made['id']}" in image_lookups(sent), sent
    image = glance.image(made["id"])  # right after the command: no polling here
    assert (image["name"], image["status"], image["description"]) == (
        image_name,
        "active",
        "before the upgrade",
    )
    assert image["instance_uuid"] == server.id
    assert wait_server(server.id, timeout=0).status == "ACTIVE"  # its task is done too


def test_backup_instance_rotation_two_keeps_two_in_glance(
    cli: Cli, env: dict[str, str], server: Any, glance: ServiceApi, cleanup: list[str]
) -> None:
    kind = name("rot")
    made = []
    for i in range(3):
        made.append(
            cli.json(
                env,
                "backup-instance",
                "--rotation",
                "2",
                "--backup-type",
                kind,
                "--wait",
                server.id,
                name(f"r{i}"),
                f"n{i}",
            )["id"]
        )
    cleanup.extend(made)
    # NOTE: nova deletes the oldest backup after the server's task clears.
    deadline = time.monotonic() + 30
    while backups_of(glance, kind) != sorted(made[1:]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert backups_of(glance, kind) == sorted(made[1:])


def test_image_create_wait_and_show(
    cli: Cli,
    env: dict[str, str],
    server: Any,
    glance: ServiceApi,
    devcloud: DevCloud,
    cleanup: list[str],
) -> None:
    image_name = name("snapwait")
    shown = cli.json(
        env, "image-create", "--wait", "--show", "--metadata", "why=test", server.id, image_name
    )
    cleanup.append(shown["id"])
    assert (shown["name"], shown["status"], shown["why"]) == (image_name, "active", "test")
    image = glance.image(shown["id"])
    assert (image["status"], image["image_type"], image["instance_uuid"]) == (
        "active",
        "snapshot",
        server.id,
    )

    plain_name = name("snapplain")
    out, sent = timed(cli, env, "image-create", "--wait", server.id, plain_name)
    assert out == ""
    found = glance.get(f"/v2/images?name={plain_name}")["images"]
    cleanup.extend(i["id"] for i in found)
    assert [i["status"] for i in found] == ["active"]
    # --wait polled Glance for the new image (the only image request it sends)
    polled = set(image_lookups(sent))
    assert polled == {f"{image_url(env, devcloud)}/v2/images/{found[0]['id']}"}, sent


def test_request_counts_uuid_none_name_one_show_one(
    cli: Cli, env: dict[str, str], server: Any, cs: Any, devcloud: DevCloud, wait_server: Any
) -> None:
    images = f"{image_url(env, devcloud)}/v2/images"  # --timings shows URLs without the query
    out, sent = timed(
        cli,
        env,
        "-f",
        "json",
        "boot",
        "--image",
        devcloud.image_id,
        "--flavor",
        FLAVOR,
        "--nic",
        "none",
        name("byid"),
    )
    by_id = json.loads(out)["id"]
    try:
        assert [u for m, u in sent if m == "POST" and u.endswith("/servers")] != []
        # no search; at most the one GET of the image the printed record names
        assert image_lookups(sent) in ([], [f"{images}/{devcloud.image_id}"]), sent
        _, sent = timed(
            cli,
            env,
            "--dry-run",
            "boot",
            "--image",
            devcloud.image_name,
            "--flavor",
            FLAVOR,
            "--nic",
            "none",
            name("dry"),
        )
    finally:
        cs.servers.delete(by_id)
        wait_server(by_id, "DELETED")
    assert image_lookups(sent) == [images], sent  # the one GET /v2/images?name=

    _, sent = timed(cli, env, "show", server.id)
    assert image_lookups(sent) == [f"{images}/{devcloud.image_id}"], sent
    _, sent = timed(cli, env, "show", "--minimal", server.id)
    assert image_lookups(sent) == [], sent
    _, sent = timed(cli, env, "list")
    assert image_lookups(sent) == [], sent
    out, sent = timed(cli, env, "list", "--image", devcloud.image_name)
    assert image_lookups(sent) == [images], sent
    assert server.id in out


def image_url(env: dict[str, str], devcloud: DevCloud) -> str:
    """The Image API endpoint ``nova`` uses in this auth mode."""
    return env.get("OS_IMAGE_URL") or devcloud.image_keystone_url


def test_no_image_endpoint_names_fail_uuids_work(
    cli: Cli, clouds: Any, devcloud: DevCloud, wait_server: Any
) -> None:
    env = {k: v for k, v in clouds.env("noauth").items() if k != "OS_IMAGE_URL"}
    admin = clouds.client("noauth")
    before = sorted(s.id for s in admin.servers.list())
    line = cli.fail(
        env,
        "boot",
        "--image",
        devcloud.image_name,
        "--flavor",
        FLAVOR,
        "--nic",
        "none",
        name("noimg"),
    )
    assert line.startswith("ERROR (EndpointNotFound): No image service in the catalog"), line
    assert "pass an image ID or --os-image-url" in line
    assert sorted(s.id for s in admin.servers.list()) == before

    out, sent = timed(
        cli,
        env,
        "-f",
        "json",
        "boot",
        "--image",
        devcloud.image_id,
        "--flavor",
        FLAVOR,
        "--nic",
        "none",
        name("noimgid"),
    )
    server_id = json.loads(out)["id"]
    try:
        assert image_lookups(sent) == [], sent
        assert wait_server(server_id).image["id"] == devcloud.image_id
    finally:
        admin.servers.delete(server_id)
        wait_server(server_id, "DELETED")
