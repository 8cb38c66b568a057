"""image-create, backup and backup-instance end to end: requests, waiting, output, exit code.

Boot, list, show, update and delete are in test_server_commands.py.
"""

from __future__ import annotations

import json

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.service_catalog import IMAGE_URL, use_catalog
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

# -- images and backups ----------------------------------------------------------------------------


def test_image_create(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"image-create {SID} snap1 --metadata k=v --show")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"createImage": {"name": "snap1", "metadata": {"k": "v"}}}
    assert record(result.stdout) == {"id": fx.NEW_IMAGE_ID, "name": "snap1", "server": SID}
    assert get.called_once


def test_image_create_at_2_1_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    use_catalog(mock)
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server_old()}},
            {"json": {"server": fx.server_old(task_state="image_uploading")}},
            {"json": {"server": fx.server_old(status="SHUTOFF")}},
        ],
    )
    image = mock.get(
        f"{IMAGE_URL}/v2/images/{fx.NEW_IMAGE_ID}",
        [{"json": {"id": fx.NEW_IMAGE_ID, "status": s}} for s in ("saving", "active")],
    )
    action = mock.post(
        ACTION,
        status_code=202,
        headers={"Location": f"http://glance.test/images/{fx.NEW_IMAGE_ID}"},
    )
    result = run_cli(f"--os-compute-api-version 2.1 image-create --poll {SID} snap1")
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    assert action.last_request.json() == {"createImage": {"name": "snap1"}}
    assert version_of(action.last_request) == "2.1"
    assert len(sent(mock, "GET")) == 3 and image.call_count == 2


def test_backup(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"backup {SID} nightly daily 2")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "createBackup": {"name": "nightly", "backup_type": "daily", "rotation": 2}
    }
    assert record(result.stdout)["id"] == fx.NEW_IMAGE_ID
    assert get.called_once


def test_backup_bad_rotation_is_a_usage_error(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    result = run_cli(f"backup {SID} nightly daily two")
    assert result.exit_code == 2
    assert one_line(result.stderr) == (
        "nova backup: error: argument <rotation>: the value must be a non-negative integer; "
        "got 'two'. (see 'nova help backup')"
    )
    assert sent(mock) == []


def test_backup_instance_snapshot(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(["backup-instance", "vm1", "before-upgrade", "pre 2.0 upgrade"])
    assert result.exit_code == 0, result.stderr
    assert calls(mock) == [
        ("GET", "/servers/detail?name=^vm1$"),
        ("POST", f"/servers/{SID}/action"),
    ]
    assert action.last_request.json() == {
        "createImage": {"name": "before-upgrade", "metadata": {"description": "pre 2.0 upgrade"}}
    }
    assert version_of(action.last_request) == "2.104"
    assert record(result.stdout) == {"id": fx.NEW_IMAGE_ID, "name": "before-upgrade", "server": SID}


def test_backup_instance_rotation_at_2_1(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get = get_server(mock, fx.server_old())
    action = mock.post(
        ACTION, status_code=202, headers={"Location": f"{COMPUTE_URL}/images/{fx.NEW_IMAGE_ID}"}
    )
    result = run_cli(
        [
            "--os-compute-api-version",
            "2.1",
            "-f",
            "value",
            "-c",
            "id",
            "backup-instance",
            SID,
            "weekly-1",
            "weekly",
            "--rotation",
            "4",
            "--backup-type",
            "weekly",
        ]
    )
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "createBackup": {
            "name": "weekly-1",
            "backup_type": "weekly",
            "rotation": 4,
            "metadata": {"description": "weekly"},
        }
    }
    assert version_of(action.last_request) == "2.1"
    assert result.stdout == f"{fx.NEW_IMAGE_ID}\n"
    assert get.called_once


def test_backup_instance_rotation_default_type_and_wait(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server()}},
            {"json": {"server": fx.server(task_state="image_snapshot")}},
            {"json": {"server": fx.server(task_state="image_uploading")}},
            {"json": {"server": fx.server()}},
        ],
    )
    use_catalog(mock)
    image = mock.get(
        f"{IMAGE_URL}/v2/images/{fx.NEW_IMAGE_ID}",
        [{"json": {"id": fx.NEW_IMAGE_ID, "status": s}} for s in ("queued", "saving", "active")],
    )
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"-f json backup-instance {SID} nightly why --rotation 7 --wait")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {
        "createBackup": {
            "name": "nightly",
            "backup_type": "daily",
            "rotation": 7,
            "metadata": {"description": "why"},
        }
    }
    assert json.loads(result.stdout) == {
        "id": fx.NEW_IMAGE_ID,
        "name": "nightly",
        "server": SID,
        "status": "active",
    }
    assert image.call_count == 3
    assert calls(mock)[-3:] == [("GET", f"/servers/{SID}")] * 3


@pytest.mark.parametrize(
    "args, code, message",
    [
        (
            "--backup-type weekly",
            2,
            "nova backup-instance: error: --backup-type needs --rotation "
            "(see 'nova help backup-instance')",
        ),
        ("--rotation 0", 1, "ERROR (ValidationError): rotation must be a positive integer"),
        (
            "--rotation -1",
            2,
            "argument --rotation: the value must be a non-negative integer; got '-1'.",
        ),
    ],
)
def test_backup_instance_refusals(
    run_cli: RunCli, mock: requests_mock.Mocker, args: str, code: int, message: str
) -> None:
    get = get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"backup-instance {SID} nightly why {args}")
    assert result.exit_code == code
    assert message in one_line(result.stderr)
    assert not action.called
    assert get.called == (code == 1)  # a usage error sends nothing, not even the lookup
