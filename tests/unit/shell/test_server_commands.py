"""nova list, show, update and delete: requests, name lookup, output and exit codes."""

from __future__ import annotations

import json

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import (
    SID,
    SURL,
    calls,
    flavor_get,
    get_server,
    one_line,
    record,
    sent,
)
from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import query_of

# -- list ------------------------------------------------------------------------------------


def test_list_default_fetches_every_page(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(
        f"{COMPUTE_URL}/servers/detail",
        [
            {"json": fx.servers_page(fx.server(SID, "web"), next_marker=SID)},
            {
                "json": fx.servers_page(
                    fx.server(
                        fx.SERVER2_ID,
                        "db",
                        status="SHUTOFF",
                        task_state="powering-on",
                        power_state=4,
                        addresses={},
                    )
                )
            },
        ],
    )
    result = run_cli("list")
    assert result.exit_code == 0, result.stderr
    assert detail.call_count == 2
    assert calls(mock) == [
        ("GET", "/servers/detail"),
        ("GET", f"/servers/detail?limit=1&marker={SID}"),
    ]
    assert table_header(result.stdout) == [
        "ID",
        "Name",
        "Status",
        "Task State",
        "Power State",
        "Networks",
    ]
    assert table_rows(result.stdout) == [
        [fx.SERVER2_ID, "db", "SHUTOFF", "powering-on", "Shutdown", ""],
        [SID, "web", "ACTIVE", "-", "Running", "private=192.168.1.30, fd00::30"],
    ]


def test_list_filters_and_sort(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    flavor = flavor_get(mock)
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli(
        f"list --name ^web --status ACTIVE --flavor 1 --image {fx.IMAGE_ID} --host h1 "
        "--tenant p1 --user u1 --ip 10.0 --ip6 fd00 --limit 5 --marker m1 "
        "--sort name:asc,created_at --changes-since 2026-01-01T00:00:00Z "
        "--changes-before 2026-12-01T00:00:00Z --tags a,b --not-tags-any c --locked false "
        "--availability-zone nova --key-name k1 --deleted --reservation-id r-1"
    )
    assert result.exit_code == 0, result.stderr
    assert query_of(detail.last_request) == {
        "all_tenants": ["1"],
        "name": ["^web"],
        "status": ["ACTIVE"],
        "flavor": ["1"],
        "image": [fx.IMAGE_ID],
        "host": ["h1"],
        "tenant_id": ["p1"],
        "user_id": ["u1"],
        "ip": ["10.0"],
        "ip6": ["fd00"],
        "limit": ["5"],
        "marker": ["m1"],
        "sort_key": ["name", "created_at"],
        "sort_dir": ["asc", "desc"],
        "changes-since": ["2026-01-01T00:00:00Z"],
        "changes-before": ["2026-12-01T00:00:00Z"],
        "tags": ["a,b"],
        "not-tags-any": ["c"],
        "locked": ["false"],
        "availability_zone": ["nova"],
        "key_name": ["k1"],
        "deleted": ["true"],
        "reservation_id": ["r-1"],
    }
    assert table_header(result.stdout) == [
        "ID",
        "Name",
        "Tenant ID",
        "Status",
        "Task State",
        "Power State",
        "Networks",
        "Updated",
    ]
    assert flavor.called_once


def test_list_all_tenants_from_environment(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    from tests.unit.shell.support import DEFAULT_VARS

    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli("list", env_vars={**DEFAULT_VARS, "ALL_TENANTS": "true"})
    assert result.exit_code == 0, result.stderr
    assert query_of(detail.last_request) == {"all_tenants": ["1"]}
    assert "Tenant ID" in table_header(result.stdout)
    assert run_cli("list --all-tenants 0").exit_code == 0
    assert query_of(detail.last_request) == {}


def test_list_limit_minus_one_means_all(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    assert run_cli("list --limit -1").exit_code == 0
    assert query_of(detail.last_request) == {}


def test_list_minimal(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    short = mock.get(
        f"{COMPUTE_URL}/servers", json={"servers": [{"id": SID, "name": "vm1", "links": []}]}
    )
    result = run_cli("list --minimal")
    assert short.called_once
    assert table_header(result.stdout) == ["ID", "Name"]
    assert table_rows(result.stdout) == [[SID, "vm1"]]


def test_list_fields(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli("list --fields name,OS-EXT-STS:vm_state,flavor:original_name,networks,id")
    assert result.exit_code == 0, result.stderr
    assert table_header(result.stdout) == [
        "ID",
        "Name",
        "OS-EXT-STS: Vm State",
        "flavor: Original Name",
        "Networks",
    ]
    assert table_rows(result.stdout) == [
        [SID, "vm1", "active", "m1.tiny", "private=192.168.1.30, fd00::30"]
    ]


def test_list_json(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli("list -f json")
    assert json.loads(result.stdout) == [
        {
            "ID": SID,
            "Name": "vm1",
            "Status": "ACTIVE",
            "Task State": None,
            "Power State": "Running",
            "Networks": "private=192.168.1.30, fd00::30",
        }
    ]


def test_list_column_by_its_underscore_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server(task_state="rebooting"))
    )
    result = run_cli("list -c task_state -c ID")
    assert (result.exit_code, result.stderr) == (0, "")
    assert table_header(result.stdout) == ["Task State", "ID"]
    assert table_rows(result.stdout) == [["rebooting", SID]]


@pytest.mark.parametrize(
    "cmdline, message",
    [
        ("list --fields name,bogus", "Non-existent fields are specified: ['bogus']"),
        ("list --sort name:up", "Unknown sort direction: up"),
        ("list --changes-since yesterday", "Invalid changes-since value: yesterday"),
        ("list --image cirros", "ERROR (EndpointNotFound): No image service in the catalog"),
    ],
)
def test_list_bad_arguments(
    run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, message: str
) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli(cmdline)
    assert result.exit_code == 1
    assert message in one_line(result.stderr)
    assert detail.call_count == (1 if "fields" in cmdline else 0)


def test_list_tags_need_2_26(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli("--os-compute-api-version 2.25 list --tags a")
    assert result.exit_code == 1
    assert "'--tags' needs compute API microversion 2.26 or later" in result.stderr
    assert not detail.called


# -- show and name lookup ------------------------------------------------------------------


def test_show_by_id(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    result = run_cli(f"show {SID}")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", f"/servers/{SID}")]
    shown = record(result.stdout)
    assert shown["private network"] == "192.168.1.30, fd00::30"
    assert shown["flavor:vcpus"] == "1"
    assert shown["flavor:extra_specs"] == "{}"
    assert shown["OS-EXT-STS:task_state"] == "-"
    assert "OS-EXT-SRV-ATTR:user_data" not in shown
    assert list(shown) == sorted(shown)
    assert get.called_once


def test_show_minimal_and_volume_backed(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock, fx.server(image=""))
    shown = record(run_cli(f"show --minimal {SID}").stdout)
    assert shown["flavor"] == "m1.tiny"
    assert shown["image"] == "Attempt to boot from volume - no image supplied"
    assert get.called_once


def test_show_old_flavor_is_looked_up(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock, fx.server_old())
    mock.get(
        f"{COMPUTE_URL}/flavors/1",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Flavor 1 could not be found."}},
    )
    result = run_cli(f"--os-compute-api-version 2.46 show {SID}")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout)["flavor"] == "Flavor not found (1)"
    assert get.called_once


def test_show_by_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(
        f"{COMPUTE_URL}/servers/detail",
        json=fx.servers_page(fx.server(SID, "vm1"), fx.server(fx.SERVER2_ID, "vm10")),
    )
    result = run_cli("show vm1")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [("GET", "/servers/detail?name=^vm1$")]
    assert record(result.stdout)["id"] == SID
    assert detail.called_once


def test_show_name_not_found(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli("show nope")
    assert (result.exit_code, result.stdout) == (1, "")
    assert one_line(result.stderr) == (
        "ERROR (ResourceNotFound): No server with a name or ID of 'nope' exists."
    )


def test_show_uuid_not_found_falls_back_to_name(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(
        SURL,
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Instance could not be found."}},
    )
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli(f"show {SID}")
    assert result.exit_code == 1
    assert f"No server with a name or ID of '{SID}' exists." in one_line(result.stderr)


def test_show_name_not_unique(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        f"{COMPUTE_URL}/servers/detail",
        json=fx.servers_page(fx.server(SID, "vm1"), fx.server(fx.SERVER2_ID, "vm1")),
    )
    result = run_cli("show vm1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "ERROR (NoUniqueMatch): Multiple server matches found "
        "for 'vm1', use an ID to be more specific."
    )


# -- update and delete -------------------------------------------------------------------------


def test_update_name_and_description(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    put = mock.put(SURL, json={"server": fx.server(name="vm2")})
    result = run_cli(f"update {SID} --name vm2 --description 'web tier'")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert put.last_request.json() == {"server": {"name": "vm2", "description": "web tier"}}
    assert get.called_once


def test_update_empty_description_removes_it(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    put = mock.put(SURL, json={"server": fx.server()})
    assert run_cli(["update", SID, "--description", ""]).exit_code == 0
    assert put.last_request.json() == {"server": {"description": None}}
    assert get.called_once


def test_update_nothing(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    put = mock.put(SURL, json={"server": fx.server()})
    result = run_cli(f"update {SID}")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "ERROR (ValidationError): name, description or hostname must be given (there is nothing to "
        "update)."
    )
    assert not put.called
    assert get.called_once


def test_update_description_before_2_19(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"--os-compute-api-version 2.18 update {SID} --description x")
    assert result.exit_code == 1
    assert "'--description' needs compute API microversion 2.19" in one_line(result.stderr)
    assert sent(mock) == []


def test_delete_many_with_one_failure(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    d1 = mock.delete(SURL, status_code=204)
    d2 = mock.delete(
        f"{COMPUTE_URL}/servers/{fx.SERVER2_ID}",
        status_code=409,
        json={"conflictingRequest": {"code": 409, "message": "Instance is locked."}},
    )
    result = run_cli(f"delete {SID} ghost {fx.SERVER2_ID}")
    assert result.exit_code == 1
    assert d1.called_once and d2.called_once
    assert result.stdout == f"Request to delete server {SID} has been accepted.\n"
    assert result.stderr.splitlines() == [
        "ERROR (ResourceNotFound): No server with a name or ID of 'ghost' exists. for ghost",
        f"ERROR (Conflict): Instance is locked. (HTTP 409) for {fx.SERVER2_ID}",
    ]
    assert detail.called_once  # only 'ghost' is looked up; a UUID goes straight to DELETE


def test_delete_by_uuid_sends_one_request_per_server(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.delete(SURL, status_code=204)
    mock.delete(f"{COMPUTE_URL}/servers/{fx.SERVER2_ID}", status_code=204)
    result = run_cli(f"delete {SID} {fx.SERVER2_ID}")
    assert result.exit_code == 0, result.stderr
    assert sorted(calls(mock)) == sorted(
        [("DELETE", f"/servers/{SID}"), ("DELETE", f"/servers/{fx.SERVER2_ID}")]
    )


def test_a_uuid_that_is_not_an_id_is_looked_up_as_a_name(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    ghost = "00000000-0000-4000-8000-00000000dead"
    missing = {"status_code": 404, "json": {"itemNotFound": {"code": 404, "message": "nope"}}}
    mock.post(f"{COMPUTE_URL}/servers/{ghost}/action", **missing)
    mock.get(f"{COMPUTE_URL}/servers/{ghost}", **missing)
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    result = run_cli(f"stop {ghost}")
    assert result.exit_code == 1
    assert f"No server with a name or ID of '{ghost}' exists." in result.stderr
    assert [m for m, _ in calls(mock)] == ["POST", "GET", "GET"]


def test_delete_all_tenants_looks_names_up_everywhere(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    mock.delete(SURL, status_code=204)
    result = run_cli("delete --all-tenants vm1")
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [
        ("GET", "/servers/detail?name=^vm1$&all_tenants=1"),
        ("DELETE", f"/servers/{SID}"),
    ]


def test_delete_wait_until_gone(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server()}},
            {"json": {"server": fx.server(status="ACTIVE", task_state="deleting")}},
            {"status_code": 404, "json": {"itemNotFound": {"code": 404, "message": "gone"}}},
        ],
    )
    delete = mock.delete(SURL, status_code=204)
    result = run_cli(f"delete --wait {SID}")
    assert result.exit_code == 0, result.stderr
    assert delete.called_once
    assert result.stdout == f"Server {SID} has been deleted.\n"
