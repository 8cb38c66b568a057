"""Server commands end to end: argv -> HTTP requests -> stdout/stderr -> exit code."""

from __future__ import annotations

import json
from typing import Any

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
    version_of,
)
from tests.unit.shell.support import RunCli, table_header, table_rows
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import query_of

# -- boot ------------------------------------------------------------------------------------


def boot_mocks(m: requests_mock.Mocker) -> Any:
    flavor_get(m)
    get_server(m, fx.server(status="BUILD", task_state="scheduling", power_state=0))
    return m.post(f"{COMPUTE_URL}/servers", json=fx.created(), status_code=202)


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


def _nic_error(nic: str) -> str:
    return (
        f"ERROR (CommandError): Invalid nic argument '{nic}'. Nic arguments must be of the form "
        "--nic <auto,none,net-id=net-uuid,net-name=network-name,v4-fixed-ip=ip-addr,"
        "v6-fixed-ip=ip-addr,port-id=port-uuid,tag=tag>, with only one of net-id, net-name or "
        "port-id specified. Specifying a --nic of auto or none cannot be used with any other "
        "--nic value."
    )


@pytest.mark.parametrize(
    "nic, error",
    [
        ("net-id=not-a-uuid", _nic_error("net-id=not-a-uuid")),
        ("foo=bar", _nic_error("foo=bar")),
        (
            f"net-id={fx.NET_ID},port-id={fx.PORT_ID}",
            _nic_error(f"net-id={fx.NET_ID},port-id={fx.PORT_ID}"),
        ),
        (
            f"v4-fixed-ip=10.0.0.1,net-id={fx.NET_ID},v4-fixed-ip=10.0.0.2",
            _nic_error(f"v4-fixed-ip=10.0.0.1,net-id={fx.NET_ID},v4-fixed-ip=10.0.0.2"),
        ),
        (
            f"net-id={fx.NET_ID},v4-fixed-ip=999.1.1.1",
            "ERROR (CommandError): Invalid ipv4 address.",
        ),
        (f"net-id={fx.NET_ID},v6-fixed-ip=10.0.0.1", "ERROR (CommandError): Invalid ipv6 address."),
        (
            f"auto,net-id={fx.NET_ID}",
            "ERROR (CommandError): 'auto' or 'none' cannot be used with any other nic arguments",
        ),
        (
            f"net-name=private,net-id={fx.NET_ID}",
            _nic_error(f"net-name=private,net-id={fx.NET_ID}"),
        ),
        ("net-name=", _nic_error("net-name=")),
        ("v4-fixed-ip=10.0.0.1", _nic_error("v4-fixed-ip=10.0.0.1")),
    ],
)
def test_boot_bad_nic_says_what_python_novaclient_says(
    run_cli: RunCli, mock: requests_mock.Mocker, nic: str, error: str
) -> None:
    boot_mocks(mock)
    result = run_cli(["boot", "--flavor", "1", "--image", fx.IMAGE_ID, "--nic", nic, "vm1"])
    assert (result.exit_code, result.stdout, one_line(result.stderr)) == (1, "", error)
    assert sent(mock) == []


def test_boot_auto_with_another_nic_is_refused(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --nic auto --nic none vm1")
    assert result.exit_code == 1
    assert "auto or none cannot be used with any other --nic" in one_line(result.stderr)
    assert sent(mock, "POST") == []


def test_boot_nic_tag_needs_2_42(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    boot_mocks(mock)
    result = run_cli(
        f"--os-compute-api-version 2.40 boot --flavor 1 --image {fx.IMAGE_ID} "
        f"--nic net-id={fx.NET_ID},tag=eth0 vm1"
    )
    assert result.exit_code == 1
    assert "UnsupportedAttribute" in one_line(result.stderr)
    assert sent(mock, "POST") == []


@pytest.mark.parametrize(
    "device, needs",
    [
        ("tag=root", "'tag' in block device mapping is not supported in API version 2.41."),
        (
            "volume_type=fast",
            "'volume_type' in block device mapping is not supported in API version 2.41.",
        ),
    ],
)
def test_boot_block_device_keys_refused_in_python_novaclients_words(
    run_cli: RunCli, mock: requests_mock.Mocker, device: str, needs: str
) -> None:
    boot_mocks(mock)
    result = run_cli(
        f"--os-compute-api-version 2.41 boot --flavor 1 --image {fx.IMAGE_ID} "
        f"--block-device source=volume,id={fx.VOLUME_ID},dest=volume,{device} vm1"
    )
    assert (result.exit_code, result.stderr) == (1, f"ERROR (CommandError): {needs}\n")
    assert sent(mock, "POST") == []


@pytest.mark.parametrize(
    "value, sent_as",
    [
        ("true", True),
        ("1", True),
        ("YES", True),
        ("on", True),
        ("false", None),
        ("0", None),
        ("no", None),
        ("none", None),
        ("", None),
    ],
)
def test_boot_config_drive_words(
    run_cli: RunCli, mock: requests_mock.Mocker, value: str, sent_as: bool | None
) -> None:
    """python-novaclient's true/1 and false/0/none/"" plus the validators' other words."""
    post = boot_mocks(mock)
    result = run_cli(
        ["boot", "--flavor", "1", "--image", fx.IMAGE_ID, "--config-drive", value, "vm1"]
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"].get("config_drive", None) is sent_as


@pytest.mark.parametrize(
    "option, named",
    [
        (["--meta", "novalue"], "--meta must be of the form key=value; got 'novalue'."),
        (["--meta", "=v"], "--meta must be of the form key=value; got '=v'."),
        (["--meta", "bad/key=v"], "'bad/key'"),
        (["--meta", "k=" + "v" * 256], "metadata value of 'k' must be at most 255 characters"),
        (["--hint", "novalue"], "--hint must be of the form key=value; got 'novalue'."),
        (["--block-device", "source=disk"], "source must be volume, image, snapshot or blank"),
        (["--block-device", "source=volume,dest=cloud"], "dest must be local or volume"),
        (["--block-device", "shutdown=keep"], "shutdown must be remove or preserve"),
        (["--block-device", "size=big"], "size must be an integer"),
        (["--block-device", "colour=red"], "'colour=red' is not key=value"),
        (["--ephemeral", "size=x"], "Invalid --ephemeral 'size=x'"),
        (
            ["--config-drive", "maybe"],
            "--config-drive must be a boolean (true/false, yes/no, 1/0, on/off); got 'maybe'.",
        ),
        (["--tags", "a/b"], "at most 60 characters without characters '/' and ','; got 'a/b'."),
    ],
)
def test_boot_bad_values_send_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker, option: list[str], named: str
) -> None:
    post = boot_mocks(mock)
    result = run_cli(["boot", "--flavor", "1", "--image", fx.IMAGE_ID, *option, "vm1"])
    assert result.exit_code == 1
    assert named in one_line(result.stderr)
    assert not post.called


@pytest.mark.parametrize(
    "cmdline, code, named",
    [
        (
            "boot --flavor 1 --image cirros vm1",
            1,
            "ERROR (EndpointNotFound): No image service in "
            "the catalog for any region (interface public); pass an image ID or --os-image-url.",
        ),
        (
            "boot --flavor 1 --image {img} --image-with os_distro=cirros vm1",
            1,
            "exactly one source",
        ),
        ("boot --flavor 1 --image-with os_distro vm1", 1, "--image-with must be of the form"),
        ("boot --image {img} vm1", 1, "you need to specify a Flavor ID"),
        ("boot --flavor 1 vm1", 1, "you need to specify exactly one source ID"),
        ("boot --flavor 1 --image {img} --boot-volume {vol} vm1", 1, "exactly one source ID"),
        (
            "boot --flavor 1 --image {img} --min-count 0 vm1",
            2,
            "argument --min-count: the value must be a positive integer; got '0'.",
        ),
        (
            "boot --flavor 1 --image {img} --min-count 3 --max-count 2 vm1",
            1,
            "min_count must be at most max_count (2); got 3.",
        ),
        (
            "boot --flavor 1 --image {img} --user-data /nonexistent/file vm1",
            1,
            "Can't open '/nonexistent/file'",
        ),
    ],
)
def test_boot_usage_errors(
    run_cli: RunCli, mock: requests_mock.Mocker, cmdline: str, code: int, named: str
) -> None:
    post = boot_mocks(mock)
    result = run_cli(cmdline.format(img=fx.IMAGE_ID, vol=fx.VOLUME_ID))
    assert result.exit_code == code
    assert named in one_line(result.stderr)
    assert not post.called


def test_boot_tags_before_2_52(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    result = run_cli(
        f"--os-compute-api-version 2.51 boot --flavor 1 --image {fx.IMAGE_ID} --tags a vm1"
    )
    assert result.exit_code == 1
    assert "'--tags' needs compute API microversion 2.52 or later" in one_line(result.stderr)
    assert not post.called


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
