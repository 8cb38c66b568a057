"""cs.volumes: the exact attachment requests at each microversion boundary."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from novaclient_lite.v2.volumes import Volume
from tests.unit.v2.helpers import (
    SERVER_ID,
    VOLUME_ID,
    S,
    assert_version,
    body_of,
    nothing_sent,
    only_request,
)

MakeClient = Callable[..., Client]
VA = f"{S}/{SERVER_ID}/os-volume_attachments"
NEW_VOLUME = "227cc671-f30b-4488-96fd-7d0bf13648d8"
ATTACHMENT = {"id": VOLUME_ID, "serverId": SERVER_ID, "volumeId": VOLUME_ID, "device": "/dev/vdb"}


def test_attach_sends_the_volume_and_device(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(VA, json={"volumeAttachment": ATTACHMENT})
    volume = make_client("2.48").volumes.create_server_volume(SERVER_ID, VOLUME_ID, "/dev/vdb")
    request = only_request(post)
    assert body_of(request) == {"volumeAttachment": {"volumeId": VOLUME_ID, "device": "/dev/vdb"}}
    assert_version(request, "2.48")
    assert isinstance(volume, Volume)
    assert (volume.id, volume.device) == (VOLUME_ID, "/dev/vdb")


def test_attach_without_device_sends_only_the_volume(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(VA, json={"volumeAttachment": ATTACHMENT})
    make_client("2.1").volumes.create_server_volume(SERVER_ID, VOLUME_ID)
    assert body_of(only_request(post)) == {"volumeAttachment": {"volumeId": VOLUME_ID}}


def test_attach_tag_from_2_49_and_delete_on_termination_from_2_79(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(VA, json={"volumeAttachment": ATTACHMENT})
    make_client("2.49").volumes.create_server_volume(SERVER_ID, VOLUME_ID, tag="db")
    assert body_of(post.last_request) == {"volumeAttachment": {"volumeId": VOLUME_ID, "tag": "db"}}
    make_client("2.79").volumes.create_server_volume(
        SERVER_ID, VOLUME_ID, delete_on_termination=True
    )
    assert body_of(post.last_request) == {
        "volumeAttachment": {"volumeId": VOLUME_ID, "delete_on_termination": True}
    }
    assert_version(post.last_request, "2.79")
    # False is python-novaclient's default and is not sent, at any version.
    make_client("2.1").volumes.create_server_volume(SERVER_ID, VOLUME_ID, None, None, False)
    assert body_of(post.last_request) == {"volumeAttachment": {"volumeId": VOLUME_ID}}


@pytest.mark.parametrize(
    ("version", "kwargs", "message"),
    [
        ("2.48", {"tag": "db"}, "'tag' needs compute API microversion 2.49 or later."),
        (
            "2.78",
            {"delete_on_termination": True},
            "'delete_on_termination' needs compute API microversion 2.79 or later.",
        ),
    ],
)
def test_attach_refuses_an_option_below_its_version(
    mock: requests_mock.Mocker,
    make_client: MakeClient,
    version: str,
    kwargs: dict[str, object],
    message: str,
) -> None:
    with pytest.raises(exceptions.UnsupportedAttribute) as info:
        make_client(version).volumes.create_server_volume(SERVER_ID, VOLUME_ID, **kwargs)
    assert str(info.value) == f"{message} This session uses {version}."
    nothing_sent(mock)


def test_attach_from_2_101_returns_none_for_the_empty_202(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    post = mock.post(VA, status_code=202)
    assert make_client("2.101").volumes.create_server_volume(SERVER_ID, VOLUME_ID) is None
    assert_version(only_request(post), "2.101")


def test_update_swaps_and_gates_delete_on_termination_at_2_85(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    put = mock.put(f"{VA}/{VOLUME_ID}", status_code=202, headers={"X-Openstack-Request-Id": "r1"})
    ids = make_client("2.84").volumes.update_server_volume(SERVER_ID, VOLUME_ID, NEW_VOLUME)
    assert ids == ["r1"]
    assert body_of(put.last_request) == {"volumeAttachment": {"volumeId": NEW_VOLUME}}
    make_client("2.85").volumes.update_server_volume(
        SERVER_ID, VOLUME_ID, VOLUME_ID, delete_on_termination=False
    )
    assert body_of(put.last_request) == {
        "volumeAttachment": {"volumeId": VOLUME_ID, "delete_on_termination": False}
    }
    assert_version(put.last_request, "2.85")
    assert put.call_count == 2
    with pytest.raises(exceptions.UnsupportedAttribute, match="2.85 or later"):
        make_client("2.84").volumes.update_server_volume(
            SERVER_ID, VOLUME_ID, VOLUME_ID, delete_on_termination=True
        )
    assert put.call_count == 2


def test_get_list_and_delete(mock: requests_mock.Mocker, make_client: MakeClient) -> None:
    at_2_89 = {"serverId": SERVER_ID, "volumeId": VOLUME_ID, "attachment_id": "a1", "bdm_uuid": "b"}
    get = mock.get(f"{VA}/{VOLUME_ID}", json={"volumeAttachment": at_2_89})
    listing = mock.get(VA, json={"volumeAttachments": [at_2_89, ATTACHMENT]})
    delete = mock.delete(f"{VA}/{VOLUME_ID}", status_code=202)
    cs = make_client("2.89")
    one = cs.volumes.get_server_volume(SERVER_ID, VOLUME_ID)
    assert (one.id, one.attachment_id) == (VOLUME_ID, "a1")  # 2.89 has no "id": the volumeId
    assert [v.volumeId for v in cs.volumes.get_server_volumes(SERVER_ID)] == [VOLUME_ID] * 2
    cs.volumes.delete_server_volume(SERVER_ID, VOLUME_ID)
    assert get.called_once and listing.called_once and delete.called_once


def test_the_deprecated_attachment_id_and_the_argument_rules(
    mock: requests_mock.Mocker, make_client: MakeClient
) -> None:
    delete = mock.delete(f"{VA}/{VOLUME_ID}", status_code=202)
    cs = make_client("2.1")
    with pytest.warns(DeprecationWarning, match="attachment_id argument"):
        cs.volumes.delete_server_volume(SERVER_ID, attachment_id=VOLUME_ID)
    assert delete.called_once
    with pytest.raises(TypeError, match="both volume_id and attachment_id"):
        cs.volumes.get_server_volume(SERVER_ID, VOLUME_ID, attachment_id=VOLUME_ID)
    with pytest.raises(TypeError, match="volume_id is required argument"):
        cs.volumes.delete_server_volume(SERVER_ID)
