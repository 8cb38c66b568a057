"""volume-attach, volume-update, volume-detach, volume-attachments: argv -> requests -> output."""

from __future__ import annotations

import json

import pytest
import requests_mock

from tests.unit.shell.server_helpers import SID, SURL, calls, get_server, record, version_of
from tests.unit.shell.support import RunCli
from tests.unit.v2.helpers import VOLUME_ID, body_of

VA = f"{SURL}/os-volume_attachments"
NEW = "227cc671-f30b-4488-96fd-7d0bf13648d8"
V = "--os-compute-api-version"


def attachment(**extra: object) -> dict[str, object]:
    return {"id": VOLUME_ID, "serverId": SID, "volumeId": VOLUME_ID, "device": "/dev/vdb", **extra}


def test_volume_attach_sends_every_option_and_prints_the_attachment(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get = get_server(mock)
    post = mock.post(VA, json={"volumeAttachment": attachment(tag="db")})
    result = run_cli(
        f"{V} 2.79 volume-attach {SID} {VOLUME_ID} /dev/vdb --tag db --delete-on-termination"
    )
    assert result.exit_code == 0, result.stderr
    assert body_of(post.last_request) == {
        "volumeAttachment": {
            "volumeId": VOLUME_ID,
            "device": "/dev/vdb",
            "tag": "db",
            "delete_on_termination": True,
        }
    }
    assert version_of(post.last_request) == "2.79"
    assert get.called_once and post.called_once
    assert record(result.stdout) == {
        "device": "/dev/vdb",
        "id": VOLUME_ID,
        "serverId": SID,
        "tag": "db",
        "volumeId": VOLUME_ID,
    }


def test_volume_attach_auto_device_is_left_to_nova(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(VA, json={"volumeAttachment": attachment()})
    result = run_cli(f"{V} 2.48 volume-attach {SID} {VOLUME_ID} auto")
    assert result.exit_code == 0, result.stderr
    assert body_of(post.last_request) == {"volumeAttachment": {"volumeId": VOLUME_ID}}


@pytest.mark.parametrize(
    ("version", "option", "since"),
    [("2.48", "--tag db", "2.49"), ("2.78", "--delete-on-termination", "2.79")],
)
def test_volume_attach_option_below_its_version_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, option: str, since: str
) -> None:
    result = run_cli(f"{V} {version} volume-attach {SID} {VOLUME_ID} {option}")
    assert result.exit_code == 1
    flag = option.split()[0]
    assert result.stderr == (
        f"ERROR (UnsupportedAttribute): '{flag}' needs compute API microversion {since} or "
        f"later. This session uses {version} (see --os-compute-api-version).\n"
    )
    assert calls(mock) == []


def test_volume_attach_from_2_101_prints_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(VA, status_code=202)
    result = run_cli(f"volume-attach {SID} {VOLUME_ID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert version_of(post.last_request) == "2.104"


def test_volume_update_swaps_then_sets_delete_on_termination_from_2_85(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    put = mock.put(f"{VA}/{VOLUME_ID}", status_code=202)
    assert run_cli(f"{V} 2.84 volume-update {SID} {VOLUME_ID} {NEW}").exit_code == 0
    assert body_of(put.last_request) == {"volumeAttachment": {"volumeId": NEW}}
    result = run_cli(
        f"{V} 2.85 volume-update {SID} {VOLUME_ID} {VOLUME_ID} --no-delete-on-termination"
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert body_of(put.last_request) == {
        "volumeAttachment": {"volumeId": VOLUME_ID, "delete_on_termination": False}
    }
    run_cli(f"volume-update {SID} {VOLUME_ID} {VOLUME_ID} --delete-on-termination")
    assert body_of(put.last_request)["volumeAttachment"]["delete_on_termination"] is True
    assert version_of(put.last_request) == "2.104"


def test_volume_update_refuses_both_and_old_versions(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    both = run_cli(
        f"volume-update {SID} {VOLUME_ID} {NEW} --delete-on-termination --no-delete-on-termination"
    )
    assert both.exit_code == 2
    assert "not allowed with argument --delete-on-termination" in both.stderr
    old = run_cli(f"{V} 2.84 volume-update {SID} {VOLUME_ID} {NEW} --no-delete-on-termination")
    assert old.exit_code == 1
    assert "'--no-delete-on-termination' needs compute API microversion 2.85" in old.stderr
    assert calls(mock) == []


def test_volume_detach(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    delete = mock.delete(f"{VA}/{VOLUME_ID}", status_code=202)
    result = run_cli(f"volume-detach {SID} {VOLUME_ID}")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert delete.called_once


@pytest.mark.parametrize(
    ("version", "header", "row"),
    [
        (
            "2.69",
            ["ID", "DEVICE", "SERVER ID", "VOLUME ID"],
            [VOLUME_ID, "/dev/vdb", SID, VOLUME_ID],
        ),
        (
            "2.79",
            ["ID", "DEVICE", "SERVER ID", "VOLUME ID", "TAG", "DELETE ON TERMINATION"],
            [VOLUME_ID, "/dev/vdb", SID, VOLUME_ID, "db", "False"],
        ),
        (
            "2.89",
            [
                "DEVICE",
                "SERVER ID",
                "VOLUME ID",
                "ATTACHMENT ID",
                "BDM UUID",
                "TAG",
                "DELETE ON TERMINATION",
            ],
            ["/dev/vdb", SID, VOLUME_ID, "a1", "b1", "db", "False"],
        ),
    ],
)
def test_volume_attachments_columns_per_version(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, header: list[str], row: list[str]
) -> None:
    get_server(mock)
    extra = {"tag": "db", "delete_on_termination": False, "attachment_id": "a1", "bdm_uuid": "b1"}
    mock.get(VA, json={"volumeAttachments": [attachment(**extra)]})
    result = run_cli(f"{V} {version} volume-attachments {SID}")
    assert result.exit_code == 0, result.stderr
    assert (result.header, result.table) == (header, [row])


def test_volume_attachments_2_70_adds_tag(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(VA, json={"volumeAttachments": [attachment(tag=None)]})
    result = run_cli(f"{V} 2.70 volume-attachments {SID} -f json")
    assert json.loads(result.stdout) == [
        {
            "ID": VOLUME_ID,
            "DEVICE": "/dev/vdb",
            "SERVER ID": SID,
            "VOLUME ID": VOLUME_ID,
            "TAG": None,
        }
    ]


def test_dry_run_volume_attach_prints_the_post_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    post = mock.post(VA, status_code=202)
    result = run_cli(f"--dry-run volume-attach {SID} {VOLUME_ID} /dev/vdc")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"POST {VA}"
    assert '"device": "/dev/vdc"' in result.stdout
    assert result.stderr == "Dry run: 1 request printed, none sent.\n"
    assert not post.called
