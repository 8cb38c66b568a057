"""Server state commands end to end: argv -> requests -> output -> exit code."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import (
    ACTION,
    SID,
    SURL,
    calls,
    get_server,
    one_line,
    record,
    sent,
    version_of,
)
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import query_of

SID2 = fx.SERVER2_ID
ACTION2 = f"{COMPUTE_URL}/servers/{SID2}/action"


@pytest.mark.parametrize(
    ("cmdline", "body", "verb"),
    [
        ("shelve", {"shelve": None}, "shelve"),
        ("shelve-offload", {"shelveOffload": None}, "shelve-offload"),
        ("unshelve", {"unshelve": None}, "unshelve"),
        ("force-delete", {"forceDelete": None}, "force-delete"),
    ],
)
def test_actions_on_several_servers(
    run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, body: Any, verb: str
) -> None:
    one = mock.post(ACTION, status_code=202)
    two = mock.post(ACTION2, status_code=202)
    result = run_cli(f"{cmdline} {SID} {SID2}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert one.last_request.json() == body == two.last_request.json()
    assert sorted(calls(mock)) == sorted(
        [("POST", f"/servers/{SID}/action"), ("POST", f"/servers/{SID2}/action")]
    )
    assert result.stdout.splitlines() == [
        f"Request to {verb} server {SID} has been accepted.",
        f"Request to {verb} server {SID2} has been accepted.",
    ]


def test_shelve_wait_until_offloaded(
    run_cli: RunCli, mock: requests_mock.Mocker, clock: Any
) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server(task_state="shelving")}},
            {"json": {"server": fx.server(status="SHELVED_OFFLOADED")}},
        ],
    )
    mock.post(ACTION, status_code=202)
    result = run_cli(f"shelve --wait {SID}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Server {SID} is SHELVED_OFFLOADED.\n"
    assert clock.sleeps == [0.5]


def test_unshelve_wait_ends_at_active(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SURL, json={"server": fx.server()})
    mock.post(ACTION, status_code=202)
    result = run_cli(f"unshelve --poll {SID}")
    assert (result.exit_code, result.stdout) == (0, f"Server {SID} is ACTIVE.\n")


@pytest.mark.parametrize(
    ("version", "options", "body"),
    [
        ("2.77", "--availability-zone az1", {"availability_zone": "az1"}),
        ("2.90", "--availability-zone none", {"availability_zone": "none"}),
        ("2.91", "--availability-zone none", {"availability_zone": None}),
        ("2.91", "--availability-zone None", {"availability_zone": None}),
        ("2.91", "--host compute2", {"host": "compute2"}),
        ("2.91", "--availability-zone az1 --host h", {"availability_zone": "az1", "host": "h"}),
    ],
)
def test_unshelve_options(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, options: str, body: Any
) -> None:
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"--os-compute-api-version {version} unshelve {options} {SID}")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"unshelve": body}
    assert version_of(action.last_request) == version


@pytest.mark.parametrize(
    ("version", "options", "label", "since"),
    [
        ("2.76", "--availability-zone az1", "--availability-zone", "2.77"),
        ("2.90", "--host h", "--host", "2.91"),
    ],
)
def test_unshelve_options_below_their_version(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, options: str, label: str, since: str
) -> None:
    result = run_cli(f"--os-compute-api-version {version} unshelve {options} {SID}")
    assert result.exit_code == 1
    assert f"'{label}' needs compute API microversion {since}" in one_line(result.stderr)
    assert sent(mock) == []


def test_restore_finds_a_soft_deleted_server_by_name(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    listing = mock.get(
        f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server(status="SOFT_DELETED"))
    )
    action = mock.post(ACTION, status_code=202)
    result = run_cli("restore vm1")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert query_of(listing.last_request) == {
        "name": ["^vm1$"],
        "deleted": ["true"],
        "status": ["SOFT_DELETED"],
    }
    assert action.last_request.json() == {"restore": None}


def test_restore_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        SURL,
        [{"json": {"server": fx.server(status="SOFT_DELETED")}}, {"json": {"server": fx.server()}}],
    )
    mock.post(ACTION, status_code=202)
    result = run_cli(f"restore --wait {SID}")
    assert (result.exit_code, result.stdout) == (0, f"Server {SID} is ACTIVE.\n")


def test_reset_state_lines_as_python_novaclient(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"reset-state --active {SID} ghost")
    assert result.exit_code == 1
    assert action.last_request.json() == {"os-resetState": {"state": "active"}}
    assert result.stdout == f"Reset state for server {SID} succeeded; new state is active\n"
    assert "No server with a name or ID of 'ghost' exists. for ghost" in one_line(result.stderr)


def test_reset_state_default_error_and_all_tenants(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    listing = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    action = mock.post(ACTION, status_code=202)
    result = run_cli("reset-state --all-tenants vm1")
    assert result.exit_code == 0, result.stderr
    assert query_of(listing.last_request) == {"name": ["^vm1$"], "all_tenants": ["1"]}
    assert action.last_request.json() == {"os-resetState": {"state": "error"}}


def test_reset_network_is_one_line_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    result = run_cli(f"reset-network {SID}")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "ERROR (APIRemoved): Nova removed the resetNetwork server action in 23.0.0 (Wallaby), "
        "with nova-network; there is no network to reset."
    )
    assert sent(mock) == []


def test_trigger_crash_dump(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    action = mock.post(ACTION, status_code=202)
    assert run_cli(f"trigger-crash-dump {SID}").exit_code == 0
    assert action.last_request.json() == {"trigger_crash_dump": None}
    result = run_cli(f"--os-compute-api-version 2.16 trigger-crash-dump {SID}")
    assert result.exit_code == 1
    assert "UnsupportedVersion" in one_line(result.stderr) and "2.17" in result.stderr
    assert action.call_count == 1


def test_refresh_network_sends_the_event(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    events = mock.post(
        f"{COMPUTE_URL}/os-server-external-events",
        json={"events": [{"server_uuid": SID, "name": "network-changed", "code": 200}]},
    )
    result = run_cli(f"refresh-network {SID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert events.last_request.json() == {
        "events": [{"server_uuid": SID, "name": "network-changed"}]
    }
    assert calls(mock) == [("POST", "/os-server-external-events")]


def test_diagnostics_record(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(SURL + "/diagnostics", json={"state": "running", "uptime": 46664})
    result = run_cli(f"diagnostics {SID}")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout) == {"state": "running", "uptime": "46664"}


def test_server_topology(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    topology = {"nodes": [{"cpu_pinning": {}, "host_node": 0, "memory_mb": 512}], "pagesize_kb": 4}
    get = mock.get(SURL + "/topology", json=topology)
    result = run_cli(f"server-topology {SID} -f json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == topology
    assert version_of(get.last_request) == "2.104"
    result = run_cli(f"--os-compute-api-version 2.77 server-topology {SID}")
    assert result.exit_code == 1 and "2.78" in one_line(result.stderr)


# -- --dry-run: a mutating command prints its request and sends nothing --------------------------


def test_dry_run_shelve_prints_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"--dry-run shelve {SID}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"POST {ACTION}\n"
        "OpenStack-API-Version: compute 2.104\nX-OpenStack-Nova-API-Version: 2.104\n\n"
        '{\n  "shelve": null\n}\n'
    )
    assert not action.called
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"
