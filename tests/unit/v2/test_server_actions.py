"""Server actions, images and backups: exact POST /servers/{id}/action bodies."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.servers import backup_image_id
from tests.unit.v2.helpers import (
    IMAGE_ID,
    SERVER_ID,
    S,
    assert_version,
    body_of,
    nothing_sent,
    only_request,
)

MakeClient = Callable[..., Client]
ACTION = f"{S}/{SERVER_ID}/action"
NEW_IMAGE = "0e7761b6-4f22-4b52-9ec9-6b7c9d8e1f00"
LOCATION = f"http://image.test/v2/images/{NEW_IMAGE}"


@pytest.fixture
def action(mock: requests_mock.Mocker) -> Any:
    return mock.post(ACTION, status_code=202, headers={"x-openstack-request-id": "req-a"})


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda m: m.reboot(SERVER_ID), {"reboot": {"type": "SOFT"}}),
        (lambda m: m.reboot(SERVER_ID, "hard"), {"reboot": {"type": "HARD"}}),
        (lambda m: m.start(SERVER_ID), {"os-start": None}),
        (lambda m: m.pause(SERVER_ID), {"pause": None}),
        (lambda m: m.unpause(SERVER_ID), {"unpause": None}),
        (lambda m: m.suspend(SERVER_ID), {"suspend": None}),
        (lambda m: m.resume(SERVER_ID), {"resume": None}),
        (lambda m: m.lock(SERVER_ID), {"lock": None}),
        (
            lambda m: m.lock(SERVER_ID, reason="maintenance"),
            {"lock": {"locked_reason": "maintenance"}},
        ),
        (lambda m: m.unlock(SERVER_ID), {"unlock": None}),
        (lambda m: m.unrescue(SERVER_ID), {"unrescue": None}),
        (lambda m: m.resize(SERVER_ID, "2"), {"resize": {"flavorRef": "2"}}),
        (lambda m: m.confirm_resize(SERVER_ID), {"confirmResize": None}),
        (lambda m: m.revert_resize(SERVER_ID), {"revertResize": None}),
    ],
)
def test_simple_actions(
    cs: Client, action: Any, call: Callable[[Any], Any], expected: dict[str, Any]
) -> None:
    result = call(cs.servers)
    # python-novaclient's TupleWithMeta: () with the response's request ids
    assert result == () and result.request_ids == ["req-a"]
    req = only_request(action)
    assert req.method == "POST" and req.path == f"/v2.1/servers/{SERVER_ID}/action"
    assert body_of(req) == expected
    assert_version(req, "2.104")


def test_reboot_type_is_validated(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError):
        cs.servers.reboot(SERVER_ID, "WARM")
    nothing_sent(mock)


def test_lock_reason_needs_2_73(
    mock: requests_mock.Mocker, make_client: MakeClient, action: Any
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.73"):
        make_client("2.72").servers.lock(SERVER_ID, reason="why")
    assert not action.called
    make_client("2.73").servers.lock(SERVER_ID, reason="why")
    assert_version(only_request(action), "2.73")


def test_action_in_wrong_state_is_conflict(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.post(
        ACTION,
        status_code=409,
        json={
            "conflictingRequest": {
                "code": 409,
                "message": "Cannot 'pause' instance while it is in vm_state stopped",
            }
        },
    )
    with pytest.raises(exceptions.Conflict, match="vm_state stopped"):
        cs.servers.pause(SERVER_ID)


def test_rescue_returns_admin_pass(mock: requests_mock.Mocker, cs: Client) -> None:
    post = mock.post(ACTION, json={"adminPass": "R3scue"})
    response, body = cs.servers.rescue(SERVER_ID, password="pw1234", image=IMAGE_ID)
    assert (response.status, body) == (200, {"adminPass": "R3scue"})  # python-novaclient's shape
    assert body_of(only_request(post)) == {
        "rescue": {"adminPass": "pw1234", "rescue_image_ref": IMAGE_ID}
    }


def test_rescue_without_arguments_sends_null(mock: requests_mock.Mocker, cs: Client) -> None:
    post = mock.post(ACTION, json={})
    assert cs.servers.rescue(SERVER_ID)[1] == {}
    assert body_of(only_request(post)) == {"rescue": None}


def test_rebuild_full(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(ACTION, json={"server": {"id": SERVER_ID, "status": "REBUILD"}})
    result = make_client("2.57").servers.rebuild(
        SERVER_ID,
        IMAGE_ID,
        password="pw1234",
        name="new",
        description=None,
        preserve_ephemeral=True,
        metadata={"a": "b"},
        key_name=None,
        user_data="hi",
    )
    req = only_request(post)
    assert body_of(req) == {
        "rebuild": {
            "imageRef": IMAGE_ID,
            "adminPass": "pw1234",
            "name": "new",
            "preserve_ephemeral": True,
            "metadata": {"a": "b"},
            "description": None,
            "key_name": None,
            "user_data": base64.b64encode(b"hi").decode(),
        }
    }
    assert_version(req, "2.57")
    assert result.status == "REBUILD"


def test_rebuild_minimal_at_2_1(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(ACTION, json={"server": {"id": SERVER_ID}})
    make_client("2.1").servers.rebuild(SERVER_ID, IMAGE_ID)
    assert body_of(only_request(post)) == {"rebuild": {"imageRef": IMAGE_ID}}


@pytest.mark.parametrize(
    ("kwargs", "needs"),
    [({"description": "d"}, "2.19"), ({"key_name": "k"}, "2.54"), ({"user_data": None}, "2.57")],
)
def test_rebuild_gates(
    mock: requests_mock.Mocker, make_client: MakeClient, kwargs: dict[str, Any], needs: str
) -> None:
    older = f"2.{int(needs.split('.')[1]) - 1}"
    with pytest.raises(exceptions.UnsupportedAttribute, match=needs):
        make_client(older).servers.rebuild(SERVER_ID, IMAGE_ID, **kwargs)
    nothing_sent(mock)


# -- images and backups -------------------------------------------------------------------


def test_create_image_at_2_44_reads_location(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202, headers={"Location": LOCATION})
    image_id = make_client("2.44").servers.create_image(SERVER_ID, "snap", {"k": "v"})
    req = only_request(post)
    assert body_of(req) == {"createImage": {"name": "snap", "metadata": {"k": "v"}}}
    assert_version(req, "2.44")
    assert image_id == NEW_IMAGE


def test_create_image_at_2_45_reads_body(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202, json={"image_id": NEW_IMAGE})
    assert make_client("2.45").servers.create_image(SERVER_ID, "snap") == NEW_IMAGE
    req = only_request(post)
    assert body_of(req) == {"createImage": {"name": "snap"}}
    assert_version(req, "2.45")


def test_create_image_without_an_id_is_invalid_response(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.post(ACTION, status_code=202)
    with pytest.raises(exceptions.InvalidResponse, match="no image id"):
        make_client("2.44").servers.create_image(SERVER_ID, "snap")


def test_backup_sends_create_backup(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    post = mock.post(
        ACTION,
        status_code=202,
        json={"image_id": NEW_IMAGE},
        headers={"x-openstack-request-id": "req-b"},
    )
    result = make_client("2.45").servers.backup(SERVER_ID, "b", "weekly", 2)
    # python-novaclient's shape from 2.45: the body as a dict, with the request ids.
    assert result == {"image_id": NEW_IMAGE} and result.request_ids == ["req-b"]
    assert body_of(only_request(post)) == {
        "createBackup": {"name": "b", "backup_type": "weekly", "rotation": 2}
    }


def test_backup_rotation_zero_before_2_45_has_no_id(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202)  # Nova sets Location only if rotation > 0
    result = make_client("2.44").servers.backup(SERVER_ID, "b", "daily", 0)
    assert result == () and backup_image_id(result) is None  # python-novaclient's () before 2.45
    assert post.called_once


def test_backup_before_2_45_keeps_the_location_id(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    mock.post(ACTION, status_code=202, headers={"Location": f"http://glance/images/{NEW_IMAGE}"})
    result = make_client("2.44").servers.backup(SERVER_ID, "b", "daily", 1)
    assert result == () and backup_image_id(result) == NEW_IMAGE


def test_backup_instance_quick_uses_create_image(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202, json={"image_id": NEW_IMAGE})
    assert make_client("2.45").servers.backup_instance(SERVER_ID, "nightly", "why") == NEW_IMAGE
    req = only_request(post)
    assert body_of(req) == {"createImage": {"name": "nightly", "metadata": {"description": "why"}}}
    assert_version(req, "2.45")


def test_backup_instance_quick_at_2_44_reads_location(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202, headers={"Location": LOCATION + "/"})
    assert make_client("2.44").servers.backup_instance(SERVER_ID, "n", "d") == NEW_IMAGE
    assert_version(only_request(post), "2.44")


def test_backup_instance_with_rotation_uses_create_backup(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202, headers={"Location": LOCATION})
    image_id = make_client("2.44").servers.backup_instance(
        SERVER_ID, "nightly", "why", rotation=3, backup_type="weekly"
    )
    assert image_id == NEW_IMAGE
    assert body_of(only_request(post)) == {
        "createBackup": {
            "name": "nightly",
            "backup_type": "weekly",
            "rotation": 3,
            "metadata": {"description": "why"},
        }
    }


def test_backup_instance_with_rotation_at_2_45(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(ACTION, status_code=202, json={"image_id": NEW_IMAGE})
    assert make_client("2.45").servers.backup_instance(SERVER_ID, "n", "d", rotation=1) == NEW_IMAGE
    assert body_of(only_request(post))["createBackup"]["backup_type"] == "daily"


@pytest.mark.parametrize("version", ["2.44", "2.45"])
def test_backup_instance_without_id_is_invalid_response(
    mock: requests_mock.Mocker, make_client: MakeClient, version: str
) -> None:
    mock.post(ACTION, status_code=202, json={} if version == "2.45" else None)
    with pytest.raises(exceptions.InvalidResponse) as info:
        make_client(version).servers.backup_instance(SERVER_ID, "n", "d")
    assert "returned no image id" in info.value.message
    assert "Location" in info.value.message


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("", "d"), {}),
        (("   ", "d"), {}),
        (("x" * 256, "d"), {}),
        (("n", "d" * 256), {}),
        (("n", "d"), {"rotation": 0}),
        (("n", "d"), {"rotation": -1}),
        (("n", "d"), {"rotation": 2, "backup_type": ""}),
    ],
)
def test_backup_instance_validates_before_sending(
    mock: requests_mock.Mocker, cs: Client, args: tuple[str, str], kwargs: dict[str, Any]
) -> None:
    post = mock.post(ACTION, status_code=202)
    with pytest.raises(exceptions.ValidationError):
        cs.servers.backup_instance(SERVER_ID, *args, **kwargs)
    assert not post.called
    nothing_sent(mock)


def test_backup_instance_limits_are_inclusive(mock: requests_mock.Mocker, cs: Client) -> None:
    post = mock.post(ACTION, status_code=202, json={"image_id": NEW_IMAGE})
    cs.servers.backup_instance(SERVER_ID, "n" * 255, "d" * 255)
    assert post.called_once


def test_backup_of_volume_backed_server_is_bad_request(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    mock.post(
        ACTION,
        status_code=400,
        json={
            "badRequest": {
                "code": 400,
                "message": "Backup is not supported for volume-backed instances.",
            }
        },
    )
    with pytest.raises(exceptions.BadRequest, match="volume-backed"):
        cs.servers.backup_instance(SERVER_ID, "n", "d", rotation=2)


# -- metadata and console -------------------------------------------------------------------


def test_set_meta(mock: requests_mock.Mocker, cs: Client) -> None:
    post = mock.post(f"{S}/{SERVER_ID}/metadata", json={"metadata": {"a": "1", "b": "2"}})
    assert cs.servers.set_meta(SERVER_ID, {"a": "1"}) == {"a": "1", "b": "2"}
    assert body_of(only_request(post)) == {"metadata": {"a": "1"}}


def test_set_meta_validates(mock: requests_mock.Mocker, cs: Client) -> None:
    for bad in ({}, {"k/": "v"}, {"k": "v" * 256}):
        with pytest.raises(exceptions.ValidationError):
            cs.servers.set_meta(SERVER_ID, bad)
    nothing_sent(mock)


def test_delete_meta_one_delete_per_key(mock: requests_mock.Mocker, cs: Client) -> None:
    first = mock.delete(f"{S}/{SERVER_ID}/metadata/a", status_code=204)
    second = mock.delete(f"{S}/{SERVER_ID}/metadata/b%20c", status_code=204)
    assert cs.servers.delete_meta(SERVER_ID, ["a", "b c"]) == ()
    assert first.called_once and second.called_once


def test_console_output(mock: requests_mock.Mocker, cs: Client) -> None:
    post = mock.post(ACTION, json={"output": "line1\nline2\n"})
    assert cs.servers.get_console_output(SERVER_ID, length=2) == "line1\nline2\n"
    assert body_of(only_request(post)) == {"os-getConsoleOutput": {"length": 2}}
    cs.servers.get_console_output(SERVER_ID)
    assert body_of(post.last_request) == {"os-getConsoleOutput": {}}


def test_stop_returns_the_response_and_body_as_python_novaclient(cs: Client, action: Any) -> None:
    resp, body = cs.servers.stop(SERVER_ID)
    assert (resp.status, resp.request_ids, body) == (202, ["req-a"], None)
    assert cs.servers.stop(SERVER_ID).request_ids == ["req-a"]
    req = action.request_history[0]
    assert req.path == f"/v2.1/servers/{SERVER_ID}/action" and body_of(req) == {"os-stop": None}
