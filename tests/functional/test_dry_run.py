"""``nova --dry-run`` against the real Nova API, on both ports: printed, not sent, nothing changed.

Each test takes a snapshot of what a change would touch (every server with
its status and task state, every image) before the dry run and compares it
afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from novaclient_lite import exceptions
from tests.devcloud import DevCloud
from tests.functional.conftest import keystone_session
from tests.functional.conftest import unique as name

NOTICE_ONE = "Dry run: 1 request printed, none sent.\n"


@pytest.fixture(scope="module")
def vms(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[list[Any]]:
    """Two ACTIVE servers of this auth mode's admin."""
    created = [
        cs.servers.create(name("dry"), devcloud.image_id, "1", networks="none") for _ in range(2)
    ]
    yield [wait_server(s.id) for s in created]
    for server in created:
        cs.servers.delete(server.id)


@pytest.fixture(scope="module")
def images(clouds: Any) -> Any:
    """``images() -> set of ids``, through Nova's image proxy (up to 2.35)."""
    proxy = clouds.client("noauth", "2.35")
    return lambda: {i["id"] for i in proxy.api.get("/images").body["images"]}


def servers(admin_cs: Any) -> list[tuple[str, str, str, Any]]:
    """Every server of every project: (id, name, status, task state)."""
    return sorted(
        (s.id, s.name, s.status, s.get("OS-EXT-STS:task_state"))
        for s in admin_cs.servers.list(search_opts={"all_tenants": 1})
    )


def test_dry_run_delete_prints_one_delete_per_server(
    nova_cli: Any, env: dict[str, str], vms: list[Any], admin_cs: Any, cs: Any
) -> None:
    before = servers(admin_cs)
    out, err, rc = nova_cli(env, ["--dry-run", "delete", vms[0].name, vms[1].id])
    assert rc == 0, err
    assert err == "Dry run: 2 requests printed, none sent.\n"
    endpoint = cs.api.endpoint
    requests = out.split("\n\n")
    assert [r.splitlines()[0] for r in requests] == [
        f"DELETE {endpoint}/servers/{vms[0].id}",
        f"DELETE {endpoint}/servers/{vms[1].id}",
    ]
    assert f"X-OpenStack-Nova-API-Version: {cs.api_version}" in requests[0].splitlines()
    assert f"OpenStack-API-Version: compute {cs.api_version}" in requests[1].splitlines()
    assert servers(admin_cs) == before


def test_dry_run_delete_as_json(
    nova_cli: Any, env: dict[str, str], vms: list[Any], admin_cs: Any
) -> None:
    before = servers(admin_cs)
    out, err, rc = nova_cli(env, ["--dry-run", "-f", "json", "delete", vms[0].id])
    assert (rc, err) == (0, NOTICE_ONE)
    [held] = json.loads(out)
    assert (held["method"], held["body"]) == ("DELETE", None)
    assert held["url"].endswith(f"/servers/{vms[0].id}")
    assert servers(admin_cs) == before


def test_dry_run_boot_prints_the_body_with_secrets_masked(
    nova_cli: Any,
    env: dict[str, str],
    vms: list[Any],
    admin_cs: Any,
    cs: Any,
    devcloud: DevCloud,
    tmp_path: Path,
) -> None:
    before = servers(admin_cs)
    user_data = tmp_path / "user-data"
    user_data.write_text("#cloud-config\nchpasswd: {list: 'root:hunter2'}\n")
    vm_name = name("never")
    out, err, rc = nova_cli(
        env,
        [
            "--dry-run",
            "boot",
            "--image",
            devcloud.image_id,
            "--flavor",
            "m1.tiny",
            "--nic",
            "none",
            "--admin-pass",
            "s3cret-pass",
            "--user-data",
            str(user_data),
            "--wait",
            vm_name,
        ],
    )
    assert (rc, err) == (0, NOTICE_ONE)
    head, _, body = out.partition("\n\n")
    assert head.splitlines()[0] == f"POST {cs.api.endpoint}/servers"
    flavor = cs.flavors.find("m1.tiny")
    assert json.loads(body) == {
        "server": {
            "name": vm_name,
            "imageRef": devcloud.image_id,
            "flavorRef": flavor.id,
            "user_data": "***",
            "networks": "none",
            "adminPass": "***",
        }
    }
    assert "s3cret-pass" not in out and "hunter2" not in out
    assert servers(admin_cs) == before
    assert list(cs.servers.list(search_opts={"name": vm_name})) == []


@pytest.mark.parametrize(
    ("extra", "action"), [((), "createImage"), (("--rotation", "1"), "createBackup")]
)
def test_dry_run_backup_instance_prints_the_action(
    nova_cli: Any,
    env: dict[str, str],
    vms: list[Any],
    admin_cs: Any,
    cs: Any,
    images: Any,
    extra: tuple[str, ...],
    action: str,
) -> None:
    before, images_before = servers(admin_cs), images()
    image_name = name("never")
    out, err, rc = nova_cli(
        env,
        ["--dry-run", "backup-instance", vms[0].name, image_name, "a dry run", "--wait", *extra],
    )
    assert (rc, err) == (0, NOTICE_ONE)
    head, _, body = out.partition("\n\n")
    assert head.splitlines()[0] == f"POST {cs.api.endpoint}/servers/{vms[0].id}/action"
    sent = json.loads(body)
    assert list(sent) == [action]
    assert sent[action]["name"] == image_name
    assert sent[action]["metadata"] == {"description": "a dry run"}
    assert servers(admin_cs) == before
    assert images() == images_before


def test_the_library_sink_receives_the_record_and_nothing_changes(
    devcloud: DevCloud, mode: str, vms: list[Any], admin_cs: Any
) -> None:
    from novaclient_lite import Client

    before = servers(admin_cs)
    seen: list[Any] = []
    if mode == "noauth":
        dry = Client(
            auth_token="admin:admin",
            endpoint_override=devcloud.noauth_endpoint,
            dry_run=seen.append,
        )
    else:
        dry = Client(
            session=keystone_session(devcloud, "admin"),
            region_name="RegionOne",
            dry_run=seen.append,
        )
    with pytest.raises(exceptions.RequestNotSent) as caught:
        dry.servers.delete(dry.servers.find(vms[1].name))
    assert seen == [caught.value.request]
    assert seen[0].method == "DELETE" and seen[0].url.endswith(f"/servers/{vms[1].id}")
    assert servers(admin_cs) == before
