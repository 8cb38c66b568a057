"""VersionManager: the unversioned documents (no microversion header, no discovery)."""

from __future__ import annotations

from collections.abc import Callable

import requests_mock

from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL, version_document
from tests.unit.v2.helpers import assert_version, walk

ROOT = "http://compute.test/"
VERSIONS = {
    "versions": [
        {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": ""},
        {"id": "v2.1", "status": "CURRENT", "version": "2.104", "min_version": "2.1"},
    ]
}


def test_list_reads_the_service_root(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    root = mock.get(ROOT, json=VERSIONS)
    versions = make_client("2.60").versions.list()
    assert [v.id for v in versions] == ["v2.0", "v2.1"]
    assert root.called_once
    assert_version(root.last_request, None)


def test_get_current(mock: requests_mock.Mocker, make_client: Callable[..., Client]) -> None:
    doc = mock.get(COMPUTE_URL + "/", json=version_document("2.99"))
    current = make_client("2.60").versions.get_current()
    assert (current.version, current.min_version, current.status) == ("2.99", "2.1", "CURRENT")
    assert doc.called_once
    assert_version(doc.last_request, None)


def test_get_current_falls_back_to_parent(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    project_url = COMPUTE_URL + "/p1"
    mock.get(
        project_url + "/", status_code=404, json={"itemNotFound": {"code": 404, "message": "x"}}
    )
    parent = mock.get(COMPUTE_URL + "/", json=version_document())
    cs = make_client("2", endpoint_override=project_url)
    assert cs.versions.get_current().version == "2.104"
    assert parent.called_once


def test_iter_reads_the_root_on_the_first_next(
    mock: requests_mock.Mocker, make_client: Callable[..., Client]
) -> None:
    root = mock.get(ROOT, json=VERSIONS, headers={"x-openstack-request-id": "req-v"})
    versions = make_client("2.60").versions.iter()
    assert walk(versions, root) == [(1, "v2.0"), (1, "v2.1")]
    assert_version(root.last_request, None)
    assert make_client("2.60").versions.list().request_ids == ["req-v"]
