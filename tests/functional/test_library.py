"""The library (``novaclient_lite.Client``) against the real Nova API, on both ports.

Every test runs twice: ``noauth`` (``auth_token="admin:admin"`` with
``endpoint_override``) and ``keystone`` (a keystoneauth1 password session).
Servers are booted with ``networks="none"``; one server per auth mode is
shared by the action tests of this module (module-scoped fixture).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from novaclient_lite import Client, exceptions
from novaclient_lite.api_versions import MAX_VERSION, APIVersion
from tests.devcloud import DevCloud
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def server(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[Any]:
    """One ACTIVE server per auth mode, shared by the action tests (in file order)."""
    created = cs.servers.create(
        name("lib"), devcloud.image_id, "1", networks="none", metadata={"origin": "functional"}
    )
    assert created.get("adminPass")
    server = wait_server(created.id)
    yield server
    try:
        cs.servers.delete(server.id)
    except exceptions.NotFound:
        pass


# -- clients and discovery ----------------------------------------------------------------


def test_negotiates_the_newest_common_version(cs: Any) -> None:
    assert cs.api_version == min(MAX_VERSION, APIVersion(2, 104))


def test_client_from_plain_credentials(devcloud: DevCloud) -> None:
    creds = devcloud.credentials("admin")
    cs = Client(
        "2.latest",
        username=creds["OS_USERNAME"],
        password=creds["OS_PASSWORD"],
        project_name=creds["OS_PROJECT_NAME"],
        auth_url=creds["OS_AUTH_URL"],
        user_domain_name="Default",
        project_domain_name="Default",
        region_name="RegionOne",
    )
    assert cs.api.endpoint == devcloud.keystone_endpoint
    assert {f.name for f in cs.flavors.list()} >= {"m1.tiny", "m1.small"}


def test_versions(cs: Any) -> None:
    versions = {v.id: v for v in cs.versions.list()}
    assert versions["v2.1"].status == "CURRENT"
    assert versions["v2.1"].version == "2.104"
    current = cs.versions.get_current()
    assert (current.id, current.min_version, current.version) == ("v2.1", "2.1", "2.104")


# -- flavors ----------------------------------------------------------------------------


def test_flavor_list_get_find(cs: Any) -> None:
    flavors = cs.flavors.list()
    assert {f.id for f in flavors} >= {"1", "2", "3", "4", "5", "6"}
    assert flavors.request_ids and flavors.request_ids[0].startswith("req-")
    tiny = cs.flavors.get("1")
    assert (tiny.name, tiny.ram, tiny.vcpus, tiny.disk) == ("m1.tiny", 512, 1, 1)
    assert cs.flavors.find("m1.small").id == "2"
    assert [f.id for f in cs.flavors.list(min_ram=4096, sort_key="memory_mb", sort_dir="asc")] == [
        "3",
        "4",
        "5",
    ]
    assert len(cs.flavors.list(limit=2)) == 2
    summary = cs.flavors.list(detailed=False)
    assert "ram" not in summary[0]


def test_flavor_lifecycle_with_extra_specs_and_access(cs: Any, clouds: Any, mode: str) -> None:
    demo = clouds.client(mode, user="demo")
    demo_project = clouds.project_id(mode, "demo")
    flavor = cs.flavors.create(name("priv"), 128, 1, 1, is_public=False, description="first")
    try:
        assert flavor.is_public is False
        assert flavor.description == "first"
        assert cs.flavors.update(flavor, "second").description == "second"
        assert cs.flavors.find(flavor.name).id == flavor.id  # private: found as admin
        assert cs.flavors.get_keys(flavor) == {}
        specs = cs.flavors.set_keys(flavor, {"hw:cpu_policy": "dedicated", "custom:k": "v"})
        assert specs == {"hw:cpu_policy": "dedicated", "custom:k": "v"}
        cs.flavors.unset_keys(flavor, ["custom:k"])
        assert cs.flavors.get_keys(flavor) == {"hw:cpu_policy": "dedicated"}
        assert cs.flavors.get(flavor.id).extra_specs == {"hw:cpu_policy": "dedicated"}
        assert flavor.id in {f.id for f in cs.flavors.list(is_public=None)}
        assert flavor.id in {f.id for f in cs.flavors.list(is_public=False)}
        assert flavor.id not in {f.id for f in cs.flavors.list()}

        assert cs.flavors.access_list(flavor) == []
        with pytest.raises(exceptions.NotFound):
            demo.flavors.get(flavor.id)
        access = cs.flavors.add_access(flavor, demo_project)
        assert [(a.flavor_id, a.tenant_id) for a in access] == [(flavor.id, demo_project)]
        assert [a.tenant_id for a in cs.flavors.access_list(flavor)] == [demo_project]
        assert demo.flavors.get(flavor.id).name == flavor.name
        assert cs.flavors.remove_access(flavor, demo_project) == []
        with pytest.raises(exceptions.NotFound):
            demo.flavors.get(flavor.id)
    finally:
        cs.flavors.delete(flavor)
    with pytest.raises(exceptions.NotFound):
        cs.flavors.get(flavor.id)


def test_public_flavor_has_no_access_list(cs: Any) -> None:
    with pytest.raises(exceptions.NotFound):
        cs.flavors.access_list("1")


def test_flavor_create_with_explicit_id(cs: Any) -> None:
    flavor_id = name("id")
    flavor = cs.flavors.create(name("pub"), 64, 1, 0, flavor_id, ephemeral=1, swap=16)
    try:
        assert flavor.id == flavor_id
        got = cs.flavors.get(flavor_id)
        assert (got.id, got.ephemeral, got.swap, got.is_public) == (flavor_id, 1, 16, True)
    finally:
        cs.flavors.delete(flavor_id)


# -- servers ------------------------------------------------------------------------------


def test_server_get_list_find(cs: Any, server: Any) -> None:
    got = cs.servers.get(server.id)
    assert (got.name, got.status, got.metadata) == (server.name, "ACTIVE", {"origin": "functional"})
    assert got.networks == {}
    assert cs.servers.find(server.name).id == server.id
    assert cs.servers.find(server.id).name == server.name
    listed = cs.servers.list(search_opts={"name": server.name})
    assert [s.id for s in listed] == [server.id]
    brief = cs.servers.list(detailed=False, search_opts={"name": server.name})
    assert brief[0].name == server.name and "status" not in brief[0]
    assert server.id in {s.id for s in cs.servers.iter(search_opts={"status": "ACTIVE"})}


def test_server_update(cs: Any, server: Any) -> None:
    updated = cs.servers.update(server, description="described")
    assert updated.description == "described"
    new_name = server.name + "-renamed"
    assert cs.servers.update(server, name=new_name).name == new_name
    # python-novaclient's meaning: "" removes the description (None leaves it alone).
    cs.servers.update(server, name=server.name, description="")
    got = cs.servers.get(server.id)
    assert (got.name, got.description) == (server.name, None)


@pytest.mark.parametrize(
    ("action", "state", "undo", "back"),
    [
        ("stop", "SHUTOFF", "start", "ACTIVE"),
        ("pause", "PAUSED", "unpause", "ACTIVE"),
        ("suspend", "SUSPENDED", "resume", "ACTIVE"),
    ],
)
def test_power_actions(
    cs: Any, server: Any, wait_server: Any, action: str, state: str, undo: str, back: str
) -> None:
    result = getattr(cs.servers, action)(server)
    # python-novaclient's TupleWithMeta: (resp, None) for stop, () for the others
    if action == "stop":
        resp, body = result
        assert (resp.status_code, body) == (202, None)
    else:
        assert result == ()
    assert result.request_ids[0].startswith("req-")
    assert wait_server(server.id, state).status == state
    getattr(cs.servers, undo)(server)
    assert wait_server(server.id, back).status == back


def test_reboot_soft_and_hard(cs: Any, server: Any, wait_server: Any) -> None:
    cs.servers.reboot(server)
    wait_server(server.id)
    cs.servers.reboot(server, "HARD")
    assert wait_server(server.id)["OS-EXT-STS:power_state"] == 1


def test_lock_unlock(cs: Any, server: Any) -> None:
    cs.servers.lock(server, reason="maintenance")
    got = cs.servers.get(server.id)
    assert (got.locked, got.locked_reason) == (True, "maintenance")
    cs.servers.unlock(server)
    assert cs.servers.get(server.id).locked is False


def test_rescue_unrescue(cs: Any, server: Any, wait_server: Any) -> None:
    _response, body = cs.servers.rescue(server, password="Rescue-pass-1")
    assert body == {"adminPass": "Rescue-pass-1"}
    wait_server(server.id, "RESCUE")
    cs.servers.unrescue(server)
    wait_server(server.id)
    assert isinstance(cs.servers.rescue(server)[1]["adminPass"], str)  # Nova generates one
    wait_server(server.id, "RESCUE")
    cs.servers.unrescue(server)
    wait_server(server.id)


def test_rebuild(cs: Any, server: Any, devcloud: DevCloud, wait_server: Any) -> None:
    rebuilt = cs.servers.rebuild(
        server,
        devcloud.image_id,
        name=server.name,
        description="rebuilt",
        metadata={"after": "rebuild"},
    )
    assert rebuilt.id == server.id
    got = wait_server(server.id)
    assert (got.description, got.metadata) == ("rebuilt", {"after": "rebuild"})
    assert got.image["id"] == devcloud.image_id


def test_metadata(cs: Any, server: Any) -> None:
    assert cs.servers.set_meta(server, {"a": "1", "b": "2"})["a"] == "1"
    cs.servers.delete_meta(server, ["a"])
    meta = cs.servers.get(server.id).metadata
    assert "a" not in meta and meta["b"] == "2"
    with pytest.raises(exceptions.NotFound):
        cs.servers.delete_meta(server, ["no-such-key"])


def test_console_output(cs: Any, server: Any) -> None:
    text = cs.servers.get_console_output(server)
    assert "FAKE CONSOLE OUTPUT" in text
    assert cs.servers.get_console_output(server, length=1).strip() == text.splitlines()[-1]


def test_create_image_and_backup(cs: Any, server: Any, wait_server: Any, image_proxy: Any) -> None:
    snap = cs.servers.create_image(server, name("snap"), {"purpose": "test"})
    wait_server(server.id)
    backup = cs.servers.backup(server, name("bk"), "weekly", 2)["image_id"]  # 2.45+
    wait_server(server.id)
    assert snap != backup
    image = image_proxy(snap)
    assert image["metadata"]["purpose"] == "test"
    assert image["metadata"]["image_type"] == "snapshot"
    assert image_proxy(backup)["metadata"]["backup_type"] == "weekly"


def test_resize_confirm_and_revert(
    cs: Any, server: Any, wait_server: Any, hypervisor_count: int
) -> None:
    if hypervisor_count < 2:
        pytest.skip(
            "the devcloud fixture starts ONE compute host and Nova cannot resize to "
            "the same host (No valid host); start it with compute_hosts=2"
        )
    cs.servers.resize(server, "2")
    wait_server(server.id, "VERIFY_RESIZE")
    cs.servers.confirm_resize(server)
    assert wait_server(server.id).flavor["original_name"] == "m1.small"
    cs.servers.resize(server, cs.flavors.find("m1.tiny"))
    wait_server(server.id, "VERIFY_RESIZE")
    cs.servers.revert_resize(server)
    assert wait_server(server.id).flavor["original_name"] == "m1.small"


def test_delete_servers(cs: Any, devcloud: DevCloud, wait_server: Any) -> None:
    ids = [
        cs.servers.create(name("del"), devcloud.image_id, "1", networks="none").id for _ in range(2)
    ]
    for server_id in ids:
        wait_server(server_id)
    for server_id in ids:
        assert cs.servers.delete(server_id)[0].startswith("req-")
    for server_id in ids:
        wait_server(server_id, "DELETED")
    with pytest.raises(exceptions.NotFound):
        cs.servers.get(ids[0])


# -- keypairs, limits, quotas, zones, server groups --------------------------------------


def test_keypairs(clouds: Any, mode: str, ssh_public_key: Path) -> None:
    cs = clouds.client(mode)
    imported = cs.keypairs.create(name("kp"), ssh_public_key.read_text(), key_type="ssh")
    old = clouds.client(mode, "2.91")
    generated = old.keypairs.create(name("gen"))
    try:
        assert imported.get("private_key") is None
        assert generated.private_key.startswith("-----BEGIN")
        assert imported.public_key.split()[:2] == ssh_public_key.read_text().split()[:2]
        names = {k.name for k in cs.keypairs.list()}
        assert {imported.name, generated.name} <= names
        assert len(cs.keypairs.list(limit=1)) == 1
        got = cs.keypairs.get(imported.name)
        assert (got.name, got.type, got.fingerprint) == (imported.name, "ssh", imported.fingerprint)
        with pytest.raises(exceptions.ValidationError):
            cs.keypairs.create(name("nokey"))  # 2.92+: Nova no longer generates keys
    finally:
        cs.keypairs.delete(imported)
        cs.keypairs.delete(generated.name)
    with pytest.raises(exceptions.NotFound):
        cs.keypairs.get(imported.name)


def test_limits(cs: Any) -> None:
    limits = cs.limits.get()
    assert limits.absolute["maxTotalInstances"] == 500  # raised by the clouds fixture
    assert "totalCoresUsed" in limits.absolute
    assert limits.rate == []


def test_quotas(cs: Any, clouds: Any, mode: str) -> None:
    project = clouds.project_id(mode)
    quotas = cs.quotas.get(project)
    assert (quotas.instances, quotas.cores) == (500, 1000)
    detail = cs.quotas.get(project, detail=True)
    assert set(detail.instances) >= {"limit", "in_use", "reserved"}
    defaults = cs.quotas.defaults(project)
    assert (defaults.instances, defaults.cores) == (10, 20)
    assert cs.quotas.update(project, metadata_items=129).metadata_items == 129
    assert cs.quotas.update(project, metadata_items=128).metadata_items == 128


def test_availability_zones(cs: Any) -> None:
    zones = cs.availability_zones.list(detailed=False)  # python-novaclient's default is True
    assert [(z.name, z.available) for z in zones] == [("nova", True)]
    detailed = {z.name: z for z in cs.availability_zones.list(detailed=True)}
    assert {"internal", "nova"} <= set(detailed)
    assert detailed["nova"].hosts


def test_server_groups(cs: Any) -> None:
    group = cs.server_groups.create(name("sg"), "anti-affinity", {"max_server_per_host": 2})
    try:
        assert (group.policy, group.rules) == ("anti-affinity", {"max_server_per_host": 2})
        assert group.id in {g.id for g in cs.server_groups.list()}
        assert cs.server_groups.get(group.id).name == group.name
        assert cs.server_groups.find(group.name).id == group.id
        assert len(cs.server_groups.list(limit=1)) == 1
    finally:
        cs.server_groups.delete(group)
    with pytest.raises(exceptions.NotFound):
        cs.server_groups.get(group.id)


def test_wait_for_active_then_for_deletion(cs: Any, devcloud: DevCloud) -> None:
    created = cs.servers.create(name("wait"), devcloud.image_id, "1", networks="none")
    server = cs.servers.wait(created, "ACTIVE", timeout=120)
    assert server.status == "ACTIVE" and server.id == created.id
    assert not server["OS-EXT-STS:task_state"]
    image_id = cs.servers.backup_instance(server, name("snap"), "waited for")
    assert cs.servers.wait(server, timeout=120).status == "ACTIVE"  # the snapshot finished
    assert image_id
    cs.servers.delete(server)
    assert cs.servers.wait(server, deleted=True, timeout=120) is None
    with pytest.raises(exceptions.NotFound):
        cs.servers.get(server.id)
