"""migration-list (filters and columns at each microversion), server-migration-list/-show."""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from tests.unit.shell.server_helpers import SID, get_server, record
from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import nothing_sent, only_request, query_of

V = "--os-compute-api-version"
M = f"{COMPUTE_URL}/os-migrations"
SM = f"{COMPUTE_URL}/servers/{SID}/migrations"
MIGRATION = {
    "id": 4,
    "uuid": "0d1b8c11-4a6c-4c33-9b36-6b6b2f2f0b0e",
    "source_node": "node0",
    "dest_node": "node1",
    "source_compute": "compute",
    "dest_compute": "compute1",
    "dest_host": "192.0.2.2",
    "status": "completed",
    "instance_uuid": SID,
    "old_instance_type_id": 1,
    "new_instance_type_id": 2,
    "created_at": "2026-01-01T00:00:00.000000",
    "updated_at": "2026-01-01T00:00:05.000000",
    "migration_type": "resize",
    "project_id": "p1",
    "user_id": "u1",
}
BASE = [
    "Source Node",
    "Dest Node",
    "Source Compute",
    "Dest Compute",
    "Dest Host",
    "Status",
    "Instance UUID",
    "Old Flavor",
    "New Flavor",
    "Created At",
    "Updated At",
]


@pytest.mark.parametrize(
    ("version", "columns"),
    [
        ("2.1", BASE),
        ("2.23", ["Id", *BASE, "Type"]),
        ("2.59", ["Id", "UUID", *BASE, "Type"]),
        ("2.80", ["Id", "UUID", *BASE, "Type", "Project ID", "User ID"]),
    ],
)
def test_migration_list_columns(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, columns: list[str]
) -> None:
    mock.get(M, json={"migrations": [MIGRATION]})
    result = run_cli(f"{V} {version} migration-list")
    assert (result.exit_code, result.stderr) == (0, "")
    assert table_header(result.stdout) == columns
    row = dict(zip(columns, table_rows(result.stdout)[0], strict=True))
    assert (row["Old Flavor"], row["New Flavor"], row["Instance UUID"]) == ("1", "2", SID)
    assert row.get("Type", "resize") == "resize"


def test_migration_list_sends_every_filter(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = mock.get(M, json={"migrations": []})
    result = run_cli(
        "migration-list --instance-uuid i1 --host h1 --status done --migration-type resize "
        "--source-compute c1 --marker m1 --limit 3 --changes-since 2026-01-01T00:00:00Z "
        "--changes-before 2026-01-02T00:00:00Z --project-id p1 --user-id u1"
    )
    assert result.exit_code == 0, result.stderr
    assert query_of(only_request(get)) == {
        "host": ["h1"],
        "status": ["done"],
        "instance_uuid": ["i1"],
        "migration_type": ["resize"],
        "source_compute": ["c1"],
        "marker": ["m1"],
        "changes-since": ["2026-01-01T00:00:00Z"],
        "changes-before": ["2026-01-02T00:00:00Z"],
        "user_id": ["u1"],
        "project_id": ["p1"],
        "limit": ["3"],
    }


@pytest.mark.parametrize(
    ("version", "option", "needs"),
    [
        ("2.58", "--marker m1", "2.59"),
        ("2.58", "--limit 1", "2.59"),
        ("2.58", "--changes-since 2026-01-01", "2.59"),
        ("2.65", "--changes-before 2026-01-01", "2.66"),
        ("2.79", "--project-id p1", "2.80"),
        ("2.79", "--user-id u1", "2.80"),
    ],
)
def test_migration_list_options_need_their_version(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, option: str, needs: str
) -> None:
    result = run_cli(f"{V} {version} migration-list {option}")
    assert result.exit_code == 1
    assert result.stderr == (
        f"ERROR (UnsupportedAttribute): '{option.split()[0]}' needs compute API microversion "
        f"{needs} or later. This session uses {version} (see --os-compute-api-version).\n"
    )
    nothing_sent(mock)


def test_migration_list_refuses_a_bad_time(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli("migration-list --changes-since yesterday")
    assert (result.exit_code, result.stderr) == (
        1,
        "ERROR (CommandError): Invalid changes-since value: yesterday\n",
    )
    nothing_sent(mock)


PROGRESS = [
    "Total Memory Bytes",
    "Processed Memory Bytes",
    "Remaining Memory Bytes",
    "Total Disk Bytes",
    "Processed Disk Bytes",
    "Remaining Disk Bytes",
]
SERVER_COLUMNS = [
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
]


def running(**extra: Any) -> dict[str, Any]:
    return {
        **MIGRATION,
        "status": "running",
        "server_uuid": SID,
        "memory_total_bytes": 1000,
        "memory_processed_bytes": 400,
        "memory_remaining_bytes": 600,
        "disk_total_bytes": 0,
        "disk_processed_bytes": 0,
        "disk_remaining_bytes": 0,
        **extra,
    }


@pytest.mark.parametrize(
    ("version", "columns"),
    [
        ("2.23", SERVER_COLUMNS + PROGRESS),
        ("2.80", [*SERVER_COLUMNS, "Project ID", "User ID", *PROGRESS]),
    ],
)
def test_server_migration_list_columns(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, columns: list[str]
) -> None:
    get_server(mock)
    mock.get(SM, json={"migrations": [running()]})
    result = run_cli(f"{V} {version} server-migration-list {SID}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert table_header(result.stdout) == columns
    row = dict(zip(columns, table_rows(result.stdout)[0], strict=True))
    assert (row["Status"], row["Server UUID"], row["Total Memory Bytes"]) == (
        "running",
        SID,
        "1000",
    )


def test_server_migration_list_null_progress_is_no_gap(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    mock.get(SM, json={"migrations": [running(memory_total_bytes=None)]})
    result = run_cli(f"server-migration-list {SID} -c Id -c 'Total Memory Bytes'")
    assert (result.exit_code, result.stderr) == (0, "")
    assert table_rows(result.stdout) == [["4", "-"]]
    absent = running()
    del absent["disk_total_bytes"]
    mock.get(SM, json={"migrations": [absent]})
    result = run_cli(f"server-migration-list {SID}")
    assert result.stderr == (
        "nova: WARNING: the response lacks these fields (shown empty): Total Disk Bytes.\n"
    )


def test_server_migration_show(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(SM + "/4", json={"migration": running()})
    result = run_cli(f"server-migration-show {SID} 4")
    assert result.exit_code == 0, result.stderr
    shown = record(result.stdout)
    assert (shown["id"], shown["status"], shown["memory_remaining_bytes"]) == (
        "4",
        "running",
        "600",
    )


def test_server_migration_commands_need_2_23(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    for command in (f"server-migration-list {SID}", f"server-migration-show {SID} 4"):
        result = run_cli(f"{V} 2.22 {command}")
        assert result.exit_code == 1
        assert "needs compute API version 2.23 - 2.latest" in result.stderr
    nothing_sent(mock)
