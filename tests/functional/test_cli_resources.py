"""``nova`` flavor, keypair, limit, quota, zone, server-group and version commands
against the real Nova API, on both ports (noauth admin_token and keystone password).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.functional.conftest import table
from tests.functional.conftest import unique as name

# NOTE: no RXTX_Factor: Nova dropped it at 2.102 and the negotiated version is 2.104.
FLAVOR_HEADER = [
    "ID",
    "Name",
    "Memory_MiB",
    "Disk",
    "Ephemeral",
    "Swap",
    "VCPUs",
    "Is_Public",
    "Description",
]
DEFAULT_FLAVORS = ["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge", "m1.tiny.specs"]


# -- flavors ----------------------------------------------------------------------------


def test_flavor_list_table(cli: Any, env: dict[str, str]) -> None:
    header, rows = table(cli.ok(env, "flavor-list"))
    assert header == FLAVOR_HEADER
    tiny = next(r for r in rows if r[1] == "m1.tiny")
    assert tiny == ["1", "m1.tiny", "512", "1", "0", "0", "1", "True", "-"]
    listed = cli.json(env, "flavor-list")
    assert [f["Name"] for f in listed if f["Name"] in DEFAULT_FLAVORS] == DEFAULT_FLAVORS
    assert listed[0] == {
        "ID": "1",
        "Name": "m1.tiny",
        "Memory_MiB": 512,
        "Disk": 1,
        "Ephemeral": 0,
        "Swap": 0,
        "VCPUs": 1,
        "Is_Public": True,
        "Description": None,
    }


def test_flavor_list_options(cli: Any, env: dict[str, str]) -> None:
    assert [f["ID"] for f in cli.json(env, "flavor-list", "--limit", "2")] == ["1", "2"]
    big = cli.json(
        env, "flavor-list", "--min-ram", "4096", "--sort-key", "memory_mb", "--sort-dir", "desc"
    )
    assert [f["Name"] for f in big] == ["m1.xlarge", "m1.large", "m1.medium"]
    specs = cli.json(env, "flavor-list", "--extra-specs", "--marker", "5")
    assert "5" not in {f["ID"] for f in specs}
    assert [f["extra_specs"] for f in specs if f["ID"] == "6"] == [{"hw:numa_nodes": "1"}]


def test_flavor_show(cli: Any, env: dict[str, str]) -> None:
    shown = cli.json(env, "flavor-show", "m1.small")
    assert (shown["id"], shown["ram"], shown["vcpus"], shown["disk"]) == ("2", 2048, 1, 20)
    assert shown["extra_specs"] == {}
    header, rows = table(cli.ok(env, "flavor-show", "2"))
    assert header == ["Property", "Value"]
    assert ["name", "m1.small"] in rows


def test_flavor_lifecycle(cli: Any, env: dict[str, str], clouds: Any, mode: str) -> None:
    flavor = name("cliflv")
    demo_env = clouds.env(mode, "demo")
    demo_project = clouds.project_id(mode, "demo")
    header, rows = table(
        cli.ok(
            env,
            "flavor-create",
            flavor,
            "auto",
            "128",
            "1",
            "2",
            "--is-public",
            "false",
            "--description",
            "one",
            "--ephemeral",
            "1",
            "--swap",
            "32",
        )
    )
    assert header == FLAVOR_HEADER
    flavor_id = rows[0][0]
    assert rows[0][1:] == [flavor, "128", "1", "1", "32", "2", "False", "one"]
    try:
        updated = cli.json(env, "flavor-update", flavor, "two")
        assert [(f["ID"], f["Description"]) for f in updated] == [(flavor_id, "two")]
        assert (
            cli.ok(env, "flavor-key", flavor, "set", "hw:cpu_policy=dedicated", "custom:a=b=c")
            == ""
        )
        shown = cli.json(env, "flavor-show", flavor)
        assert shown["extra_specs"] == {"hw:cpu_policy": "dedicated", "custom:a": "b=c"}
        assert shown["os-flavor-access:is_public"] is False
        cli.ok(env, "flavor-key", flavor_id, "unset", "custom:a")
        assert cli.json(env, "flavor-show", flavor)["extra_specs"] == {"hw:cpu_policy": "dedicated"}
        assert flavor in {f["Name"] for f in cli.json(env, "flavor-list", "--all")}
        assert flavor not in {f["Name"] for f in cli.json(env, "flavor-list")}

        header, rows = table(cli.ok(env, "flavor-access-list", "--flavor", flavor))
        assert (header, rows) == (["Flavor_ID", "Tenant_ID"], [])
        line = cli.fail(demo_env, "flavor-show", flavor_id)
        assert f"No flavor with a name or ID of '{flavor_id}' exists." in line
        header, rows = table(cli.ok(env, "flavor-access-add", flavor, demo_project))
        assert rows == [[flavor_id, demo_project]]
        assert cli.json(env, "flavor-access-list", "--flavor", flavor_id) == [
            {"Flavor_ID": flavor_id, "Tenant_ID": demo_project}
        ]
        assert cli.json(demo_env, "flavor-show", flavor_id)["name"] == flavor
        assert cli.json(env, "flavor-access-remove", flavor, demo_project) == []
        cli.fail(demo_env, "flavor-show", flavor_id)
    finally:
        out = cli.ok(env, "flavor-delete", flavor)
    assert out == f"Flavor {flavor} has been deleted.\n"
    assert "No flavor with a name or ID" in cli.fail(env, "flavor-show", flavor_id)


def test_flavor_access_list_of_public_flavor(cli: Any, env: dict[str, str]) -> None:
    line = cli.fail(env, "flavor-access-list", "--flavor", "m1.tiny")
    assert line == "ERROR (CommandError): Access list not available for public flavors."


def test_flavor_delete_several(cli: Any, env: dict[str, str]) -> None:
    names = [name("fdel"), name("fdel")]
    for flavor in names:
        cli.ok(env, "flavor-create", flavor, "auto", "64", "0", "1")
    assert cli.ok(env, "flavor-delete", *names) == "".join(
        f"Flavor {n} has been deleted.\n" for n in names
    )


# -- keypairs ---------------------------------------------------------------------------


def test_keypair_add_list_show_delete(cli: Any, env: dict[str, str], ssh_public_key: Path) -> None:
    imported, generated = name("clikp"), name("cligen")
    assert cli.ok(env, "keypair-add", "--pub-key", str(ssh_public_key), imported) == ""
    private = cli.ok(env, "--os-compute-api-version", "2.91", "keypair-add", generated)
    assert private.startswith("-----BEGIN") and "PRIVATE KEY-----" in private
    try:
        header, rows = table(cli.ok(env, "keypair-list"))
        assert header == ["Name", "Type", "Fingerprint"]
        by_name = {r[0]: r for r in rows}
        assert by_name[imported][1] == "ssh" and by_name[generated][1] == "ssh"
        shown = cli.json(env, "keypair-show", imported)
        assert shown["public_key"].split()[:2] == ssh_public_key.read_text().split()[:2]
        assert shown["fingerprint"] == by_name[imported][2]
        assert len(cli.json(env, "keypair-list", "--limit", "1")) == 1
        old = cli.json(env, "--os-compute-api-version", "2.1", "keypair-list")
        assert set(old[0]) == {"Name", "Fingerprint"}  # no Type before 2.2
    finally:
        out = cli.ok(env, "keypair-delete", imported, generated)
    assert out == f"Keypair {imported} has been deleted.\nKeypair {generated} has been deleted.\n"
    assert imported not in cli.ok(env, "keypair-list")


def test_keypair_add_without_key_at_latest_is_refused(cli: Any, env: dict[str, str]) -> None:
    line = cli.fail(env, "keypair-add", name("nokey"))
    assert line.startswith(
        "ERROR (ValidationError): Nova stopped generating key pairs at compute API 2.92"
    )


# -- limits, quotas, zones ----------------------------------------------------------------


def test_limits(cli: Any, env: dict[str, str]) -> None:
    header, rows = table(cli.ok(env, "limits"))
    assert header == ["Name", "Used", "Max"]
    by_name = {r[0]: r for r in rows}
    assert by_name["Instances"][2] == "500"
    assert by_name["Cores"][2] == "1000"
    assert by_name["Server Meta"][1:] == ["-", "128"]
    assert {"Name": "Keypairs", "Used": "-", "Max": 500} in cli.json(env, "limits")


def test_quota_show_and_defaults(cli: Any, env: dict[str, str], clouds: Any, mode: str) -> None:
    # NOTE: admin_token auth has no project to read: the noauth port needs --tenant.
    tenant = ["--tenant", clouds.project_id(mode)] if mode == "noauth" else []
    header, rows = table(cli.ok(env, "quota-show", *tenant))
    assert header == ["Quota", "Limit"]
    assert rows[:2] == [["instances", "500"], ["cores", "1000"]]
    detail = cli.json(env, "quota-show", "--detail", *tenant)
    instances = next(r for r in detail if r["Quota"] == "instances")
    assert instances["Limit"] == 500 and isinstance(instances["In Use"], int)
    defaults = {r["Quota"]: r["Limit"] for r in cli.json(env, "quota-defaults", *tenant)}
    assert (defaults["instances"], defaults["cores"], defaults["ram"]) == (10, 20, 51200)


def test_quota_show_without_project_on_noauth(cli: Any, clouds: Any) -> None:
    line = cli.fail(clouds.env("noauth"), "quota-show")
    assert line == "ERROR (CommandError): No project in this session's token: use --tenant."


def test_availability_zone_list(cli: Any, env: dict[str, str]) -> None:
    out = cli.ok(env, "availability-zone-list")
    header, rows = table(out)
    assert header == ["Name", "Status"]
    assert ["nova", "available"] in rows and ["internal", "available"] in rows
    assert "| |- nova-compute" in out and "| enabled :-) " in out  # admin: hosts and services
    zones = cli.json(env, "availability-zone-list")
    assert {"Name": "nova", "Status": "available"} in zones


# -- server groups and versions ------------------------------------------------------------


def test_server_groups(cli: Any, env: dict[str, str]) -> None:
    group = name("clisg")
    header, rows = table(
        cli.ok(
            env, "server-group-create", group, "anti-affinity", "--rule", "max_server_per_host=2"
        )
    )
    assert header == ["Id", "Name", "Project Id", "User Id", "Policy", "Rules", "Members"]
    group_id = rows[0][0]
    assert rows[0][4:] == ["anti-affinity", '{"max_server_per_host": 2}', "[]"]
    old = name("clisg-old")
    created = cli.json(
        env, "--os-compute-api-version", "2.1", "server-group-create", old, "affinity"
    )
    assert [(g["Name"], g["Policies"]) for g in created] == [(old, ["affinity"])]
    try:
        listed = {g["Id"]: g for g in cli.json(env, "server-group-list")}
        assert listed[group_id]["Name"] == group
        assert listed[created[0]["Id"]]["Policy"] == "affinity"
        assert cli.json(env, "server-group-get", group)[0]["Id"] == group_id
        assert len(cli.json(env, "server-group-list", "--limit", "1")) == 1
    finally:
        out = cli.ok(env, "server-group-delete", group_id, old)
    assert out == (
        f"Server group {group_id} has been successfully deleted.\n"
        f"Server group {old} has been successfully deleted.\n"
    )
    assert "No server group with a name or ID" in cli.fail(env, "server-group-get", group_id)


def test_version_list(cli: Any, env: dict[str, str]) -> None:
    out = cli.ok(env, "version-list")
    assert out.startswith(
        "Client supported API versions:\nMinimum version 2.1\nMaximum version 2.104\n"
    )
    header, rows = table(out)
    assert header == ["Id", "Status", "Updated", "Min Version", "Version"]
    assert [r[:2] for r in rows] == [["v2.0", "DEPRECATED"], ["v2.1", "CURRENT"]]
    assert rows[1][3:] == ["2.1", "2.104"]
