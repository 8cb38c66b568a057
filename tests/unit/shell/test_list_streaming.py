"""``nova list`` streams: with a server-side ``--sort`` a machine format is written
page by page; without it the rows are still ordered by name across pages."""

from __future__ import annotations

import io
from typing import Any

import pytest
import requests_mock

from novaclient_lite.shell import main
from novaclient_lite.shell.environment import Environment
from tests.unit import bodies as fx
from tests.unit.shell.support import DEFAULT_VARS
from tests.unit.support import COMPUTE_URL

SID2 = fx.SERVER2_ID


def run_list(argv: list[str], mock: requests_mock.Mocker) -> tuple[int, str, list[str]]:
    """Run ``nova list`` over two pages; returns (exit code, stdout, stdout at page 2)."""
    stdout = io.StringIO()
    at_page_two: list[str] = []

    def page_two(request: Any, context: Any) -> dict[str, Any]:
        at_page_two.append(stdout.getvalue())
        return fx.servers_page(fx.server(SID2, "alpha"))

    mock.get(
        f"{COMPUTE_URL}/servers/detail",
        json=fx.servers_page(fx.server(fx.SERVER_ID, "zulu"), next_marker=fx.SERVER_ID),
    )
    mock.get(f"{COMPUTE_URL}/servers/detail?limit=1&marker={fx.SERVER_ID}", json=page_two)
    env = Environment(
        stdin=io.StringIO(),
        stdout=stdout,
        stderr=io.StringIO(),
        stdin_isatty=False,
        stdout_isatty=False,
        stderr_isatty=False,
        vars=dict(DEFAULT_VARS),
    )
    code = int(main(["list", *argv], env))
    return code, stdout.getvalue(), at_page_two


@pytest.mark.parametrize("fmt", ["value", "json", "yaml"])
def test_sorted_by_the_server_a_machine_format_is_written_as_pages_arrive(
    fmt: str, mock: requests_mock.Mocker
) -> None:
    code, out, at_page_two = run_list(["--sort", "name:desc", "-f", fmt, "-c", "ID"], mock)
    assert code == 0
    assert at_page_two and fx.SERVER_ID in at_page_two[0] and SID2 not in at_page_two[0]
    assert out.index(fx.SERVER_ID) < out.index(SID2)  # the server's order, kept


@pytest.mark.parametrize("fmt", ["table", "value", "json", "yaml"])
def test_without_sort_rows_are_ordered_by_name_across_pages(
    fmt: str, mock: requests_mock.Mocker
) -> None:
    code, out, at_page_two = run_list(["-f", fmt], mock)
    assert code == 0
    assert at_page_two == [""]  # ordering needs every page first
    assert out.index(SID2) < out.index(fx.SERVER_ID)  # alpha before zulu


def test_fields_are_checked_against_the_first_page(mock: requests_mock.Mocker) -> None:
    code, out, at_page_two = run_list(["--fields", "nosuch"], mock)
    assert (code, out, at_page_two) == (1, "", [])
