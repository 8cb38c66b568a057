"""Moves on the real Nova (two fake-driver compute hosts): migrate, live-migration,
the migration records, force-complete/abort, evacuate and the host-wide moves.

Two servers of this module's own are booted once, on one host, and moved back
and forth: the tests run in order, each from the state the previous one left.
The host-wide commands run only on a host that holds nothing but them.  The dev
cloud holds a live migration running while the server has ``HOLD`` metadata,
so force-complete and abort act on a migration that is really in progress.
Library calls set up and check; the ``nova`` command runs what is tested.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from novaclient_lite import exceptions
from tests.functional.conftest import Cli, Clouds, table, unique

#: Server metadata that makes the dev cloud hold a live migration running
#: until force-complete or abort (tests/devcloud/server_nova.py).
HOLD = "devcloud-hold-live-migration"
SERVER_MIGRATION_COLUMNS = [
    "Id",
    "Source Node",
    "Dest Node",
    "Source Compute",
    "Dest Compute",
    "Dest Host",
    "Status",
    "Server UUID",
    "Created At",
    "Updated At",
    "Project ID",
    "User ID",
    "Total Memory Bytes",
    "Processed Memory Bytes",
    "Remaining Memory Bytes",
    "Total Disk Bytes",
    "Processed Disk Bytes",
    "Remaining Disk Bytes",
]


@pytest.fixture(scope="module")
def menv(clouds: Clouds) -> dict[str, str]:
    """``nova`` as admin on the noauth port (moves are admin-only)."""
    return dict(clouds.env("noauth"))


@pytest.fixture(scope="module")
def nodes(admin_cs: Any) -> dict[str, str]:
    """Compute host -> its hypervisor (node) name: ``compute`` runs ``fake-mini``."""
    body = admin_cs.api.get("/os-hypervisors/detail").body["hypervisors"]
    found = {h["service"]["host"]: h["hypervisor_hostname"] for h in body}
    assert len(found) == 2, found
    return found


@pytest.fixture(scope="module")
def vms(
    admin_cs: Any, devcloud: Any, nodes: dict[str, str], wait_server: Callable[..., Any]
) -> Iterator[list[str]]:
    """Two ACTIVE servers of this module, both on the first host; deleted at its end
    (by the last test already)."""
    zone = f"nova:{sorted(nodes)[0]}"  # an admin may name the host
    ids = [
        admin_cs.servers.create(
            unique("move"), devcloud.image_id, "1", networks="none", availability_zone=zone
        ).id
        for _ in range(2)
    ]
    try:
        for server_id in ids:
            wait_server(server_id)
        yield ids
    finally:
        for server_id in ids:
            delete_quietly(admin_cs, server_id)


def delete_quietly(admin_cs: Any, server_id: str) -> None:
    try:
        admin_cs.servers.delete(server_id)
    except exceptions.NotFound:
        pass


def settle(wait_server: Callable[..., Any], vm: str, status: str = "ACTIVE", *, host: str) -> None:
    """Wait until the server is ``status`` (no task) on ``host``: an evacuated server
    is SHUTOFF a moment before Nova records its new host."""
    deadline = time.monotonic() + 30
    while (found := wait_server(vm, status)["OS-EXT-SRV-ATTR:host"]) != host:
        if time.monotonic() > deadline:
            pytest.fail(f"{vm} is {status} on {found}, not on {host}")
        time.sleep(0.05)


def host_of(admin_cs: Any, server_id: str) -> str:
    return str(admin_cs.servers.get(server_id)["OS-EXT-SRV-ATTR:host"])


def other(nodes: dict[str, str], host: str) -> str:
    return next(h for h in nodes if h != host)


def running_migration(admin_cs: Any, vm: str, timeout: float = 30) -> str:
    """The id of the server's live migration, once Nova reports it running (polled)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for migration in admin_cs.server_migrations.list(vm):
            if migration.status == "running":
                return str(migration.id)
        time.sleep(0.05)
    pytest.fail(f"no running live migration of {vm} after {timeout}s")


def no_migration_in_progress(admin_cs: Any, vm: str, timeout: float = 30) -> None:
    """Wait until Nova lists no in-progress migration of the server: a forced or
    aborted one is listed a moment after the server has settled on its host."""
    deadline = time.monotonic() + timeout
    while admin_cs.server_migrations.list(vm):
        if time.monotonic() > deadline:
            pytest.fail(f"{vm} still has a migration in progress after {timeout}s")
        time.sleep(0.05)


def test_live_migration_abort_and_force_complete(
    cli: Cli,
    menv: dict[str, str],
    admin_cs: Any,
    vms: list[str],
    nodes: dict[str, str],
    wait_server: Callable[..., Any],
) -> None:
    vm = vms[0]
    source = host_of(admin_cs, vm)
    target = other(nodes, source)
    admin_cs.servers.set_meta(vm, {HOLD: "true"})  # the dev cloud holds it running
    try:
        assert cli.ok(menv, "live-migration", vm, target) == ""
        held = running_migration(admin_cs, vm)
        header, rows = table(cli.ok(menv, "server-migration-list", vm))
        assert header == SERVER_MIGRATION_COLUMNS
        assert [(r[0], r[3], r[4], r[6], r[7]) for r in rows] == [
            (held, source, target, "running", vm)
        ]
        shown = cli.json(menv, "server-migration-show", vm, held)
        assert (shown["status"], shown["server_uuid"]) == ("running", vm)
        assert cli.ok(menv, "live-migration-abort", vm, held) == ""
        settle(wait_server, vm, host=source)
        assert cli.ok(menv, "live-migration", vm, target) == ""
        forced = running_migration(admin_cs, vm)
        assert cli.ok(menv, "live-migration-force-complete", vm, forced) == ""
        settle(wait_server, vm, host=target)
    finally:
        admin_cs.servers.delete_meta(vm, [HOLD])
        for migration in admin_cs.server_migrations.list(vm):  # a failed step left one held
            try:
                admin_cs.server_migrations.live_migration_abort(vm, migration.id)
            except exceptions.Conflict:
                pass  # it ended between the listing and the abort: nothing is held
    no_migration_in_progress(admin_cs, vm)
    records = cli.json(
        menv,
        "migration-list",
        "--instance-uuid",
        vm,
        "--migration-type",
        "live-migration",
        "--limit",
        "2",
    )
    assert [
        (str(r["Id"]), r["Status"], r["Source Compute"], r["Dest Compute"]) for r in records
    ] == [
        (forced, "completed", source, target),
        (held, "cancelled", source, target),
    ]
    assert (records[0]["Source Node"], records[0]["Type"]) == (nodes[source], "live-migration")
    refused = cli.fail(menv, "live-migration-abort", vm, forced)
    assert refused.startswith(
        f"ERROR (Conflict): Instance {vm} is in an invalid state for 'abort live migration'"
    ), refused


def test_migrate_to_a_host_then_confirm(
    cli: Cli,
    menv: dict[str, str],
    admin_cs: Any,
    vms: list[str],
    nodes: dict[str, str],
    wait_server: Callable[..., Any],
) -> None:
    vm = vms[0]
    target = other(nodes, host_of(admin_cs, vm))
    assert cli.ok(menv, "migrate", vm, "--host", target, "--wait") == (
        f"Server {vm} is VERIFY_RESIZE; confirm with 'nova resize-confirm {vm}'.\n"
    )
    cli.ok(menv, "resize-confirm", vm)
    settle(wait_server, vm, host=target)
    (record,) = admin_cs.migrations.list(instance_uuid=vm, migration_type="migration")
    assert (record.dest_compute, record.status) == (target, "confirmed")


def on_one_host(admin_cs: Any, vms: list[str], nodes: dict[str, str]) -> str:
    """The host that holds both servers and nothing else (else the test is skipped)."""
    hosts = {host_of(admin_cs, vm) for vm in vms}
    assert len(hosts) == 1, f"the servers are on {hosts}: an earlier test failed"
    (host,) = hosts
    held = set()
    for hyper in admin_cs.hypervisors.search(nodes[host], servers=True):
        held |= {s["uuid"] for s in hyper.get("servers") or []}
    if held != set(vms):
        pytest.skip(f"{host} also holds servers of other tests: {sorted(held - set(vms))}")
    return host


def rows_of(out: str, accepted: str) -> set[tuple[str, ...]]:
    header, rows = table(out)
    assert header == ["Server UUID", accepted, "Error Message"], header
    return {tuple(r) for r in rows}


def test_host_evacuate_live(
    cli: Cli,
    menv: dict[str, str],
    admin_cs: Any,
    vms: list[str],
    nodes: dict[str, str],
    wait_server: Callable[..., Any],
) -> None:
    source = on_one_host(admin_cs, vms, nodes)
    out = cli.ok(menv, "host-evacuate-live", nodes[source], "--strict", "--max-servers", "2")
    assert rows_of(out, "Live Migration Accepted") == {(vm, "True", "") for vm in vms}
    for vm in vms:
        settle(wait_server, vm, host=other(nodes, source))


def test_host_servers_migrate(
    cli: Cli,
    menv: dict[str, str],
    admin_cs: Any,
    vms: list[str],
    nodes: dict[str, str],
    wait_server: Callable[..., Any],
) -> None:
    source = on_one_host(admin_cs, vms, nodes)
    out = cli.ok(menv, "host-servers-migrate", nodes[source], "--strict")
    assert rows_of(out, "Migration Accepted") == {(vm, "True", "") for vm in vms}
    for vm in vms:
        wait_server(vm, "VERIFY_RESIZE")
        admin_cs.servers.confirm_resize(vm)
    for vm in vms:
        settle(wait_server, vm, host=other(nodes, source))


def force_down(admin_cs: Any, host: str, down: bool) -> None:
    (service,) = admin_cs.services.list(host=host, binary="nova-compute")
    admin_cs.services.force_down(service.id, down)


def test_evacuate_then_host_evacuate(
    cli: Cli,
    menv: dict[str, str],
    admin_cs: Any,
    vms: list[str],
    nodes: dict[str, str],
    wait_server: Callable[..., Any],
) -> None:
    """Last: Nova forces a host up again only once its evacuated servers are gone
    (or its compute service restarted), so the servers are deleted here."""
    source = on_one_host(admin_cs, vms, nodes)
    target = other(nodes, source)
    force_down(admin_cs, source, True)  # evacuate needs a failed host
    try:
        assert cli.ok(menv, "evacuate", vms[0]) == ""  # from 2.14 Nova returns no password
        # NOTE: from 2.95 an evacuated server is stopped on its new host.
        settle(wait_server, vms[0], "SHUTOFF", host=target)
        out = cli.ok(menv, "host-evacuate", nodes[source], "--strict")
        assert rows_of(out, "Evacuate Accepted") == {(vms[1], "True", "")}
        settle(wait_server, vms[1], "SHUTOFF", host=target)
    finally:
        for vm in vms:
            delete_quietly(admin_cs, vm)
        for vm in vms:
            wait_server(vm, "DELETED")
        force_down(admin_cs, source, False)
