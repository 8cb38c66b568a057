"""migrate, live-migration*, evacuate and the host-wide moves: argv -> requests -> output."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import ACTION, SID, calls, get_server, version_of
from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.bodies_admin import HYP_URL, SERVER2_UUID, SERVER_UUID, hypervisor
from tests.unit.v2.helpers import body_of, nothing_sent, only_request

V = "--os-compute-api-version"


# -- migrate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cmdline", "body"),
    [
        (f"migrate {SID}", {"migrate": None}),
        (f"{V} 2.56 migrate {SID} --host compute1", {"migrate": {"host": "compute1"}}),
    ],
)
def test_migrate(run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, body: Any) -> None:
    action = mock.post(ACTION, status_code=202)
    result = run_cli(cmdline)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert body_of(only_request(action)) == body
    assert calls(mock) == [("POST", f"/servers/{SID}/action")]  # a UUID needs no lookup


def test_migrate_host_needs_2_56(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"{V} 2.55 migrate {SID} --host compute1")
    assert (result.exit_code, result.stderr) == (
        1,
        "ERROR (UnsupportedAttribute): '--host' needs compute API microversion 2.56 or "
        "later. This session uses 2.55 (see --os-compute-api-version).\n",
    )
    nothing_sent(mock)


@pytest.mark.parametrize("flag", ["--wait", "--poll"])
def test_migrate_waits_for_verify_resize(
    run_cli: RunCli, mock: requests_mock.Mocker, flag: str
) -> None:
    mock.post(ACTION, status_code=202)
    mock.get(
        f"{COMPUTE_URL}/servers/{SID}",
        [
            {
                "json": {
                    "server": fx.server(
                        SID, status="RESIZE", **{"OS-EXT-STS:task_state": "resize_migrating"}
                    )
                }
            },
            {"json": {"server": fx.server(SID, status="VERIFY_RESIZE")}},
        ],
    )
    result = run_cli(f"migrate {SID} {flag}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"Server {SID} is VERIFY_RESIZE; confirm with 'nova resize-confirm {SID}'.\n"
    )


# -- live-migration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "argv", "body"),
    [
        ("2.24", "", {"host": None, "block_migration": False, "disk_over_commit": False}),
        (
            "2.1",
            "h1 --block-migrate --disk-over-commit",
            {"host": "h1", "block_migration": True, "disk_over_commit": True},
        ),
        ("2.25", "", {"host": None, "block_migration": "auto"}),
        ("2.25", "h1 --block-migrate", {"host": "h1", "block_migration": True}),
        ("2.30", "h1 --force", {"host": "h1", "block_migration": "auto", "force": True}),
        ("2.67", "h1 --force", {"host": "h1", "block_migration": "auto", "force": True}),
        ("2.104", "h1", {"host": "h1", "block_migration": "auto"}),
    ],
)
def test_live_migration_bodies(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, argv: str, body: Any
) -> None:
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"{V} {version} live-migration {SID} {argv}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    request = only_request(action)
    assert (version_of(request), body_of(request)) == (version, {"os-migrateLive": body})


@pytest.mark.parametrize(
    ("version", "option", "bounds"),
    [
        ("2.25", "--disk-over-commit", "microversion 2.24 or earlier"),
        ("2.29", "--force", "microversions 2.30 to 2.67"),
        ("2.68", "--force", "microversions 2.30 to 2.67"),
    ],
)
def test_live_migration_options_outside_their_range(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, option: str, bounds: str
) -> None:
    result = run_cli(f"{V} {version} live-migration {SID} h1 {option}")
    assert result.exit_code == 1
    assert result.stderr == (
        f"ERROR (UnsupportedAttribute): '{option}' needs compute API {bounds}. "
        f"This session uses {version} (see --os-compute-api-version).\n"
    )
    nothing_sent(mock)


MIG = f"{COMPUTE_URL}/servers/{SID}/migrations/7"


def test_force_complete_and_abort(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)  # the name lookup's GET by id
    force = mock.post(MIG + "/action", status_code=202)
    abort = mock.delete(MIG, status_code=202)
    assert run_cli(f"live-migration-force-complete {SID} 7").exit_code == 0
    assert run_cli(f"live-migration-abort {SID} 7").exit_code == 0
    assert body_of(only_request(force)) == {"force_complete": None}
    only_request(abort)


@pytest.mark.parametrize(
    ("command", "needs"),
    [("live-migration-force-complete", "2.22"), ("live-migration-abort", "2.24")],
)
def test_force_complete_and_abort_need_their_version(
    run_cli: RunCli, mock: requests_mock.Mocker, command: str, needs: str
) -> None:
    older = f"2.{int(needs[2:]) - 1}"
    result = run_cli(f"{V} {older} {command} {SID} 7")
    assert (result.exit_code, result.stderr) == (
        1,
        f"ERROR (UnsupportedVersion): Command '{command}' needs compute API version "
        f"{needs} - 2.latest; this session uses {older} (see --os-compute-api-version).\n",
    )
    nothing_sent(mock)


# -- evacuate --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "argv", "body"),
    [
        ("2.13", "", {"onSharedStorage": False}),
        ("2.13", "h1 --on-shared-storage", {"host": "h1", "onSharedStorage": True}),
        ("2.29", "h1 --force --password pw", {"host": "h1", "force": True, "adminPass": "pw"}),
        ("2.104", "h1", {"host": "h1"}),
    ],
)
def test_evacuate_bodies(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, argv: str, body: Any
) -> None:
    get_server(mock)
    action = mock.post(ACTION, status_code=200, json=None)
    result = run_cli(f"{V} {version} evacuate {SID} {argv}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert body_of(only_request(action)) == {"evacuate": body}


def test_evacuate_shows_the_password_nova_chose_once(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    mock.post(ACTION, json={"adminPass": "n3w-Secret"})
    result = run_cli(f"{V} 2.13 --debug evacuate {SID}")
    assert result.exit_code == 0, result.stderr
    assert "| adminPass | n3w-Secret |" in result.stdout
    assert "n3w-Secret" not in result.stderr  # never in the --debug log


def test_evacuate_password_never_reaches_the_debug_log(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    action = mock.post(ACTION, status_code=200, json=None)
    result = run_cli(f"--debug evacuate {SID} --password pa55-Word")
    assert result.exit_code == 0, result.stderr
    assert body_of(only_request(action)) == {"evacuate": {"adminPass": "pa55-Word"}}
    assert "/action" in result.stderr and "pa55-Word" not in result.stderr


@pytest.mark.parametrize(
    ("version", "option", "bounds"),
    [
        ("2.14", "--on-shared-storage", "microversion 2.13 or earlier"),
        ("2.68", "--force", "microversions 2.29 to 2.67"),
    ],
)
def test_evacuate_options_outside_their_range(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, option: str, bounds: str
) -> None:
    result = run_cli(f"{V} {version} evacuate {SID} h1 {option}")
    assert result.exit_code == 1
    assert f"'{option}' needs compute API {bounds}." in result.stderr
    nothing_sent(mock)


# -- host-wide -------------------------------------------------------------------------


def servers_on_compute1(mock: requests_mock.Mocker, servers: int = 2) -> list[Any]:
    """compute1 holds ``servers`` servers (compute10 matches the pattern too, with one more)."""
    ids = [SERVER_UUID, SERVER2_UUID][:servers]
    found = {
        "hypervisors": [
            hypervisor(servers=[{"uuid": i, "name": "vm"} for i in ids]),
            hypervisor("h2", "compute10", servers=[{"uuid": "other", "name": "c"}]),
        ]
    }
    mock.get(HYP_URL, json=found)  # 2.53+: ?hypervisor_hostname_pattern=compute1
    mock.get(f"{HYP_URL}/compute1/servers", json=found)  # before 2.53
    return [mock.post(f"{COMPUTE_URL}/servers/{i}/action", status_code=202) for i in ids]


def test_host_evacuate_one_row_per_server_and_exit_1_on_a_failure(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    ok, _ = servers_on_compute1(mock)
    mock.post(
        f"{COMPUTE_URL}/servers/{SERVER2_UUID}/action",
        status_code=409,
        json={"conflictingRequest": {"code": 409, "message": "Compute service is up."}},
    )
    result = run_cli(f"{V} 2.29 host-evacuate compute1 --strict --target_host h9 --force")
    assert result.exit_code == 1
    assert table_header(result.stdout) == ["Server UUID", "Evacuate Accepted", "Error Message"]
    rows = table_rows(result.stdout)
    assert rows[0] == [SERVER_UUID, "True", ""]
    assert rows[1][:2] == [SERVER2_UUID, "False"]
    assert rows[1][2].startswith("Error while evacuating instance: Compute service is up.")
    assert body_of(only_request(ok)) == {"evacuate": {"host": "h9", "force": True}}


def test_host_evacuate_live_max_servers_and_options(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    first, second = servers_on_compute1(mock)
    result = run_cli(
        f"{V} 2.24 host-evacuate-live compute1 --strict --target-host h9 --block-migrate "
        "--disk-over-commit --max-servers 1"
    )
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == [
        "Server UUID",
        "Live Migration Accepted",
        "Error Message",
    ]
    assert table_rows(result.stdout) == [[SERVER_UUID, "True", ""]]
    assert body_of(only_request(first)) == {
        "os-migrateLive": {"host": "h9", "block_migration": True, "disk_over_commit": True}
    }
    assert not second.called


def test_host_servers_migrate_every_server_of_the_matching_hosts(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    actions = servers_on_compute1(mock)
    other = mock.post(f"{COMPUTE_URL}/servers/other/action", status_code=202)
    result = run_cli("host-servers-migrate compute1")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == ["Server UUID", "Migration Accepted", "Error Message"]
    assert [r[:2] for r in table_rows(result.stdout)] == [
        [SERVER_UUID, "True"],
        [SERVER2_UUID, "True"],
        ["other", "True"],
    ]
    assert [body_of(only_request(a)) for a in [*actions, other]] == [{"migrate": None}] * 3


def test_host_servers_migrate_dry_run_prints_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    actions = servers_on_compute1(mock)
    result = run_cli("--dry-run host-servers-migrate compute1 --strict")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(f"POST {COMPUTE_URL}/servers/") == 2
    assert result.stdout.count('"migrate": null') == 2
    assert result.stderr == "Dry run: 2 requests printed, none sent.\n"
    assert not any(a.called for a in actions)


def test_host_evacuate_live_unknown_host(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(HYP_URL, json={"hypervisors": [hypervisor(hostname="compute10")]})
    result = run_cli("host-evacuate-live compute1 --strict")
    assert (result.exit_code, result.stderr) == (
        1,
        "ERROR (ResourceNotFound): No hypervisor matching 'compute1' could be found.\n",
    )
