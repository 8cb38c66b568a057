"""nova boot's input: how --nic, --block-device and the other options are read or refused."""

from __future__ import annotations

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.shell.server_helpers import (
    boot_mocks,
    one_line,
    sent,
)
from tests.unit.shell.support import RunCli


def nic_error(nic: str) -> str:
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
        ("net-id=not-a-uuid", nic_error("net-id=not-a-uuid")),
        ("foo=bar", nic_error("foo=bar")),
        (
            f"net-id={fx.NET_ID},port-id={fx.PORT_ID}",
            nic_error(f"net-id={fx.NET_ID},port-id={fx.PORT_ID}"),
        ),
        (
            f"v4-fixed-ip=10.0.0.1,net-id={fx.NET_ID},v4-fixed-ip=10.0.0.2",
            nic_error(f"v4-fixed-ip=10.0.0.1,net-id={fx.NET_ID},v4-fixed-ip=10.0.0.2"),
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
            nic_error(f"net-name=private,net-id={fx.NET_ID}"),
        ),
        ("net-name=", nic_error("net-name=")),
        ("v4-fixed-ip=10.0.0.1", nic_error("v4-fixed-ip=10.0.0.1")),
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
