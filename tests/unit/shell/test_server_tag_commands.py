"""server-tag-list, -add, -set, -delete, -delete-all: requests, output, exit codes."""

from __future__ import annotations

import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import SID, SURL, calls, get_server, one_line, version_of
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL

TAGS = f"{SURL}/tags"
HEADERS = "OpenStack-API-Version: compute 2.104\nX-OpenStack-Nova-API-Version: 2.104\n"
TAG_RULE = "tag must be a non empty string of at most 60 characters without characters '/' and ','"


def by_name(m: requests_mock.Mocker) -> None:
    m.get(f"{COMPUTE_URL}/servers/detail?name=%5Evm1%24", json=fx.servers_page(fx.server(SID)))


def test_server_tag_list_prints_a_tag_column(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    by_name(mock)
    mock.get(TAGS, json={"tags": ["db", "prod"]})
    result = run_cli("server-tag-list vm1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("+------+\n| Tag  |\n+------+\n| db   |\n| prod |\n+------+\n")
    assert calls(mock)[-1] == ("GET", f"/servers/{SID}/tags")


def test_server_tag_add_adds_each_tag_in_order(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    by_name(mock)
    a = mock.put(TAGS + "/a", status_code=201)
    b = mock.put(TAGS + "/b", status_code=204)
    result = run_cli("server-tag-add vm1 a b")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Request to add tag a to specified server has been accepted.\n"
        "Request to add tag b to specified server has been accepted.\n"
    )
    assert calls(mock)[-2:] == [
        ("PUT", f"/servers/{SID}/tags/a"),
        ("PUT", f"/servers/{SID}/tags/b"),
    ]
    assert version_of(a.last_request) == "2.104" and b.called_once


def test_server_tag_add_reports_a_failed_tag_and_exits_1(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    by_name(mock)
    mock.put(TAGS + "/a", status_code=201)
    mock.put(
        TAGS + "/b",
        status_code=400,
        json={
            "badRequest": {
                "code": 400,
                "message": "The number of tags exceeded the per-server limit 50",
            }
        },
    )
    result = run_cli("server-tag-add vm1 a b")
    assert result.exit_code == 1
    assert result.stdout == "Request to add tag a to specified server has been accepted.\n"
    assert (
        "ERROR (BadRequest): The number of tags exceeded the per-server limit 50" in result.stderr
    )
    assert result.stderr.rstrip().endswith("for b")


def test_a_bad_tag_is_refused_before_anything_is_sent(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    for cmdline in (
        "server-tag-add vm1 ok a/b",
        "server-tag-set vm1 ok a,b",
        "server-tag-delete vm1 a/b",
    ):
        result = run_cli(cmdline)
        assert result.exit_code == 1, cmdline
        bad = "a,b" if "," in cmdline else "a/b"
        assert one_line(result.stderr) == f"ERROR (ValidationError): {TAG_RULE}; got '{bad}'."
    assert calls(mock) == []


def test_server_tag_set_puts_the_whole_list(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    put = mock.put(TAGS, json={"tags": ["a", "b"]})
    result = run_cli(f"server-tag-set {SID} a b")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert put.last_request.json() == {"tags": ["a", "b"]}


def test_server_tag_delete_and_delete_all(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    by_name(mock)
    one = mock.delete(TAGS + "/a", status_code=204)
    every = mock.delete(TAGS, status_code=204)
    result = run_cli("server-tag-delete vm1 a")
    assert result.stdout == "Request to delete tag a from specified server has been accepted.\n"
    assert run_cli("server-tag-delete-all vm1").exit_code == 0
    assert one.called_once and every.called_once


def test_tag_commands_need_2_26(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    for cmd in ("server-tag-list vm1", "server-tag-add vm1 a", "server-tag-delete-all vm1"):
        result = run_cli(f"--os-compute-api-version 2.25 {cmd}")
        assert result.exit_code == 1
        assert "2.26" in one_line(result.stderr)
    assert calls(mock) == []


def test_dry_run_prints_the_tag_requests_and_sends_none(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    by_name(mock)
    put = mock.put(TAGS + "/a", status_code=201)
    delete = mock.delete(TAGS, status_code=204)
    result = run_cli("--dry-run server-tag-add vm1 a")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"PUT {TAGS}/a\n{HEADERS}"
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"
    assert run_cli("--dry-run server-tag-delete-all vm1").stdout.startswith(f"DELETE {TAGS}\n")
    assert not put.called and not delete.called
