"""get-vnc/spice/rdp/serial/mks-console: requests per microversion, Type/Url table, secret URL."""

from __future__ import annotations

import pytest
import requests_mock

from tests.unit.shell.server_helpers import SID, SURL, calls, get_server, one_line, version_of
from tests.unit.shell.support import RunCli

TOKEN = "0f1e2d3c-console-token-secret"
URL = f"http://proxy.test:6080/vnc_lite.html?path=%3Ftoken%3D{TOKEN}"
TABLE = (
    "+-------+" + "-" * (len(URL) + 2) + "+\n"
    f"| Type  | Url{' ' * (len(URL) - 3)} |\n"
    "+-------+" + "-" * (len(URL) + 2) + "+\n"
    f"| novnc | {URL} |\n"
    "+-------+" + "-" * (len(URL) + 2) + "+\n"
)


def test_get_vnc_console_prints_type_and_url(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    post = mock.post(
        f"{SURL}/remote-consoles",
        json={"remote_console": {"protocol": "vnc", "type": "novnc", "url": URL}},
    )
    result = run_cli(f"get-vnc-console {SID} novnc")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == TABLE
    assert post.last_request.json() == {"remote_console": {"protocol": "vnc", "type": "novnc"}}


def test_before_2_6_the_old_action_and_its_console_key(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(f"{SURL}/action", json={"console": {"type": "novnc", "url": URL}})
    result = run_cli(f"--os-compute-api-version 2.5 get-vnc-console {SID} novnc")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == TABLE
    assert post.last_request.json() == {"os-getVNCConsole": {"type": "novnc"}}
    assert version_of(post.last_request) == "2.5"


@pytest.mark.parametrize(
    ("cmdline", "protocol", "console_type"),
    [
        (f"get-spice-console {SID} spice-html5", "spice", "spice-html5"),
        (f"get-rdp-console {SID} rdp-html5", "rdp", "rdp-html5"),
        (f"get-serial-console {SID}", "serial", "serial"),
        (f"get-serial-console --console-type serial {SID}", "serial", "serial"),
        (f"get-mks-console {SID}", "mks", "webmks"),
    ],
)
def test_each_console_command_sends_its_protocol(
    run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, protocol: str, console_type: str
) -> None:
    get_server(mock)
    answer = {"remote_console": {"protocol": protocol, "type": console_type, "url": URL}}
    post = mock.post(f"{SURL}/remote-consoles", json=answer)
    result = run_cli(cmdline)
    assert result.exit_code == 0, result.stderr
    assert result.table == [[console_type, URL]]
    assert post.last_request.json() == {
        "remote_console": {"protocol": protocol, "type": console_type}
    }


def test_serial_console_refuses_another_type_before_the_lookup(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    result = run_cli("get-serial-console --console-type novnc vm1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "ERROR (CommandError): Invalid parameter value for 'console_type', "
        "currently supported 'serial'."
    )
    assert calls(mock) == []


def test_mks_console_needs_2_8(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"--os-compute-api-version 2.7 get-mks-console {SID}")
    assert result.exit_code == 1
    assert "2.8" in one_line(result.stderr)
    assert calls(mock) == []


def test_an_unknown_type_is_one_line_and_sends_no_post(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(f"{SURL}/remote-consoles", json={})
    result = run_cli(f"get-vnc-console {SID} vnc")
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(
        "ERROR (ValidationError): console_type must be one of novnc, xvpvnc,"
    )
    assert not post.called


@pytest.mark.parametrize(
    ("version", "path", "answer"),
    [
        ("2.104", "remote-consoles", {"remote_console": {"protocol": "vnc", "type": "novnc"}}),
        ("2.5", "action", {"console": {"type": "novnc"}}),
    ],
)
def test_the_console_url_is_shown_once_and_never_in_the_debug_log(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, path: str, answer: dict
) -> None:
    get_server(mock)
    key = next(iter(answer))
    mock.post(f"{SURL}/{path}", json={key: {**answer[key], "url": URL}})
    result = run_cli(f"--debug --os-compute-api-version {version} get-vnc-console {SID} novnc")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(TOKEN) == 1
    assert TOKEN not in result.stderr
    assert '"url": "***"' in result.stderr
