"""Commands that take image and network names: argv -> Image/Network/Compute API requests -> output.

The catalog (tests/unit/service_catalog.py) has compute, image and network
services; every test counts the Image API requests: 0 for a UUID, 1 for a name.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests_mock

from tests.unit import bodies as fx
from tests.unit.service_catalog import IMAGE_URL, NETWORK_URL, sent_to, use_catalog
from tests.unit.shell.server_helpers import (
    ACTION,
    SID,
    SURL,
    flavor_get,
    get_server,
    one_line,
    record,
    sent,
)
from tests.unit.shell.support import RunCli
from tests.unit.support import COMPUTE_URL, TOKEN
from tests.unit.v2.helpers import query_of

IMAGES = f"{IMAGE_URL}/v2/images"
IMAGE = f"{IMAGES}/{fx.IMAGE_ID}"
NEW_IMAGE = f"{IMAGES}/{fx.NEW_IMAGE_ID}"
NETWORKS = f"{NETWORK_URL}/v2.0/networks"
OTHER_ID = "0d5a5b3c-8d1e-4a7f-9c2b-6e4f3a2b1c0d"


def glance_image(image_id: str = fx.IMAGE_ID, name: str = "cirros", **extra: Any) -> dict[str, Any]:
    return {
        "id": image_id,
        "name": name,
        "status": "active",
        "visibility": "public",
        "size": 21430272,
        "min_disk": 0,
        **extra,
    }


@pytest.fixture(autouse=True)
def catalog(mock: requests_mock.Mocker) -> None:
    use_catalog(mock)


def images_sent(m: requests_mock.Mocker) -> list[Any]:
    return sent_to(m, IMAGE_URL)


def boot_mocks(m: requests_mock.Mocker) -> Any:
    flavor_get(m)
    get_server(m, fx.server(status="BUILD", task_state="scheduling", power_state=0))
    return m.post(f"{COMPUTE_URL}/servers", json=fx.created(), status_code=202)


# -- boot --------------------------------------------------------------------------------------


def test_boot_by_image_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    by_name = mock.get(IMAGES, json={"images": [glance_image()]})
    result = run_cli("boot --flavor 1 --image cirros vm1")
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["imageRef"] == fx.IMAGE_ID
    assert query_of(by_name.last_request) == {"name": ["cirros"]}
    # the name already known: show's "name (id)" needs no second GET
    assert len(images_sent(mock)) == 1
    assert record(result.stdout)["image"] == f"cirros ({fx.IMAGE_ID})"


def test_boot_by_image_uuid_looks_nothing_up(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    get_image = mock.get(IMAGE, json=glance_image())
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} vm1")
    assert result.exit_code == 0, result.stderr
    first_image_request = mock.request_history.index(get_image.last_request)
    assert mock.request_history.index(post.last_request) < first_image_request
    assert len(images_sent(mock)) == 1  # only the label of the printed server
    assert record(result.stdout)["image"] == f"cirros ({fx.IMAGE_ID})"


def test_boot_ambiguous_image_name_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    post = boot_mocks(mock)
    mock.get(IMAGES, json={"images": [glance_image(), glance_image(OTHER_ID)]})
    result = run_cli("boot --flavor 1 --image cirros vm1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "ERROR (NoUniqueMatch): Multiple images match 'cirros'; use an ID."
    )
    assert not post.called and result.stdout == ""


def test_boot_unknown_image_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    mock.get(IMAGES, json={"images": []})
    result = run_cli("boot --flavor 1 --image nope vm1")
    assert result.exit_code == 1
    assert "No image with a name or ID of 'nope' exists." in one_line(result.stderr)
    assert not post.called


def test_boot_image_with_properties(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    matcher = mock.get(
        IMAGES,
        json={
            "images": [
                glance_image(os_distro="cirros"),
                glance_image(OTHER_ID, "x", os_distro="ubuntu"),
            ]
        },
    )
    result = run_cli("boot --flavor 1 --image-with os_distro=cirros vm1")
    assert result.exit_code == 0, result.stderr
    assert query_of(matcher.last_request) == {"os_distro": ["cirros"]}
    assert post.last_request.json()["server"]["imageRef"] == fx.IMAGE_ID
    assert len(images_sent(mock)) == 1


def test_boot_nic_net_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    mock.get(IMAGE, json=glance_image())
    nets = mock.get(NETWORKS, json={"networks": [{"id": fx.NET_ID, "name": "private"}]})
    result = run_cli(
        [
            "boot",
            "--flavor",
            "1",
            "--image",
            fx.IMAGE_ID,
            "--nic",
            "net-name=private,v4-fixed-ip=10.0.0.5",
            "--nic",
            "net-name=private,tag=second",
            "vm1",
        ]
    )
    assert result.exit_code == 0, result.stderr
    assert post.last_request.json()["server"]["networks"] == [
        {"uuid": fx.NET_ID, "fixed_ip": "10.0.0.5"},
        {"uuid": fx.NET_ID, "tag": "second"},
    ]
    assert nets.call_count == 1  # one lookup per name
    assert query_of(nets.last_request) == {"name": ["private"]}


def test_boot_unknown_network_name_sends_nothing(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    post = boot_mocks(mock)
    mock.get(NETWORKS, json={"networks": []})
    result = run_cli(f"boot --flavor 1 --image {fx.IMAGE_ID} --nic net-name=nope vm1")
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(
        "ERROR (ResourceNotFound): No network with a name or ID of 'nope' exists."
    )
    assert not post.called


def test_boot_with_an_explicit_image_url(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    glance = "http://glance.explicit:9292"
    by_name = mock.get(f"{glance}/v2/images", json={"images": [glance_image()]})
    env = {"OS_TOKEN": TOKEN, "OS_ENDPOINT_OVERRIDE": COMPUTE_URL, "OS_IMAGE_URL": glance}
    result = run_cli("boot --flavor 1 --image cirros vm1", env_vars=env)
    assert result.exit_code == 0, result.stderr
    assert by_name.last_request.headers["X-Auth-Token"] == TOKEN
    assert post.last_request.json()["server"]["imageRef"] == fx.IMAGE_ID
    assert images_sent(mock) == []


def test_boot_by_name_in_admin_token_mode_without_image_url(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    post = boot_mocks(mock)
    env = {"OS_TOKEN": TOKEN, "OS_ENDPOINT_OVERRIDE": COMPUTE_URL}
    result = run_cli("boot --flavor 1 --image cirros vm1", env_vars=env)
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "ERROR (EndpointNotFound): No image service in the catalog for any region (interface "
        "public); pass an image ID or --os-image-url."
    )
    assert not post.called


def test_dry_run_boot_looks_the_names_up(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    post = boot_mocks(mock)
    by_name = mock.get(IMAGES, json={"images": [glance_image()]})
    nets = mock.get(NETWORKS, json={"networks": [{"id": fx.NET_ID, "name": "private"}]})
    result = run_cli("--dry-run boot --flavor 1 --image cirros --nic net-name=private vm1")
    assert result.exit_code == 0, result.stderr
    assert by_name.called_once and nets.called_once and not post.called
    assert f'"imageRef": "{fx.IMAGE_ID}"' in result.stdout
    assert f'"uuid": "{fx.NET_ID}"' in result.stdout


# -- list, rebuild, rescue ----------------------------------------------------------------------


@pytest.mark.parametrize("image, lookups", [("cirros", 1), (fx.IMAGE_ID, 0)])
def test_list_by_image(
    run_cli: RunCli, mock: requests_mock.Mocker, image: str, lookups: int
) -> None:
    mock.get(IMAGES, json={"images": [glance_image()]})
    detail = mock.get(f"{COMPUTE_URL}/servers/detail", json=fx.servers_page(fx.server()))
    result = run_cli(f"list --image {image}")
    assert result.exit_code == 0, result.stderr
    assert query_of(detail.last_request)["image"] == [fx.IMAGE_ID]
    assert len(images_sent(mock)) == lookups


def test_rebuild_by_image_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(IMAGES, json={"images": [glance_image(OTHER_ID, "ubuntu")]})
    action = mock.post(ACTION, json={"server": fx.server(image={"id": OTHER_ID})}, status_code=202)
    result = run_cli(f"rebuild {SID} ubuntu")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"rebuild": {"imageRef": OTHER_ID}}
    assert record(result.stdout)["image"] == f"ubuntu ({OTHER_ID})"
    assert len(images_sent(mock)) == 1


def test_rescue_by_image_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.get(IMAGES, json={"images": [glance_image(OTHER_ID, "rescue-img")]})
    action = mock.post(ACTION, json={"adminPass": "pw"}, status_code=202)
    result = run_cli(f"rescue --image rescue-img {SID}")
    assert result.exit_code == 0, result.stderr
    assert action.last_request.json() == {"rescue": {"rescue_image_ref": OTHER_ID}}


# -- show: "name (id)" ---------------------------------------------------------------------------


def test_show_prints_the_image_name(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    flavor_get(mock)
    get_image = mock.get(IMAGE, json=glance_image())
    result = run_cli(f"show {SID}")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout)["image"] == f"cirros ({fx.IMAGE_ID})"
    assert get_image.call_count == 1 and len(images_sent(mock)) == 1


def test_show_minimal_skips_the_image(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    result = run_cli(f"show --minimal {SID}")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout)["image"] == fx.IMAGE_ID
    assert images_sent(mock) == []


def test_show_image_gone(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    flavor_get(mock)
    mock.get(IMAGE, status_code=404, json={"message": "No image found", "code": "404"})
    result = run_cli(f"show {SID}")
    assert result.exit_code == 0, result.stderr
    assert record(result.stdout)["image"] == f"Image not found ({fx.IMAGE_ID})"


def test_show_without_an_image_service(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    use_catalog(mock, image=None)
    get_server(mock)
    flavor_get(mock)
    result = run_cli(f"show {SID}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert record(result.stdout)["image"] == fx.IMAGE_ID


# -- image-create, backup, backup-instance: the Glance record, --wait until active ----------------


def test_image_create_show_prints_the_glance_record(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    get_server(mock)
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    get_image = mock.get(
        NEW_IMAGE, json=glance_image(fx.NEW_IMAGE_ID, "snap1", status="queued", instance_uuid=SID)
    )
    result = run_cli(f"-f json image-create --show {SID} snap1")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["id"], shown["name"], shown["status"], shown["instance_uuid"]) == (
        fx.NEW_IMAGE_ID,
        "snap1",
        "queued",
        SID,
    )
    assert get_image.call_count == 1


def test_image_create_wait_until_active(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server()}},
            {"json": {"server": fx.server(task_state="image_uploading")}},
            {"json": {"server": fx.server()}},
        ],
    )
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    get_image = mock.get(
        NEW_IMAGE,
        [
            {"json": glance_image(fx.NEW_IMAGE_ID, "snap1", status=s)}
            for s in ("queued", "saving", "active")
        ],
    )
    result = run_cli(f"-f json image-create --wait --show {SID} snap1", isatty=True)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "active"
    assert get_image.call_count == 3  # the record printed is the last poll's
    assert len(sent(mock, "GET")) == 3  # the lookup, then the server until its task is done
    assert f"Image {fx.NEW_IMAGE_ID}: saving" in result.stderr
    assert f"\r\x1b[KImage {fx.NEW_IMAGE_ID}: active\n" in result.stderr


@pytest.mark.parametrize("state", ["killed", "deleted"])
def test_image_create_wait_for_a_dead_image(
    run_cli: RunCli, mock: requests_mock.Mocker, state: str
) -> None:
    get_server(mock)
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    mock.get(
        NEW_IMAGE, [{"json": glance_image(fx.NEW_IMAGE_ID, status=s)} for s in ("saving", state)]
    )
    result = run_cli(f"image-create --wait {SID} snap1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"ERROR (ResourceInErrorState): Image {fx.NEW_IMAGE_ID} went to status {state} (its "
        "upload failed or it was deleted) while waiting for it to become active."
    )


def test_image_create_wait_times_out(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    mock.get(NEW_IMAGE, json=glance_image(fx.NEW_IMAGE_ID, status="saving"))
    result = run_cli(f"image-create --wait --wait-timeout 10 {SID} snap1")
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        f"ERROR (WaitTimeout): Timed out after 10s waiting for image {fx.NEW_IMAGE_ID} to "
        "become active (status saving)."
    )


def test_wait_needs_the_image_service_before_anything_is_sent(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    use_catalog(mock, image=None)
    get_server(mock)
    action = mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    for cmd in (
        f"image-create --wait {SID} snap1",
        f"backup --wait {SID} b daily 1",
        f"backup-instance --wait {SID} b why",
    ):
        result = run_cli(cmd)
        assert result.exit_code == 1
        assert "ERROR (EndpointNotFound): No image service in the catalog" in one_line(
            result.stderr
        )
    assert not action.called


def test_backup_prints_the_glance_record(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    get_server(mock)
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    mock.get(
        NEW_IMAGE,
        json=glance_image(fx.NEW_IMAGE_ID, "nightly", status="queued", image_type="backup"),
    )
    result = run_cli(f"backup {SID} nightly daily 2")
    assert result.exit_code == 0, result.stderr
    shown = record(result.stdout)
    assert (shown["id"], shown["image_type"], shown["status"]) == (
        fx.NEW_IMAGE_ID,
        "backup",
        "queued",
    )


def test_backup_without_an_image_service(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    use_catalog(mock, image=None)
    get_server(mock)
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    result = run_cli(f"-f json backup {SID} nightly daily 2")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {"id": fx.NEW_IMAGE_ID, "name": "nightly", "server": SID}


def test_backup_wait(run_cli: RunCli, mock: requests_mock.Mocker) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server()}},
            {"json": {"server": fx.server(task_state="image_uploading")}},
            {"json": {"server": fx.server()}},
        ],
    )
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    get_image = mock.get(
        NEW_IMAGE, [{"json": glance_image(fx.NEW_IMAGE_ID, status=s)} for s in ("saving", "active")]
    )
    result = run_cli(f"-f json backup --wait {SID} nightly daily 2")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "active"
    assert get_image.call_count == 2 and len(sent(mock, "GET")) == 3


def test_backup_instance_wait_shares_one_timeout(
    run_cli: RunCli, mock: requests_mock.Mocker
) -> None:
    mock.get(
        SURL,
        [
            {"json": {"server": fx.server()}},
            {"json": {"server": fx.server(task_state="image_uploading")}},
        ],
    )
    mock.post(ACTION, json={"image_id": fx.NEW_IMAGE_ID}, status_code=202)
    mock.get(
        NEW_IMAGE,
        [
            {"json": glance_image(fx.NEW_IMAGE_ID, status=s)}
            for s in ("saving", "saving", "saving", "active")
        ],
    )
    result = run_cli(f"backup-instance --wait --wait-timeout 4 {SID} b why")
    assert result.exit_code == 1
    # 3.5 s of the 4 went to the image: the server gets what is left, not 4 more
    assert one_line(result.stderr) == (
        f"ERROR (WaitTimeout): Timed out after 0.5s waiting for server {SID} to become "
        "ACTIVE/PAUSED/SHUTOFF/SUSPENDED (status ACTIVE, task image_uploading)."
    )
