"""AssistedSnapshotManager: POST and DELETE /os-assisted-volume-snapshots (library only)."""

from __future__ import annotations

import json

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.assisted_volume_snapshots import Snapshot
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import VOLUME_ID, assert_version, body_of, nothing_sent, query_of
from tests.unit.v2.helpers import only_request as only

A = COMPUTE_URL + "/os-assisted-volume-snapshots"
SNAP = "421752a6-acf6-4b2d-bc7a-119f9148cd8c"
CREATE_INFO = {"snapshot_id": SNAP, "type": "qcow2", "new_file": "new_file_name"}


def test_create(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.post(A, json={"snapshot": {"id": SNAP, "volumeId": VOLUME_ID}})
    snap = cs.assisted_volume_snapshots.create(VOLUME_ID, CREATE_INFO)
    req = only(matcher)
    assert body_of(req) == {"snapshot": {"volume_id": VOLUME_ID, "create_info": CREATE_INFO}}
    assert_version(req, "2.104")
    assert isinstance(snap, Snapshot) and snap.id == SNAP and snap.volumeId == VOLUME_ID


def test_delete_sends_delete_info_as_json(mock: requests_mock.Mocker, cs: Client) -> None:
    matcher = mock.delete(f"{A}/{SNAP}", status_code=204)
    info = {"volume_id": VOLUME_ID, "type": "qcow2"}
    cs.assisted_volume_snapshots.delete(Snapshot(None, {"id": SNAP}), info)
    req = only(matcher)
    assert req.method == "DELETE"
    assert [json.loads(v) for v in query_of(req)["delete_info"]] == [info]


def test_empty_ids_send_nothing(mock: requests_mock.Mocker, cs: Client) -> None:
    with pytest.raises(exceptions.ValidationError, match="volume_id must be"):
        cs.assisted_volume_snapshots.create("", CREATE_INFO)
    with pytest.raises(exceptions.ValidationError, match="snapshot must be"):
        cs.assisted_volume_snapshots.delete("", {})
    nothing_sent(mock)
