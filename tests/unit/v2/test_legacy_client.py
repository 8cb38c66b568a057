"""``cs.client``: python-novaclient's raw HTTP client (``resp, body = cs.client.get(url)``)."""

from __future__ import annotations

import pytest
import requests_mock

from novaclient_lite import exceptions
from novaclient_lite.v2.client import Client
from tests.unit.support import COMPUTE_URL
from tests.unit.v2.helpers import SERVER_ID, assert_version, body_of, only_request, query_of


def test_get_returns_the_response_and_body(mock: requests_mock.Mocker, cs: Client) -> None:
    get = mock.get(
        COMPUTE_URL + "/os-hypervisors",
        json={"hypervisors": [{"id": 1}]},
        headers={"x-openstack-request-id": "req-h"},
    )
    resp, body = result = cs.client.get("/os-hypervisors", params={"limit": 1})
    assert body == {"hypervisors": [{"id": 1}]}
    assert (resp.status_code, resp.status, resp.json()) == (200, 200, body)
    assert result.request_ids == ["req-h"]
    request = only_request(get)
    assert query_of(request) == {"limit": ["1"]}
    assert_version(request, "2.104")


def test_post_sends_body_as_json(mock: requests_mock.Mocker, cs: Client) -> None:
    url = f"{COMPUTE_URL}/servers/{SERVER_ID}/action"
    post = mock.post(url, status_code=202)
    resp, body = cs.client.post(f"servers/{SERVER_ID}/action", body={"os-stop": None})
    assert (resp.status_code, body) == (202, None)
    request = only_request(post)
    assert request.method == "POST" and body_of(request) == {"os-stop": None}
    assert request.headers["Content-Type"] == "application/json"


def test_an_error_status_raises_the_typed_exception(mock: requests_mock.Mocker, cs: Client) -> None:
    mock.get(
        COMPUTE_URL + "/servers/nope",
        status_code=404,
        json={"itemNotFound": {"code": 404, "message": "Instance nope could not be found."}},
    )
    with pytest.raises(exceptions.NotFound, match="Instance nope could not be found"):
        cs.client.get("/servers/nope")


def test_unknown_arguments_are_refused_before_sending(
    mock: requests_mock.Mocker, cs: Client
) -> None:
    with pytest.raises(TypeError, match=r"unsupported arguments: \['raise_exc'\]"):
        cs.client.delete("/servers/x", raise_exc=False)
    assert not [r for r in mock.request_history if "/servers" in r.url]


def test_api_version_and_endpoint(cs: Client) -> None:
    assert str(cs.client.api_version) == "2.104"
    assert cs.client.get_endpoint() == COMPUTE_URL
    assert cs.client.session is cs.session
