"""Error paths against the real Nova API: library exceptions and ``nova`` exit codes
with a single stderr line (no traceback), on both ports."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from novaclient_lite import Client, exceptions
from tests.devcloud import DevCloud
from tests.functional.conftest import unique as name


@pytest.fixture(scope="module")
def stopped(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[Any]:
    """A SHUTOFF server."""
    server = cs.servers.create(name("stopped"), devcloud.image_id, "1", networks="none")
    wait_server(server.id)
    cs.servers.stop(server)
    yield wait_server(server.id, "SHUTOFF")
    cs.servers.delete(server.id)


@pytest.fixture(scope="module")
def twins(cs: Any, devcloud: DevCloud, wait_server: Any) -> Iterator[list[Any]]:
    """Two ACTIVE servers with the same name, and one whose name extends it."""
    twin = name("twin")
    ids = [
        cs.servers.create(n, devcloud.image_id, "1", networks="none").id
        for n in (twin, twin, twin + "-other")
    ]
    servers = [wait_server(i) for i in ids]
    yield servers
    for server in servers:
        cs.servers.delete(server.id)


# -- unknown names and ids ----------------------------------------------------------------


def test_unknown_server_in_the_library(cs: Any) -> None:
    with pytest.raises(exceptions.ResourceNotFound) as info:
        cs.servers.find("no-such-server")
    assert info.value.message == "No server with a name or ID of 'no-such-server' exists."
    missing = str(uuid.uuid4())
    with pytest.raises(exceptions.NotFound) as not_found:
        cs.servers.get(missing)
    assert not_found.value.code == 404
    assert not_found.value.message == f"Instance {missing} could not be found."
    assert not_found.value.request_id and not_found.value.request_id.startswith("req-")


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["update", "--name", "y"],
        ["reboot"],
        ["console-log"],
        ["meta"],
        ["backup-instance"],
        ["rescue"],
        ["resize"],
    ],
)
def test_unknown_server_on_the_command_line(
    cli: Any, env: dict[str, str], command: list[str]
) -> None:
    argv = {
        "meta": ["meta", "x", "set", "a=b"],
        "backup-instance": ["backup-instance", "x", "img", "why"],
        "resize": ["resize", "x", "m1.small"],
    }.get(command[0], [*command, "x"])
    line = cli.fail(env, *argv)
    assert line.startswith("ERROR (ResourceNotFound): ")
    assert "No server with a name or ID of 'x' exists." in line


def test_unknown_server_id_on_the_command_line(cli: Any, env: dict[str, str]) -> None:
    missing = str(uuid.uuid4())
    line = cli.fail(env, "show", missing)
    assert f"No server with a name or ID of '{missing}' exists." in line


def test_unknown_flavor_and_keypair(cli: Any, env: dict[str, str], cs: Any) -> None:
    assert "No flavor with a name or ID of 'm9.huge' exists." in cli.fail(
        env, "flavor-show", "m9.huge"
    )
    with pytest.raises(exceptions.NotFound):
        cs.keypairs.get("no-such-key")
    line = cli.fail(env, "keypair-show", "no-such-key")
    assert line.startswith("ERROR (NotFound): Keypair no-such-key not found")


# -- conflicts and permissions ------------------------------------------------------------


def test_duplicate_flavor_name_is_409(cs: Any, cli: Any, env: dict[str, str]) -> None:
    flavor = cs.flavors.create(name("dupflv"), 64, 1, 0)
    try:
        with pytest.raises(exceptions.Conflict) as info:
            cs.flavors.create(flavor.name, 64, 1, 0)
        assert info.value.code == 409
        assert info.value.message == f"Flavor with name {flavor.name} already exists."
        line = cli.fail(env, "flavor-create", flavor.name, "auto", "64", "0", "1")
        assert line.startswith(
            f"ERROR (Conflict): Flavor with name {flavor.name} already exists. (HTTP 409)"
        )
    finally:
        cs.flavors.delete(flavor)


def test_stop_of_a_stopped_server_is_409(
    cs: Any, cli: Any, env: dict[str, str], stopped: Any
) -> None:
    with pytest.raises(exceptions.Conflict) as info:
        cs.servers.stop(stopped)
    assert info.value.message == (
        f"Cannot 'stop' instance {stopped.id} while it is in vm_state stopped"
    )
    out, err, rc = cli.run(env, ["stop", stopped.name])
    assert (rc, out) == (1, "")
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(
        f"ERROR (Conflict): Cannot 'stop' instance {stopped.id} while it "
        "is in vm_state stopped (HTTP 409)"
    )
    assert err.rstrip().endswith(f" for {stopped.name}")


def test_stop_of_several_tries_all(cli: Any, env: dict[str, str], stopped: Any) -> None:
    out, err, rc = cli.run(env, ["stop", "ghost", stopped.id])
    assert rc == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert "No server with a name or ID of 'ghost' exists." in lines[0]
    assert lines[1].startswith("ERROR (Conflict): ")


def test_demo_cannot_create_flavors(clouds: Any, mode: str, cli: Any) -> None:
    demo = clouds.client(mode, user="demo")
    with pytest.raises(exceptions.Forbidden) as info:
        demo.flavors.create(name("nope"), 64, 1, 0)
    assert info.value.code == 403
    line = cli.fail(clouds.env(mode, "demo"), "flavor-create", name("nope"), "auto", "64", "0", "1")
    assert line.startswith(
        "ERROR (Forbidden): Policy doesn't allow "
        "os_compute_api:os-flavor-manage:create to be performed. (HTTP 403)"
    )


def test_demo_does_not_see_admin_servers(clouds: Any, mode: str, stopped: Any) -> None:
    demo = clouds.client(mode, user="demo")
    assert stopped.id not in {s.id for s in demo.servers.list()}
    with pytest.raises(exceptions.NotFound):
        demo.servers.get(stopped.id)


# -- duplicate names ------------------------------------------------------------------------


def test_duplicate_server_names_in_the_library(cs: Any, twins: list[Any]) -> None:
    twin = twins[0].name
    with pytest.raises(exceptions.NoUniqueMatch) as info:
        cs.servers.find(twin)
    assert info.value.message == (
        f"Multiple server matches found for '{twin}', use an ID to be more specific."
    )
    # Nova's name filter is a regular expression; the lookup is exact.
    assert cs.servers.find(twins[2].name).id == twins[2].id
    assert cs.servers.find(twins[1].id).id == twins[1].id


def test_duplicate_server_names_on_the_command_line(
    cli: Any, env: dict[str, str], twins: list[Any]
) -> None:
    twin = twins[0].name
    line = cli.fail(env, "show", twin)
    assert line == (
        f"ERROR (NoUniqueMatch): Multiple server matches found for '{twin}', "
        "use an ID to be more specific."
    )
    out, err, rc = cli.run(env, ["reboot", twin, twins[0].id])
    assert rc == 1
    assert out == f"Request to reboot server {twins[0].id} has been accepted.\n"
    assert err == (
        f"ERROR (NoUniqueMatch): Multiple server matches found for '{twin}', use "
        f"an ID to be more specific. for {twin}\n"
    )
    assert cli.json(env, "show", twins[2].name)["id"] == twins[2].id
    assert len(cli.json(env, "list", "--name", twin)) == 3  # a regular expression


# -- versions, auth and usage -----------------------------------------------------------


def test_unsupported_versions(devcloud: DevCloud, cli: Any, env: dict[str, str]) -> None:
    with pytest.raises(exceptions.UnsupportedVersion):
        Client("2.200", auth_token="admin:admin", endpoint_override=devcloud.noauth_endpoint)
    with pytest.raises(exceptions.UnsupportedVersion):
        Client("3.1", auth_token="admin:admin", endpoint_override=devcloud.noauth_endpoint)
    line = cli.fail(env, "--os-compute-api-version", "2.200", "list")
    assert line == (
        "ERROR (UnsupportedVersion): Compute API version 2.200 is outside the "
        "range this client supports (2.1 - 2.104)."
    )
    line = cli.fail(env, "--os-compute-api-version", "2.54", "flavor-update", "1", "x")
    assert line.startswith(
        "ERROR (UnsupportedVersion): Command 'flavor-update' needs compute API version 2.55"
    )


def test_bad_credentials(clouds: Any, mode: str, cli: Any) -> None:
    if mode == "noauth":
        env = {**clouds.env(mode), "OS_TOKEN": ""}
        assert "token" in cli.fail(env, "list")
    else:
        env = {**clouds.env(mode), "OS_PASSWORD": "wrong"}
        assert cli.fail(env, "list").startswith("ERROR (Unauthorized): ")


def test_usage_errors_exit_2(cli: Any, env: dict[str, str]) -> None:
    assert cli.fail(env, "boot", rc=2) == (
        "nova boot: error: the following arguments are required: <name> (see 'nova help boot')"
    )
    assert "'bogus' is not a nova command" in cli.fail(env, "bogus", rc=2)


def test_unknown_marker(cs: Any, cli: Any, env: dict[str, str]) -> None:
    with pytest.raises(exceptions.BadRequest) as info:
        cs.servers.list(marker="bogus")
    assert info.value.message == "marker [bogus] not found"
    assert cli.fail(env, "list", "--marker", "bogus").startswith(
        "ERROR (BadRequest): marker [bogus] not found (HTTP 400)"
    )


def test_validation_errors_send_nothing(cs: Any, cli: Any, env: dict[str, str]) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.flavors.create("", 64, 1, 0)
    with pytest.raises(exceptions.ValidationError):
        cs.servers.backup_instance("any-server", "img", "why", rotation=0)
    line = cli.fail(env, "boot", "--flavor", "1", "--image", "not-a-uuid", "vm")
    assert line.startswith(
        "ERROR (ResourceNotFound): No image with a name or ID of 'not-a-uuid' exists."
    )
