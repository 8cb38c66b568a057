"""The microversion matrix against the real Nova API (max 2.104).

For each pinned version the client lists flavors, boots a server and gets an
image id from ``backup_instance`` (Location header before 2.45, body from
2.45).  Then the version-specific behaviour: 2.55 flavor descriptions, 2.61
extra_specs in flavor bodies, 2.75 unknown query parameters rejected (the
client must send none), 2.102 rxtx_factor removed, and negotiation of "latest".
"""

from __future__ import annotations

from typing import Any

import pytest

from novaclient_lite import exceptions
from novaclient_lite.api_versions import MAX_VERSION, APIVersion
from tests.devcloud import DevCloud
from tests.functional.conftest import unique as name

MATRIX = ["2.1", "2.44", "2.45", "2.55", "2.61", "2.75", "2.102", "latest"]
CASES = [("noauth", v) for v in MATRIX] + [("keystone", "2.1"), ("keystone", "latest")]


def at_least(version: str, minimum: str) -> bool:
    return version == "latest" or APIVersion.parse(version) >= APIVersion.parse(minimum)


@pytest.mark.parametrize(("mode", "version"), CASES, ids=[f"{m}-{v}" for m, v in CASES])
def test_flavors_boot_and_backup(
    clouds: Any, devcloud: DevCloud, wait_server: Any, image_proxy: Any, mode: str, version: str
) -> None:
    cs = clouds.client(mode, version)
    expected = APIVersion(2, 104) if version == "latest" else APIVersion.parse(version)
    assert cs.api_version == expected

    tiny = next(f for f in cs.flavors.list() if f.id == "1")
    assert ("description" in tiny) is at_least(version, "2.55")
    assert ("extra_specs" in tiny) is at_least(version, "2.61")
    assert ("rxtx_factor" in tiny) is not at_least(version, "2.102")

    networks = "none" if at_least(version, "2.37") else None
    created = cs.servers.create(name(f"mv{version}"), devcloud.image_id, "1", networks=networks)
    try:
        wait_server(created.id)
        server = cs.servers.get(created.id)
        if at_least(version, "2.47"):
            assert server.flavor["original_name"] == "m1.tiny"
        else:
            assert server.flavor["id"] == "1"
        quick = cs.servers.backup_instance(server, name("q"), f"quick at {version}")
        wait_server(server.id)
        rotated = cs.servers.backup_instance(server, name("r"), f"rotated at {version}", rotation=1)
        wait_server(server.id)
        meta = image_proxy(quick)["metadata"]
        assert (meta["description"], meta["image_type"]) == (f"quick at {version}", "snapshot")
        meta = image_proxy(rotated)["metadata"]
        assert (meta["description"], meta["image_type"]) == (f"rotated at {version}", "backup")
        assert meta["instance_uuid"] == server.id
    finally:
        cs.servers.delete(created.id)


@pytest.mark.parametrize(
    "version", ["2.1", "2.54", "2.55", "2.60", "2.61", "2.101", "2.102", "latest"]
)
def test_cli_flavor_list_columns(cli: Any, clouds: Any, version: str) -> None:
    rows = cli.json(clouds.env("noauth"), "--os-compute-api-version", version, "flavor-list")
    tiny = next(r for r in rows if r["ID"] == "1")
    assert ("Description" in tiny) is at_least(version, "2.55")
    if at_least(version, "2.102"):
        assert "RXTX_Factor" not in tiny  # Nova dropped the field at 2.102
    else:
        assert tiny["RXTX_Factor"] == 1.0


def test_legacy_header_only_before_2_27(clouds: Any) -> None:
    old = clouds.client("noauth", "2.1").api.get("/flavors")
    assert old.headers["X-OpenStack-Nova-API-Version"] == "2.1"
    new = clouds.client("noauth", "2.61").api.get("/flavors")
    assert new.headers["OpenStack-API-Version"] == "compute 2.61"


# -- 2.55: flavor descriptions --------------------------------------------------------------


def test_2_55_flavor_description(clouds: Any) -> None:
    old = clouds.client("noauth", "2.54")
    with pytest.raises(exceptions.UnsupportedAttribute):
        old.flavors.create(name("d"), 64, 1, 0, description="too early")
    with pytest.raises(exceptions.UnsupportedAttribute):
        old.flavors.update("1", "too early")
    cs = clouds.client("noauth", "2.55")
    flavor = cs.flavors.create(name("d"), 64, 1, 0, description="at 2.55")
    try:
        assert cs.flavors.get(flavor.id).description == "at 2.55"
        assert cs.flavors.update(flavor, "changed").description == "changed"
        assert "description" not in old.flavors.get(flavor.id)
    finally:
        cs.flavors.delete(flavor)


# -- 2.61: extra_specs in flavor bodies ----------------------------------------------------


def test_2_61_extra_specs_in_flavor_bodies(clouds: Any, cli: Any) -> None:
    admin = clouds.client("noauth", "2.61")
    flavor = admin.flavors.create(name("es"), 64, 1, 0)
    try:
        admin.flavors.set_keys(flavor, {"hw:cpu_policy": "shared"})
        assert admin.flavors.get(flavor.id).extra_specs == {"hw:cpu_policy": "shared"}
        assert "extra_specs" not in clouds.client("noauth", "2.60").flavors.get(flavor.id)
        env = clouds.env("noauth")
        for version, spec_requests in (("2.61", 0), ("2.60", 1)):
            out, err, rc = cli.run(
                env,
                [
                    "--timings",
                    "--os-compute-api-version",
                    version,
                    "flavor-list",
                    "--all",
                    "--extra-specs",
                    "-f",
                    "json",
                ],
            )
            assert rc == 0, err
            assert "os-extra_specs" in err if spec_requests else "os-extra_specs" not in err
            assert '"hw:cpu_policy": "shared"' in out
    finally:
        admin.flavors.delete(flavor)


# -- 2.75: unknown query parameters are rejected ---------------------------------------------


def test_2_75_server_rejects_unknown_query_parameters(clouds: Any) -> None:
    clouds.client("noauth", "2.74").api.get("/flavors", params={"bogus": "1"})
    with pytest.raises(exceptions.BadRequest):
        clouds.client("noauth", "2.75").api.get("/flavors", params={"bogus": "1"})


@pytest.mark.parametrize("version", ["2.75", "latest"])
def test_2_75_client_sends_no_unknown_query_parameters(
    clouds: Any, version: str, ssh_public_key: Any
) -> None:
    cs = clouds.client("noauth", version)
    cs.flavors.list(
        is_public=None, min_disk=0, min_ram=0, limit=5, marker="1", sort_key="name", sort_dir="asc"
    )
    cs.flavors.list(detailed=False, is_public=False)
    cs.servers.list(
        search_opts={
            "name": "x",
            "status": "ACTIVE",
            "flavor": "1",
            "all_tenants": True,
            "changes-since": "2020-01-01T00:00:00Z",
            "locked": False,
            "tags": ["a"],
            "not-tags-any": ["b"],
            "ip": "10.",
            "image": "x",
            "availability_zone": "nova",
        },
        sort_keys=["display_name", "created_at"],
        sort_dirs=["asc", "desc"],
        limit=3,
    )
    cs.servers.list(detailed=False, search_opts={"deleted": True, "all_tenants": True})
    kp = cs.keypairs.create(name("kp75"), ssh_public_key.read_text())
    try:
        cs.keypairs.list(user_id="admin", limit=2, marker=kp.name)
        cs.keypairs.get(kp.name, user_id="admin")
    finally:
        cs.keypairs.delete(kp.name, user_id="admin")
    cs.limits.get(project_id="admin")
    cs.server_groups.list(all_projects=True, limit=2, offset=0)
    cs.quotas.get("admin", user_id="admin", detail=True)
    cs.quotas.defaults("admin")
    cs.availability_zones.list(detailed=True)
    with pytest.raises(exceptions.UnsupportedAttribute):
        cs.limits.get(reserved=True)  # Nova would 400 on ?reserved=1 from 2.75


def test_2_74_limits_reserved_is_still_accepted(clouds: Any) -> None:
    assert "maxTotalCores" in clouds.client("noauth", "2.74").limits.get(reserved=True).absolute


def test_2_75_cli_sends_no_unknown_query_parameters(cli: Any, clouds: Any) -> None:
    env = clouds.env("noauth")
    pin = ["--os-compute-api-version", "2.75"]
    cli.ok(
        env,
        *pin,
        "list",
        "--name",
        "x",
        "--status",
        "ACTIVE",
        "--flavor",
        "m1.tiny",
        "--sort",
        "display_name:asc",
        "--limit",
        "5",
        "--all-tenants",
        "--changes-since",
        "2020-01-01T00:00:00Z",
        "--locked",
        "false",
        "--tags",
        "a",
        "--key-name",
        "k",
    )
    cli.ok(
        env,
        *pin,
        "flavor-list",
        "--all",
        "--min-disk",
        "0",
        "--min-ram",
        "0",
        "--limit",
        "3",
        "--sort-key",
        "name",
        "--sort-dir",
        "asc",
    )
    cli.ok(env, *pin, "limits", "--tenant", "admin")
    cli.ok(env, *pin, "keypair-list", "--limit", "2")
    cli.ok(env, *pin, "server-group-list", "--all-projects", "--limit", "2", "--offset", "0")
    cli.ok(env, *pin, "quota-show", "--tenant", "admin", "--detail")
    line = cli.fail(env, *pin, "limits", "--reserved")
    assert line.startswith("ERROR (UnsupportedAttribute): '--reserved'")


# -- 2.102: rxtx_factor removed -----------------------------------------------------------


def test_2_102_flavor_create_without_rxtx_factor(clouds: Any, cli: Any) -> None:
    cs = clouds.client("noauth", "2.102")
    flavor = cs.flavors.create(name("rx"), 64, 1, 0)
    try:
        assert "rxtx_factor" not in flavor and "OS-FLV-DISABLED:disabled" not in flavor
    finally:
        cs.flavors.delete(flavor)
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        cs.flavors.create(name("rx"), 64, 1, 0, rxtx_factor=2.0)
    assert info.value.code is None  # refused by the client: nothing was sent
    old = clouds.client("noauth", "2.101")
    flavor = old.flavors.create(name("rx"), 64, 1, 0, rxtx_factor=2.0)
    try:
        assert flavor.rxtx_factor == 2.0
    finally:
        old.flavors.delete(flavor)
    env = clouds.env("noauth")
    line = cli.fail(
        env,
        "--os-compute-api-version",
        "2.102",
        "flavor-create",
        name("rx"),
        "auto",
        "64",
        "0",
        "1",
        "--rxtx-factor",
        "2",
    )
    assert line.startswith("ERROR (UnsupportedAttribute): '--rxtx-factor' needs compute API")
    flavor_name = name("rx")
    created = cli.json(
        env,
        "--os-compute-api-version",
        "2.102",
        "flavor-create",
        flavor_name,
        "auto",
        "64",
        "0",
        "1",
    )
    assert created[0]["Name"] == flavor_name and "RXTX_Factor" not in created[0]
    cli.ok(env, "flavor-delete", flavor_name)


# -- latest ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["noauth", "keystone"])
@pytest.mark.parametrize("version", ["auto", "2.latest"])
def test_latest_is_the_servers_max_or_the_clients(clouds: Any, mode: str, version: str) -> None:
    cs = clouds.client(mode, version)
    server_max = cs.api.server_versions.max_version
    assert server_max == APIVersion(2, 104)
    assert cs.api_version == min(server_max, MAX_VERSION) == APIVersion(2, 104)
    response = cs.api.get("/flavors")
    assert response.headers["OpenStack-API-Version"] == "compute 2.104"


def test_cli_negotiates_latest(cli: Any, clouds: Any) -> None:
    for mode in ("noauth", "keystone"):
        _out, err, rc = cli.run(clouds.env(mode), ["--debug", "flavor-list", "--limit", "1"])
        assert rc == 0, err
        assert "compute 2.104" in err
        assert "Traceback" not in err


def test_cli_at_2_1_boots_and_backs_up(
    cli: Any, clouds: Any, devcloud: DevCloud, wait_server: Any, image_proxy: Any
) -> None:
    env = clouds.env("noauth")
    pin = ["--os-compute-api-version", "2.1"]
    line = cli.fail(
        env,
        *pin,
        "boot",
        "--image",
        devcloud.image_id,
        "--flavor",
        "1",
        "--nic",
        "none",
        name("old"),
    )
    assert line.startswith("ERROR (UnsupportedAttribute): ") and "2.37" in line
    server = cli.json(
        env, *pin, "boot", "--image", devcloud.image_id, "--flavor", "m1.tiny", name("old")
    )  # no networks key before 2.37
    try:
        wait_server(server["id"])
        assert cli.json(env, *pin, "show", server["id"])["flavor"] == "m1.tiny (1)"
        quick = cli.json(env, *pin, "backup-instance", server["id"], name("oldq"), "q21")
        wait_server(server["id"])
        rotated = cli.json(
            env, *pin, "backup-instance", "--rotation", "1", server["id"], name("oldr"), "r21"
        )
        wait_server(server["id"])
        assert image_proxy(quick["id"])["metadata"]["description"] == "q21"
        assert image_proxy(rotated["id"])["metadata"]["description"] == "r21"
    finally:
        cli.ok(env, "delete", server["id"])
