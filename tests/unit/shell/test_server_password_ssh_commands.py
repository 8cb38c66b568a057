"""set-password / get-password / clear-password and ssh (the argv, never a shell string)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import requests_mock

from novaclient_lite.shell.v2 import server_passwords, server_ssh
from novaclient_lite.v2 import _server_state
from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import ACTION, SID, SURL, get_server, one_line, sent
from tests.unit.shell.support import RunCli

PASSWORD_URL = SURL + "/os-server-password"


class Keyboard:
    """What the user types at the no-echo prompts, and the prompts shown."""

    def __init__(self) -> None:
        self.typed: list[str] = []
        self.prompts: list[str] = []

    def prompt(self, text: str) -> str:
        self.prompts.append(text)
        return self.typed.pop(0)


@pytest.fixture
def keyboard(monkeypatch: pytest.MonkeyPatch) -> Keyboard:
    board = Keyboard()
    monkeypatch.setattr(server_passwords, "prompt", board.prompt)
    return board


def test_set_password_prompts_twice_and_sends_it(
    run_cli: RunCli, mock: requests_mock.Mocker, keyboard: Keyboard, caplog: Any
) -> None:
    get_server(mock)
    action = mock.post(ACTION, status_code=202)
    keyboard.typed = ["S3cret-pw", "S3cret-pw"]
    with caplog.at_level(logging.DEBUG):
        result = run_cli(f"--debug set-password {SID}")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"changePassword": {"adminPass": "S3cret-pw"}}
    assert keyboard.prompts == ["New password: ", "Again: "]
    assert "S3cret-pw" not in result.stdout + result.stderr + caplog.text


def test_set_password_mismatch_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker, keyboard: Keyboard
) -> None:
    get_server(mock)
    keyboard.typed = ["S3cret-pw", "typo"]
    result = run_cli(f"set-password {SID}")
    assert result.exit_code == 1
    assert one_line(result.stderr) == "ERROR (CommandError): Passwords do not match."
    assert [r.method for r in sent(mock)] == ["GET"]


def test_get_password_prints_the_ciphered_text(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(PASSWORD_URL, json={"password": "c2VjcmV0"})
    result = run_cli(f"get-password {SID}")
    assert (result.exit_code, result.stdout) == (0, "c2VjcmV0\n")


def test_get_password_with_a_key_decrypts(
    run_cli: RunCli, mock: requests_mock.Mocker, monkeypatch: pytest.MonkeyPatch
) -> None:
    get_server(mock)
    mock.get(PASSWORD_URL, json={"password": "eHk="})
    monkeypatch.setattr(_server_state, "decrypt_password", lambda key, text: f"clear({key})")
    result = run_cli(f"get-password {SID} /home/me/.ssh/id_rsa")
    assert (result.exit_code, result.stdout) == (0, "clear(/home/me/.ssh/id_rsa)\n")


def test_get_password_bad_key_is_one_line(
    run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Any
) -> None:
    get_server(mock)
    mock.get(PASSWORD_URL, json={"password": "eHk="})
    key = tmp_path / "not-a-key"
    key.write_text("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
    result = run_cli(f"get-password {SID} {key}")
    assert result.exit_code == 1
    line = one_line(result.stderr)
    assert line.startswith("ERROR (CommandError): ")
    assert "bm90IGEga2V5" not in line and "Traceback" not in result.stderr


def test_clear_password(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    delete = mock.delete(PASSWORD_URL, status_code=204)
    result = run_cli(f"clear-password {SID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert delete.called_once


# -- ssh ------------------------------------------------------------------------------------------

ADDRESSES = {
    "private": [
        {"version": 4, "addr": "10.0.0.5", "OS-EXT-IPS:type": "fixed"},
        {"version": 4, "addr": "172.24.4.9", "OS-EXT-IPS:type": "floating"},
        {"version": 6, "addr": "fd00::5", "OS-EXT-IPS:type": "fixed"},
    ]
}


@pytest.fixture
def ssh_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []

    def fake(argv: list[str]) -> int:
        runs.append(argv)
        return 0

    monkeypatch.setattr(server_ssh, "run_ssh", fake)
    return runs


def a_server(mock: requests_mock.Mocker, addresses: Any = None) -> None:
    get_server(mock, fx.server(addresses=ADDRESSES if addresses is None else addresses))


@pytest.mark.parametrize(
    ("options", "argv"),
    [
        ("", ["ssh", "-4", "-p22", "root@172.24.4.9"]),
        ("--port 2222", ["ssh", "-4", "-p2222", "root@172.24.4.9"]),
        ("--address-type fixed", ["ssh", "-4", "-p22", "root@10.0.0.5"]),
        ("--private", ["ssh", "-4", "-p22", "root@10.0.0.5"]),
        ("--ipv6 --address-type fixed", ["ssh", "-6", "-p22", "root@fd00::5"]),
        ("--network private", ["ssh", "-4", "-p22", "root@172.24.4.9"]),
        ("--login cirros", ["ssh", "-4", "-p22", "cirros@172.24.4.9"]),
        ("-i /k/id_rsa", ["ssh", "-4", "-p22", "-i", "/k/id_rsa", "root@172.24.4.9"]),
        ("--identity /k/id_rsa", ["ssh", "-4", "-p22", "-i", "/k/id_rsa", "root@172.24.4.9"]),
        (
            "--extra-opts '-o StrictHostKeyChecking=no -v'",
            ["ssh", "-4", "-p22", "root@172.24.4.9", "-o", "StrictHostKeyChecking=no", "-v"],
        ),
        (
            "--extra-opts 'uptime; rm -rf /'",
            ["ssh", "-4", "-p22", "root@172.24.4.9", "uptime;", "rm", "-rf", "/"],
        ),
    ],
)
def test_ssh_argv_for_each_option(
    run_cli: RunCli, mock: requests_mock.Mocker, ssh_runs: list[list[str]], options: str, argv: Any
) -> None:
    a_server(mock)
    result = run_cli(f"ssh {options} {SID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert ssh_runs == [argv]


def test_ssh_login_prefix(run_cli: RunCli, mock: requests_mock.Mocker, ssh_runs: Any) -> None:
    a_server(mock)
    assert run_cli(f"ssh ubuntu@{SID}").exit_code == 0
    assert ssh_runs == [["ssh", "-4", "-p22", "ubuntu@172.24.4.9"]]


def test_an_address_without_a_type_counts_as_floating(
    run_cli: RunCli, mock: requests_mock.Mocker, ssh_runs: Any
) -> None:
    a_server(mock, {"net": [{"version": 4, "addr": "192.0.2.7"}]})
    assert run_cli(f"ssh {SID}").exit_code == 0
    assert ssh_runs == [["ssh", "-4", "-p22", "root@192.0.2.7"]]


@pytest.mark.parametrize(
    ("addresses", "options", "message"),
    [
        ({}, "", f"ERROR (CommandError): Server '{SID}' is not attached to any network."),
        (
            {**ADDRESSES, "other": []},
            "",
            f"ERROR (CommandError): Server '{SID}' is attached to more than one network. "
            "Please pick the network to use.",
        ),
        (
            ADDRESSES,
            "--network public",
            f"ERROR (ResourceNotFound): Server '{SID}' is not attached to network 'public'",
        ),
        (
            ADDRESSES,
            "--ipv6",
            "ERROR (ResourceNotFound): No address that would match network 'None' and type "
            f"'floating' of version IPv6 has been found for server '{SID}'.",
        ),
        (
            {"net": [{"version": 4, "addr": "192.0.2.7"}, {"version": 4, "addr": "192.0.2.8"}]},
            "",
            "ERROR (CommandError): More than one IPv4 floating address found.",
        ),
    ],
)
def test_ssh_address_errors_run_nothing(
    run_cli: RunCli,
    mock: requests_mock.Mocker,
    ssh_runs: Any,
    addresses: Any,
    options: str,
    message: str,
) -> None:
    a_server(mock, addresses)
    result = run_cli(f"ssh {options} {SID}")
    assert result.exit_code == 1
    assert one_line(result.stderr) == message
    assert ssh_runs == []


def test_ssh_bad_port_is_a_usage_error(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"ssh --port x {SID}")
    assert result.exit_code == 2 and sent(mock) == []


def test_ssh_unbalanced_extra_opts(
    run_cli: RunCli, mock: requests_mock.Mocker, ssh_runs: Any
) -> None:
    result = run_cli(["ssh", "--extra-opts", "-o 'x", SID])
    assert result.exit_code == 1 and "--extra-opts" in one_line(result.stderr)
    assert sent(mock) == [] and ssh_runs == []


def test_ssh_failure_exits_1_quietly(
    run_cli: RunCli, mock: requests_mock.Mocker, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_server(mock)
    monkeypatch.setattr(server_ssh, "run_ssh", lambda argv: 255)
    result = run_cli(f"ssh {SID}")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")


def test_ssh_dry_run_prints_the_command(
    run_cli: RunCli, mock: requests_mock.Mocker, ssh_runs: Any
) -> None:
    a_server(mock)
    result = run_cli(["--dry-run", "ssh", "--extra-opts", "-o 'X=a b'", SID])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ssh -4 -p22 root@172.24.4.9 -o 'X=a b'\n"
    assert ssh_runs == []


def test_dry_run_clear_password_sends_nothing(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    delete = mock.delete(PASSWORD_URL, status_code=204)
    result = run_cli(f"--dry-run clear-password {SID}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"DELETE {PASSWORD_URL}\n")
    assert not delete.called


def test_dry_run_set_password_masks_it(
    run_cli: RunCli, mock: requests_mock.Mocker, keyboard: Keyboard
) -> None:
    get_server(mock)
    action = mock.post(ACTION, status_code=202)
    keyboard.typed = ["S3cret-pw", "S3cret-pw"]
    result = run_cli(f"--dry-run set-password {SID}")
    assert result.exit_code == 0, result.stderr
    assert '"adminPass": "***"' in result.stdout
    assert "S3cret-pw" not in result.stdout + result.stderr
    assert not action.called
