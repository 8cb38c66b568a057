"""The operator's commands on the real Nova: aggregates, services, hypervisors, agents,
host-meta (the dev cloud runs two nova-compute hosts with real hypervisor records)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.functional.conftest import table
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def hosts(admin_cs: Any) -> list[str]:
    """The compute hosts, sorted (two in the dev cloud)."""
    found = sorted(s.host for s in admin_cs.services.list(binary="nova-compute"))
    assert len(found) >= 2, found
    return found


@pytest.fixture(scope="module")
def nodes(admin_cs: Any) -> dict[str, str]:
    """Hypervisor hostname -> service host, as the raw API answers (they differ here)."""
    body = admin_cs.api.get("/os-hypervisors/detail").body["hypervisors"]
    return {h["hypervisor_hostname"]: h["service"]["host"] for h in body}


# -- aggregates ------------------------------------------------------------------------


def test_aggregate_lifecycle(cli: Any, env: dict[str, str], hosts: list[str]) -> None:
    agg, zone = name("agg"), name("az")
    header, rows = table(cli.ok(env, "aggregate-create", agg, zone))
    assert header == ["Id", "Name", "Availability Zone", "Hosts", "Metadata", "UUID"]
    assert rows[0][1:5] == [agg, zone, "", ""]  # Nova's create answer has no metadata yet
    agg_id = rows[0][0]
    try:
        added = cli.ok(env, "aggregate-add-host", agg, hosts[0])
        assert added.splitlines()[0] == (
            f"Host {hosts[0]} has been successfully added for aggregate {agg_id} "
        )
        assert cli.ok(env, "aggregate-set-metadata", agg, "ssd=true", "tier=gold")
        shown = cli.json(env, "aggregate-show", agg_id)
        assert shown[0]["Hosts"] == f"'{hosts[0]}'"
        assert shown[0]["Metadata"] == f"'availability_zone={zone}', 'ssd=true', 'tier=gold'"
        assert cli.fail(env, "aggregate-set-metadata", agg, "ssd=true") == (
            "ERROR (CommandError): metadata already exists"
        )
        cli.ok(env, "aggregate-set-metadata", agg, "tier")
        listed = {a["Name"]: a for a in cli.json(env, "aggregate-list")}
        assert listed[agg]["Availability Zone"] == zone
        assert "tier=" not in cli.json(env, "aggregate-show", agg)[0]["Metadata"]
        renamed = name("agg2")
        cli.ok(env, "aggregate-update", agg, "--name", renamed)
        agg = renamed
        cli.ok(env, "aggregate-remove-host", agg, hosts[0])
        assert cli.json(env, "aggregate-show", agg)[0]["Hosts"] == ""
    finally:
        deleted = cli.ok(env, "aggregate-delete", agg_id)
    assert deleted == f"Aggregate {agg_id} has been successfully deleted.\n"
    assert cli.fail(env, "aggregate-show", agg) == (
        f"ERROR (ResourceNotFound): No aggregate with a name or ID of '{agg}' exists."
    )


# -- services --------------------------------------------------------------------------


def test_service_list(cli: Any, env: dict[str, str], hosts: list[str]) -> None:
    header, rows = table(cli.ok(env, "service-list", "--binary", "nova-compute"))
    assert header == [
        "Id",
        "Binary",
        "Host",
        "Zone",
        "Status",
        "State",
        "Updated_at",
        "Disabled Reason",
        "Forced down",
    ]
    assert sorted(r[2] for r in rows) == hosts
    assert {(r[1], r[4], r[5]) for r in rows} == {("nova-compute", "enabled", "up")}
    one = cli.json(env, "service-list", "--host", hosts[1])
    assert {s["Host"] for s in one} == {hosts[1]}


@pytest.fixture
def enabled_again(cli: Any, env: dict[str, str], hosts: list[str]) -> Iterator[None]:
    yield
    cli.run(env, ["service-enable", hosts[0]])
    cli.run(env, ["service-force-down", "--unset", hosts[0]])


def test_disabled_host_gets_no_server(
    cli: Any,
    env: dict[str, str],
    hosts: list[str],
    devcloud: Any,
    admin_cs: Any,
    wait_server: Any,
    enabled_again: None,
) -> None:
    shown = cli.json(env, "service-disable", hosts[0], "--reason", "maintenance")
    assert [(s["Host"], s["Status"], s["Disabled Reason"]) for s in shown] == [
        (hosts[0], "disabled", "maintenance")
    ]
    booted = []
    try:
        for _ in range(2):
            vm = cli.json(
                env,
                "boot",
                "--image",
                devcloud.image_id,
                "--flavor",
                "m1.tiny",
                "--nic",
                "none",
                name("sched"),
            )
            booted.append(vm["id"])
        landed = {wait_server(i, "ACTIVE")["OS-EXT-SRV-ATTR:host"] for i in booted}
        assert landed == {hosts[1]}
    finally:
        for server_id in booted:
            admin_cs.servers.delete(server_id)
    header, rows = table(cli.ok(env, "service-enable", hosts[0]))
    assert header == ["ID", "Host", "Binary", "Status"]
    assert rows[0][1:] == [hosts[0], "nova-compute", "enabled"]


def test_service_force_down_and_up(
    cli: Any, env: dict[str, str], hosts: list[str], enabled_again: None
) -> None:
    down = cli.json(env, "service-force-down", hosts[0])
    assert [(s["Host"], s["Forced down"]) for s in down] == [(hosts[0], True)]
    state = cli.json(env, "service-list", "--host", hosts[0], "--binary", "nova-compute")
    assert [(s["State"], s["Forced down"]) for s in state] == [("down", True)]
    up = cli.json(env, "service-force-down", "--unset", hosts[0])
    assert [s["Forced down"] for s in up] == [False]
    old = cli.json(
        env, "--os-compute-api-version", "2.52", "service-force-down", "--unset", hosts[0]
    )
    assert old == [{"Host": hosts[0], "Binary": "nova-compute", "Forced down": False}]


def test_service_delete_refuses_a_bad_id_without_sending(cli: Any, env: dict[str, str]) -> None:
    assert cli.fail(env, "service-delete", "42") == (
        "ERROR (ValidationError): Service id must be a UUID from microversion 2.53; got '42'."
    )


# -- hypervisors -----------------------------------------------------------------------


def test_hypervisor_list_show_servers(
    cli: Any,
    env: dict[str, str],
    nodes: dict[str, str],
    devcloud: Any,
    admin_cs: Any,
    wait_server: Any,
) -> None:
    header, rows = table(cli.ok(env, "hypervisor-list"))
    assert header == ["ID", "Hypervisor hostname", "State", "Status"]
    assert sorted(r[1] for r in rows) == sorted(nodes)
    assert {(r[2], r[3]) for r in rows} == {("up", "enabled")}
    first = cli.json(env, "hypervisor-list", "--limit", "1")
    assert len(first) == 1
    rest = cli.json(env, "hypervisor-list", "--marker", first[0]["ID"])
    assert sorted(h["Hypervisor hostname"] for h in first + rest) == sorted(nodes)
    node = sorted(nodes)[-1]
    matching = cli.json(env, "hypervisor-list", "--matching", node)
    assert [h["Hypervisor hostname"] for h in matching] == [node]
    shown = cli.json(env, "hypervisor-show", node)
    assert (shown["hypervisor_hostname"], shown["service_host"]) == (node, nodes[node])
    assert cli.json(env, "hypervisor-uptime", shown["id"])["hypervisor_hostname"] == node
    vm = admin_cs.servers.create(name("onhyp"), devcloud.image_id, "1", networks="none")
    try:
        on = wait_server(vm.id, "ACTIVE")["OS-EXT-SRV-ATTR:hypervisor_hostname"]
        servers = cli.json(env, "hypervisor-servers", on)
        mine = [s for s in servers if s["ID"] == vm.id]
        # NOTE: Nova names each server by its instance name here (instance-0000000N).
        assert [(s["Name"][:9], s["Hypervisor ID"], s["Hypervisor Hostname"]) for s in mine] == [
            ("instance-", next(r[0] for r in rows if r[1] == on), on)
        ]
    finally:
        admin_cs.servers.delete(vm.id)


def test_hypervisor_stats_until_2_87(cli: Any, env: dict[str, str], hosts: list[str]) -> None:
    stats = cli.json(env, "--os-compute-api-version", "2.87", "hypervisor-stats")
    assert stats["count"] == len(hosts)
    assert "2.87" in cli.fail(env, "hypervisor-stats")


# -- agents and host-meta --------------------------------------------------------------


def test_agents_say_the_api_is_gone(cli: Any, env: dict[str, str]) -> None:
    for argv in (
        ["agent-list"],
        ["agent-delete", "1"],
        ["--os-compute-api-version", "2.1", "agent-list"],
    ):
        assert cli.fail(env, *argv) == (
            "ERROR (APIRemoved): Nova removed the os-agents API in 22.0.0 (Victoria), "
            "with the XenAPI driver; there are no agent builds to manage."
        )


def test_host_meta_set_and_delete(
    cli: Any, env: dict[str, str], devcloud: Any, admin_cs: Any, wait_server: Any
) -> None:
    vm = admin_cs.servers.create(name("meta"), devcloud.image_id, "1", networks="none")
    try:
        host = wait_server(vm.id, "ACTIVE")["OS-EXT-SRV-ATTR:hypervisor_hostname"]
        out = cli.ok(env, "host-meta", host, "set", "rack=r1", "--strict")
        assert f"Metadata set on server {vm.id}." in out.splitlines()
        assert admin_cs.servers.get(vm.id).metadata["rack"] == "r1"
        out = cli.ok(env, "host-meta", host, "delete", "rack", "--strict")
        assert f"Metadata deleted from server {vm.id}." in out.splitlines()
        assert "rack" not in admin_cs.servers.get(vm.id).metadata
    finally:
        admin_cs.servers.delete(vm.id)
    assert cli.fail(env, "host-meta", "no-such-host", "set", "a=b", "--strict").startswith(
        "ERROR ("
    )


def test_aggregate_cache_images(
    cli: Any, env: dict[str, str], hosts: list[str], devcloud: Any
) -> None:
    agg = name("cache")
    agg_id = table(cli.ok(env, "aggregate-create", agg))[1][0][0]
    try:
        cli.ok(env, "aggregate-add-host", agg, hosts[0])
        assert cli.ok(env, "aggregate-cache-images", agg, devcloud.image_id) == ""
        assert cli.ok(env, "aggregate-cache-images", agg, devcloud.image_name) == ""
        assert cli.fail(env, "aggregate-cache-images", agg, "no-such-image") == (
            "ERROR (ResourceNotFound): No image with a name or ID of 'no-such-image' exists."
        )
        assert "2.81" in cli.fail(
            env,
            "--os-compute-api-version",
            "2.80",
            "aggregate-cache-images",
            agg,
            devcloud.image_id,
        )
        cli.ok(env, "aggregate-remove-host", agg, hosts[0])
    finally:
        cli.ok(env, "aggregate-delete", agg_id)
