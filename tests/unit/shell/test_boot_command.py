"""nova boot: the request it sends for each option, its output and its refusals."""

from __future__ import annotations

import json
from typing import Any

import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import (
    SID,
    SURL,
    boot_mocks,
    calls,
    flavor_get,
    get_server,
    one_line,
    record,
    version_of,
)
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL

# -- boot ------------------------------------------------------------------------------------


def test_boot_minimal(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    assert result.exit_code == 0, result.stderr
    assert post.called_once
    assert post.last_request.json() == {
        "server": {"name": "vm1", "flavorRef": "1", "imageRef": fx.IMAGE_ID, "networks": "auto"}
    }
    assert version_of(post.last_request) == "2.104"
    assert post.last_request.headers["OpenStack-API-Version"] == "compute 2.104"
    assert calls(mock) == [("GET", "/flavors/1"), ("POST", "/servers"), ("GET", f"/servers/{SID}")]
    shown = record(result.stdout)
    assert shown["adminPass"] == fx.ADMIN_PASS
    assert shown["id"] == SID
    assert shown["status"] == "BUILD"
    assert shown["OS-EXT-STS:task_state"] == "scheduling"
    assert shown["private network"] == "192.168.1.30, fd00::30"
    assert shown["flavor:original_name"] == "m1.tiny"
    assert shown["image"] == fx.IMAGE_ID
    assert shown["security_groups"] == "default"
    assert shown["metadata"] == '{"role": "web"}'
    assert "links" not in shown and "addresses" not in shown and "flavor" not in shown
    assert result.stderr == ""


def test_boot_every_option(run_cli: RunCli, mock: requests_mock.Mocker, tmp_path: Any) -> None:
    post = boot_mocks(mock)
    user_data = tmp_path / "cloud-init.yaml"
    user_data.write_bytes(b"#cloud-config\n")
    result = run_cli(
        [
            "boot",
            "--flavor",
            "1",
            "--image",
            fx.IMAGE_ID,
            "--nic",
            f"net-id={fx.NET_ID},v4-fixed-ip=10.0.0.5,tag=eth0",
            "--nic",
            f"port-id={fx.PORT_ID}",
            "--nic",
            f"net-id={fx.NET_ID},v6-fixed-ip=fd00::5",
            "--meta",
            "role=web",
            "--meta",
            "expr=a=b",
            "--key-name",
            "mykey",
            "--user-data",
            str(user_data),
            "--security-groups",
            "default,web",
            "--availability-zone",
            "nova",
            "--description",
            "web server",
            "--tags",
            "t1,t2",
            "--min-count",
            "2",
            "--max-count",
            "3",
            "--config-drive",
            "true",
            "--hint",
            "group=g1",
            "--hint",
            "same_host=a",
            "--hint",
            "same_host=b",
            "--block-device",
            f"source=volume,id={fx.VOLUME_ID},dest=volume,size=10,"
            "shutdown=remove,bootindex=1,tag=data,volume_type=fast",
            "--ephemeral",
            "size=2,format=ext4",
            "--swap",
            "512",
            "--admin-pass",
            "s3cret",
            "--hostname",
            "web-1",
            "vm1",
        ]
    )
    assert result.exit_code == 0, result.stderr
    local = {
        "source_type": "blank",
        "destination_type": "local",
        "boot_index": -1,
        "delete_on_termination": True,
    }
    assert post.last_request.json() == {
        "server": {
            "name": "vm1",
            "flavorRef": "1",
            "imageRef": fx.IMAGE_ID,
            "metadata": {"role": "web", "expr": "a=b"},
            "user_data": "I2Nsb3VkLWNvbmZpZwo=",
            "security_groups": [{"name": "default"}, {"name": "web"}],
            "block_device_mapping_v2": [
                {
                    "source_type": "volume",
                    "uuid": fx.VOLUME_ID,
                    "destination_type": "volume",
                    "volume_size": 10,
                    "delete_on_termination": True,
                    "boot_index": 1,
                    "tag": "data",
                    "volume_type": "fast",
                },
                {**local, "volume_size": 2, "guest_format": "ext4"},
                {**local, "guest_format": "swap", "volume_size": 512},
            ],
            "min_count": 2,
            "max_count": 3,
            "networks": [
                {"uuid": fx.NET_ID, "fixed_ip": "10.0.0.5", "tag": "eth0"},
                {"port": fx.PORT_ID},
                {"uuid": fx.NET_ID, "fixed_ip": "fd00::5"},
            ],
            "description": "web server",
            "tags": ["t1", "t2"],
            "hostname": "web-1",
            "key_name": "mykey",
            "availability_zone": "nova",
            "adminPass": "s3cret",
            "config_drive": True,
        },
        "os:scheduler_hints": {"group": "g1", "same_host": ["a", "b"]},
    }


def test_boot_from_volume_without_image(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --boot-volume {fx.VOLUME_ID} --nic none vm1")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json() == {
        "server": {
            "name": "vm1",
            "flavorRef": "1",
            "networks": "none",
            "block_device_mapping_v2": [
                {
                    "uuid": fx.VOLUME_ID,
                    "source_type": "volume",
                    "destination_type": "volume",
                    "boot_index": 0,
                    "delete_on_termination": False,
                }
            ],
        }
    }


def test_boot_key_name_from_environment(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    from tests.unit.shell.support import DEFAULT_VARS

    post = boot_mocks(mock)
    result = run_cli(
        f"boot --flavor 1 --image {fx.IMAGE_ID} vm1",
        env_vars={**DEFAULT_VARS, "NOVACLIENT_DEFAULT_KEY_NAME": "envkey"},
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["key_name"] == "envkey"


def test_boot_at_2_1_sends_no_networks(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    get = get_server(mock, fx.server_old(status="BUILD"))
    result = run_cli(f"--os-compute-api-version 2.1 boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json() == {
        "server": {"name": "vm1", "flavorRef": "1", "imageRef": fx.IMAGE_ID}
    }
    assert version_of(post.last_request) == "2.1"
    assert "OpenStack-API-Version" not in post.last_request.headers
    assert record(result.stdout)["flavor"] == "m1.tiny (1)"
    assert get.called_once


def test_boot_wait_polls_until_active(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server(status="BUILD", task_state="spawning")}},
            {"json": {"server": fx.server()}},
        ],
    )
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --poll vm1")
    assert result.exit_code == 0, result.stderr
    shown = record(result.stdout)
    assert (shown["status"], shown["adminPass"]) == ("ACTIVE", fx.ADMIN_PASS)
    assert [c for c in calls(mock) if c[0] == "GET"][1:] == [("GET", f"/servers/{SID}")] * 2


def test_boot_wait_error_state(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    mock.get(
        SURL,
        json={
            "server": fx.server(
                status="ERROR", fault={"code": 500, "message": "No valid host was found."}
            )
        },
    )
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --wait vm1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert one_line(result.stderr) == (
        f"ERROR (ResourceInErrorState): Server {SID} is in ERROR state: No valid host was found."
    )


def test_boot_return_reservation_id(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    flavor = flavor_get(mock)
    post = mock.post(
        f"{COMPUTE_URL}/servers", json={"reservation_id": "r-3bn8nnxm"}, status_code=202
    )
    result = run_cli(
        f"boot --flavor 1 --image {fx.IMAGE_ID} --max-count 3 --return-reservation-id vm"
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["return_reservation_id"] is True
    assert record(result.stdout) == {"reservation_id": "r-3bn8nnxm"}
    assert calls(mock)[-1] == ("POST", "/servers")
    assert flavor.called_once


def test_boot_json_output(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"-f json boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    data = json.loads(result.stdout)
    assert data["adminPass"] == fx.ADMIN_PASS
    assert data["private network"] == "192.168.1.30, fd00::30"
    assert data["metadata"] == {"role": "web"}
