"""Server actions end to end: argv -> HTTP requests -> stdout/stderr -> exit code.

Boot is in test_boot_command.py; list, show, update and delete in test_server_commands.py.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import (
    ACTION,
    SID,
    SURL,
    calls,
    flavor_get,
    get_server,
    one_line,
    record,
    sent,
    version_of,
)
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL

# -- actions on several servers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "cmdline, body, verb",
    [
        ("reboot", {"reboot": {"type": "SOFT"}}, "reboot"),
        ("reboot --hard", {"reboot": {"type": "HARD"}}, "reboot"),
        ("stop", {"os-stop": None}, "stop"),
        ("start", {"os-start": None}, "start"),
        ("pause", {"pause": None}, "pause"),
        ("unpause", {"unpause": None}, "unpause"),
        ("suspend", {"suspend": None}, "suspend"),
        ("resume", {"resume": None}, "resume"),
        ("lock", {"lock": None}, "lock"),
        ("lock --reason maintenance", {"lock": {"locked_reason": "maintenance"}}, "lock"),
        ("unlock", {"unlock": None}, "unlock"),
    ],
)
def test_simple_actions(
    run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, body: dict[str, Any], verb: str
) -> None:
    action = mock.post(ACTION, status_code=202)
    action2 = mock.post(f"{COMPUTE_URL}/servers/{fx.SERVER2_ID}/action", status_code=202)
    result = run_cli(f"{cmdline} {SID} {fx.SERVER2_ID}")
    assert (result.exit_code, result.stderr) == (0, "")
    # A UUID goes straight to the action: no GET of the server first.
    assert sorted(calls(mock)) == sorted(
        [("POST", f"/servers/{SID}/action"), ("POST", f"/servers/{fx.SERVER2_ID}/action")]
    )
    assert action.last_request.json() == body == action2.last_request.json()
    assert version_of(action.last_request) == "2.104"
    assert result.stdout.splitlines() == [
        f"Request to {verb} server {SID} has been accepted.",
        f"Request to {verb} server {fx.SERVER2_ID} has been accepted.",
    ]


def test_stop_one_missing_still_stops_the_others(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page())
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"stop ghost {SID}")
    assert result.exit_code == 1
    assert action.called_once and detail.called_once
    assert result.stdout == f"Request to stop server {SID} has been accepted.\n"
    assert "No server with a name or ID of 'ghost' exists." in one_line(result.stderr)


def test_lock_reason_needs_2_73(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"--os-compute-api-version 2.72 lock --reason x {SID}")
    assert result.exit_code == 1
    assert "'--reason' needs compute API microversion 2.73" in one_line(result.stderr)
    assert sent(mock) == []


def test_reboot_wait(run_cli: RunCli, mock: requests_mock.Mocker, clock: Any) -> None:
    # A UUID goes straight to the action: every GET here is a poll of the wait.
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server(status="REBOOT", task_state="rebooting")}},
            {"json": {"server": fx.server()}},
        ],
    )
    mock.post(ACTION, status_code=202)
    result = run_cli(f"reboot --poll {SID}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Server {SID} is ACTIVE.\n"
    assert clock.sleeps == [0.5]


def test_stop_wait_timeout(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(SURL, json={"server": fx.server(task_state="powering-off")})
    mock.post(ACTION, status_code=202)
    result = run_cli(f"stop --wait --wait-timeout 5 {SID}")
    assert result.exit_code == 1
    assert "WaitTimeout" in one_line(result.stderr) and "SHUTOFF" in result.stderr


# -- rescue, resize, rebuild ----------------------------------------------------------------------


def test_rescue(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"adminPass": "rescue-pw"})
    result = run_cli(f"rescue --password pw --image {fx.IMAGE_ID} {SID}")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "rescue": {"adminPass": "pw", "rescue_image_ref": fx.IMAGE_ID}
    }
    assert record(result.stdout) == {"adminPass": "rescue-pw"}
    assert get.called_once


@pytest.mark.parametrize(
    "cmdline, body",
    [
        ("unrescue", {"unrescue": None}),
        ("resize-confirm", {"confirmResize": None}),
        ("resize-revert", {"revertResize": None}),
    ],
)
def test_single_actions(
    run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, body: dict[str, Any]
) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"{cmdline} {SID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert action.last_request.json() == body
    assert get.called_once


def test_resize_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server()}},
            {"json": {"server": fx.server(task_state="resize_prep")}},
            {"json": {"server": fx.server(status="VERIFY_RESIZE")}},
        ],
    )
    flavor_get(mock, "2", "m1.small")
    action = mock.post(ACTION, status_code=202)
    result = run_cli(f"resize --wait {SID} 2")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"resize": {"flavorRef": "2"}}
    assert result.stdout == (
        f"Server {SID} is VERIFY_RESIZE; confirm with 'nova resize-confirm "
        f"{SID}' or revert with 'nova resize-revert {SID}'.\n"
    )


def test_rebuild(run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Any) -> None:
    get = get_server(mock)
    action = mock.post(
        ACTION, json={"server": {**fx.server(status="REBUILD"), "adminPass": "new-pw"}}
    )
    user_data = tmp_path / "ud"
    user_data.write_text("hi")
    result = run_cli(
        [
            "rebuild",
            SID,
            fx.IMAGE_ID,
            "--rebuild-password",
            "pw",
            "--name",
            "vm2",
            "--description",
            "d",
            "--preserve-ephemeral",
            "--meta",
            "a=b",
            "--key-unset",
            "--user-data",
            str(user_data),
        ]
    )
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "rebuild": {
            "imageRef": fx.IMAGE_ID,
            "adminPass": "pw",
            "name": "vm2",
            "preserve_ephemeral": True,
            "metadata": {"a": "b"},
            "description": "d",
            "key_name": None,
            "user_data": "aGk=",
        }
    }
    shown = record(result.stdout)
    assert (shown["status"], shown["adminPass"]) == ("REBUILD", "new-pw")
    assert get.called_once


def test_rebuild_minimal_body(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"server": fx.server(status="REBUILD")})
    assert run_cli(f"rebuild {SID} {fx.IMAGE_ID}").exit_code == 0
    assert action.last_request.json() == {"rebuild": {"imageRef": fx.IMAGE_ID}}
    assert get.called_once


def test_rebuild_conflicting_key_options(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"rebuild {SID} {fx.IMAGE_ID} --key-name k --key-unset")
    assert result.exit_code == 1
    assert "Cannot specify '--key-unset' with '--key-name'." in one_line(result.stderr)
    assert sent(mock) == []


# -- metadata and console --------------------------------------------------------------------------


def test_meta_set(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    post = mock.post(f"{SURL}/metadata", json={"metadata": {"a": "1", "b": "x=y"}})
    result = run_cli(f"meta {SID} set a=1 b=x=y")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert post.last_request.json() == {"metadata": {"a": "1", "b": "x=y"}}
    assert get.called_once


def test_meta_delete(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    da = mock.delete(f"{SURL}/metadata/a", status_code=204)
    db = mock.delete(f"{SURL}/metadata/b", status_code=204)
    assert run_cli(f"meta {SID} delete a b=ignored").exit_code == 0
    assert da.called_once and db.called_once
    assert [c[1] for c in calls(mock) if c[0] == "DELETE"] == [
        f"/servers/{SID}/metadata/b",
        f"/servers/{SID}/metadata/a",
    ]
    assert get.called_once


@pytest.mark.parametrize(
    "items, code, message",
    [
        ("a", 1, "ERROR (ValidationError): metadata must be of the form key=value; got 'a'."),
        (
            "bad/key=1",
            1,
            "metadata key must be 1 to 255 of a-z A-Z 0-9 - _ : . and space; got 'bad/key'.",
        ),
        ("", 2, "the following arguments are required"),
    ],
)
def test_meta_bad_input_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker, items: str, code: int, message: str
) -> None:
    get = get_server(mock)
    post = mock.post(f"{SURL}/metadata", json={"metadata": {}})
    result = run_cli(f"meta {SID} set {items}")
    assert result.exit_code == code
    assert message in one_line(result.stderr)
    assert not post.called
    assert get.called == (items == "bad/key=1")  # the key is checked by the library


def test_console_log(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"output": "line1\nline2"})
    result = run_cli(f"console-log --length 10 {SID}")
    assert (result.exit_code, result.stdout) == (0, "line1\nline2\n")
    assert action.last_request.json() == {"os-getConsoleOutput": {"length": 10}}
    assert get.called_once


def test_console_log_without_length(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"output": ""})
    assert run_cli(f"console-log {SID}").exit_code == 0
    assert action.last_request.json() == {"os-getConsoleOutput": {}}
    assert get.called_once
