"""python-novaclient's options on boot, list, show, update, rebuild and instance-action-list.

Each option at each of its microversion boundaries: the exact request, or the refusal
(one line, exit code, nothing sent).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import (
    ACTION,
    SID,
    SURL,
    flavor_get,
    get_server,
    one_line,
    record,
    sent,
    version_of,
)
from tests.unit.shell.support import DEFAULT_VARS, RunCli, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import query_of

BOOT = f"boot --flavor 1 --image {fx.IMAGE_ID}"


def boot_mocks(m: requests_mock.Mocker) -> Any:
    flavor_get(m)
    get_server(m)
    return m.post(f"{COMPUTE_URL}/servers", json=fx.created(), status_code=202)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# -- boot -----------------------------------------------------------------------------------


def test_boot_file_up_to_2_56_is_personality_and_never_logged(
    run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Path
) -> None:
    post = boot_mocks(mock)
    src = tmp_path / "motd"
    src.write_bytes(b"top-secret-file-body")
    result = run_cli(f"--debug --os-compute-api-version 2.56 {BOOT} --file /etc/motd={src} vm1")
    assert result.exit_code == 0, result.stderr
    server = post.last_request.json()["server"]
    assert server["personality"] == [
        {"path": "/etc/motd", "contents": b64(b"top-secret-file-body")}
    ]
    assert b64(b"top-secret-file-body") not in result.stderr + result.stdout
    assert "/etc/motd" in result.stderr  # the path is shown, the contents masked


def test_boot_dry_run_prints_the_file_masked_and_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Path
) -> None:
    post = boot_mocks(mock)
    src = tmp_path / "motd"
    src.write_bytes(b"top-secret-file-body")
    result = run_cli(
        f"--dry-run -f json --os-compute-api-version 2.56 {BOOT} --file /etc/motd={src} "
        "--access-ip-v4 192.0.2.1 vm1"
    )
    assert result.exit_code == 0, result.stderr
    assert '"path": "/etc/motd"' in result.stdout and '"contents": "***"' in result.stdout
    assert b64(b"top-secret-file-body") not in result.stdout + result.stderr
    assert '"accessIPv4": "192.0.2.1"' in result.stdout
    assert not post.called


def test_boot_file_after_2_56_is_refused(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"--os-compute-api-version 2.57 {BOOT} --file /etc/motd=/dev/null vm1")
    assert (result.exit_code, one_line(result.stderr)) == (
        1,
        "ERROR (UnsupportedAttribute): '--file' needs compute API microversion 2.56 or "
        "earlier. This session uses 2.57 (see --os-compute-api-version).",
    )
    assert sent(mock, "POST") == []


def test_boot_malformed_file_argument(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"--os-compute-api-version 2.56 {BOOT} --file /etc/motd vm1")
    assert (result.exit_code, one_line(result.stderr)) == (
        1,
        "ERROR (CommandError): Invalid file argument '/etc/motd'. File arguments must be of "
        "the form '--file <dst-path=src-path>'",
    )
    assert sent(mock, "POST") == []


def test_boot_legacy_block_device_mapping(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(
        f"boot --flavor 1 --block-device-mapping vda={fx.VOLUME_ID}:snap:10:0 --nic none vm1"
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"] == {
        "name": "vm1",
        "flavorRef": "1",
        "block_device_mapping": [
            {
                "device_name": "vda",
                "snapshot_id": fx.VOLUME_ID,
                "volume_size": "10",
                "delete_on_termination": "0",
            }
        ],
        "networks": "none",
    }


def test_boot_cannot_mix_old_and_new_block_devices(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    boot_mocks(mock)
    result = run_cli(
        f"boot --flavor 1 --block-device-mapping vda={fx.VOLUME_ID} --boot-volume "
        f"{fx.VOLUME_ID} vm1"
    )
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(
        "ERROR (CommandError): you can't mix old block devices (--block-device-mapping)"
    )
    assert sent(mock) == []


def test_boot_access_ips(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"{BOOT} --access-ip-v4 192.0.2.1 --access-ip-v6 2001:db8::1 vm1")
    assert result.exit_code == 0, result.stderr
    server = post.last_request.json()["server"]
    assert (server["accessIPv4"], server["accessIPv6"]) == ("192.0.2.1", "2001:db8::1")


@pytest.mark.parametrize(
    "option, key, first, value",
    [
        ("--trusted-image-certificate-id c1 --trusted-image-certificate-id c2",
         "trusted_image_certificates", "2.63", ["c1", "c2"]),
        ("--host compute1", "host", "2.74", "compute1"),
        ("--hypervisor-hostname hv1", "hypervisor_hostname", "2.74", "hv1"),
    ],
)  # fmt: skip
def test_boot_versioned_options_at_their_boundary(
    run_cli: RunCli, mock: requests_mock.Mocker, option: str, key: str, first: str, value: Any
) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"--os-compute-api-version {first} {BOOT} {option} vm1")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"][key] == value
    assert version_of(post.last_request) == first
    major, minor = first.split(".")
    below = f"{major}.{int(minor) - 1}"
    result = run_cli(f"--os-compute-api-version {below} {BOOT} {option} vm1")
    assert result.exit_code == 1
    assert f"needs compute API microversion {first} or later. This session uses {below}" in (
        one_line(result.stderr)
    )
    assert post.call_count == 1


def test_boot_trusted_certificates_from_the_environment(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    post = boot_mocks(mock)
    env = {**DEFAULT_VARS, "OS_TRUSTED_IMAGE_CERTIFICATE_IDS": "c1,c2"}
    result = run_cli(f"--os-compute-api-version 2.63 {BOOT} vm1", env_vars=env)
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["trusted_image_certificates"] == ["c1", "c2"]
    result = run_cli(f"--os-compute-api-version 2.62 {BOOT} vm1", env_vars=env)
    assert (result.exit_code, one_line(result.stderr)) == (
        1,
        "ERROR (UnsupportedAttribute): 'OS_TRUSTED_IMAGE_CERTIFICATE_IDS' needs compute API "
        "microversion 2.63 or later. This session uses 2.62.",
    )
    assert post.call_count == 1


# -- list -----------------------------------------------------------------------------------


@pytest.fixture
def list_get(mock: requests_mock.Mocker) -> Any:
    return mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))


@pytest.mark.parametrize(
    "options, query",
    [
        ("--config-drive", {"config_drive": ["True"]}),
        ("--no-config-drive", {"config_drive": ["False"]}),
        ("--progress 50", {"progress": ["50"]}),
        ("--vm-state active", {"vm_state": ["active"]}),
        ("--task-state spawning", {"task_state": ["spawning"]}),
        ("--power-state 1", {"power_state": ["1"]}),
        ("--tenant", {}),
        ("--user", {}),
        ("--tenant p1 --user u1", {"all_tenants": ["1"], "tenant_id": ["p1"], "user_id": ["u1"]}),
    ],
)
def test_list_filters_as_python_novaclient_sends_them(
    run_cli: RunCli, list_get: Any, options: str, query: dict[str, list[str]]
) -> None:
    result = run_cli(f"list {options}")
    assert result.exit_code == 0, result.stderr
    assert query_of(list_get.last_request) == query


def test_list_config_drive_options_exclude_each_other(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    result = run_cli("list --config-drive --no-config-drive")
    assert result.exit_code == 2
    assert "--no-config-drive: not allowed with argument --config-drive" in result.stderr
    assert sent(mock) == []


# -- show, update -----------------------------------------------------------------------------


def test_show_wrap(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock, fx.server(name="a-rather-long-server-name"))
    flavor_get(mock)
    result = run_cli(f"show {SID} --minimal --wrap 10")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout)["name"] == "a-rather-\nlong-\nserver-\nname"


@pytest.mark.parametrize("version, sent_body", [("2.90", True), ("2.89", False)])
def test_update_hostname_from_2_90(
    run_cli: RunCli, mock: requests_mock.Mocker, version: str, sent_body: bool
) -> None:
    get_server(mock)
    put = mock.put(SURL, json={"server": fx.server()})
    result = run_cli(f"--os-compute-api-version {version} update {SID} --hostname vm1-host")
    if sent_body:
        assert result.exit_code == 0, result.stderr
        assert put.last_request.json() == {"server": {"hostname": "vm1-host"}}
        assert version_of(put.last_request) == "2.90"
    else:
        assert result.exit_code == 1
        assert "'--hostname' needs compute API microversion 2.90 or later" in result.stderr
        assert not put.called


# -- rebuild ----------------------------------------------------------------------------------


def rebuild_mocks(m: requests_mock.Mocker) -> Any:
    get_server(m)
    return m.post(ACTION, json={"server": fx.server(status="REBUILD")}, status_code=202)


def test_rebuild_file_trusted_certificates_and_hostname(
    run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Path
) -> None:
    post = rebuild_mocks(mock)
    src = tmp_path / "f"
    src.write_bytes(b"x")
    result = run_cli(f"--os-compute-api-version 2.56 rebuild {SID} {fx.IMAGE_ID} --file /f={src}")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["rebuild"]["personality"] == [
        {"path": "/f", "contents": b64(b"x")}
    ]
    result = run_cli(
        f"--os-compute-api-version 2.90 rebuild {SID} {fx.IMAGE_ID} "
        "--trusted-image-certificate-id c1 --hostname vm1-host"
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json() == {
        "rebuild": {
            "imageRef": fx.IMAGE_ID,
            "trusted_image_certificates": ["c1"],
            "hostname": "vm1-host",
        }
    }
    result = run_cli(
        f"--os-compute-api-version 2.63 rebuild {SID} {fx.IMAGE_ID} "
        "--trusted-image-certificates-unset"
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["rebuild"]["trusted_image_certificates"] is None


@pytest.mark.parametrize(
    "options, env, message",
    [
        (
            "--trusted-image-certificate-id c1 --trusted-image-certificates-unset",
            {},
            "Cannot specify '--trusted-image-certificates-unset' with "
            "'--trusted-image-certificate-id' or with OS_TRUSTED_IMAGE_CERTIFICATE_IDS env "
            "variable set.",
        ),
        (
            "--trusted-image-certificates-unset",
            {"OS_TRUSTED_IMAGE_CERTIFICATE_IDS": "c1"},
            "Cannot specify '--trusted-image-certificates-unset' with "
            "'--trusted-image-certificate-id' or with OS_TRUSTED_IMAGE_CERTIFICATE_IDS env "
            "variable set.",
        ),
        ("--key-name k --key-unset", {}, "Cannot specify '--key-unset' with '--key-name'."),
    ],
)
def test_rebuild_refuses_python_novaclients_combinations(
    run_cli: RunCli, mock: requests_mock.Mocker, options: str, env: dict[str, str], message: str
) -> None:
    post = rebuild_mocks(mock)
    result = run_cli(
        f"--os-compute-api-version 2.90 rebuild {SID} {fx.IMAGE_ID} {options}",
        env_vars={**DEFAULT_VARS, **env},
    )
    assert (result.exit_code, one_line(result.stderr)) == (1, f"ERROR (CommandError): {message}")
    assert not post.called


def test_rebuild_hostname_before_2_90_is_refused(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    post = rebuild_mocks(mock)
    result = run_cli(f"--os-compute-api-version 2.89 rebuild {SID} {fx.IMAGE_ID} --hostname h")
    assert result.exit_code == 1
    assert "'--hostname' needs compute API microversion 2.90 or later" in result.stderr
    assert not post.called


# -- instance-action-list -----------------------------------------------------------------------


def test_instance_action_list_oldest_first(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    actions = [
        {"action": a, "request_id": f"req-{a}", "message": None, "start_time": t}
        for a, t in (
            ("reboot", "2026-01-03T00:00:00.000000"),
            ("create", "2026-01-01T00:00:00.000000"),
            ("stop", "2026-01-02T00:00:00.000000"),
        )
    ]
    mock.get(f"{SURL}/os-instance-actions", json={"instanceActions": actions})
    result = run_cli(f"--os-compute-api-version 2.57 instance-action-list {SID}")
    assert result.exit_code == 0, result.stderr
    assert [row[0] for row in table_rows(result.stdout)] == ["create", "stop", "reboot"]
