"""Unit-test fixtures: HTTP is faked at the transport with requests-mock.

``auth_url``/``compute_url`` are fixed; ``mock`` registers Keystone's v3 token
(keystoneauth1's own fixture, so the real auth and catalog code runs) and the
compute version document; ``make_client(version)`` builds a password client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests_mock
from keystoneauth1 import fixture as ksa_fixture

from novaclient_lite import Client
from novaclient_lite.v2.client import Client as ClientV2

AUTH_URL = "http://identity.test/v3"
COMPUTE_URL = "http://compute.test/v2.1"
TOKEN = "tok-0123456789abcdef"
SERVER_MAX = "2.104"


def version_document(max_version: str = SERVER_MAX, min_version: str = "2.1") -> dict[str, Any]:
    return {
        "version": {
            "id": "v2.1",
            "status": "CURRENT",
            "version": max_version,
            "min_version": min_version,
            "links": [{"rel": "self", "href": COMPUTE_URL + "/"}],
        }
    }


def v3_token() -> ksa_fixture.V3Token:
    token = ksa_fixture.V3Token(project_name="admin", user_name="admin")
    token.set_project_scope()
    service = token.add_service("compute")
    service.add_standard_endpoints(public=COMPUTE_URL, internal=COMPUTE_URL, region="RegionOne")
    return token


@pytest.fixture
def mock() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        m.post(AUTH_URL + "/auth/tokens", json=v3_token(), headers={"X-Subject-Token": TOKEN},
               status_code=201)
        # keystoneauth1's generic Password plugin first reads the identity version document.
        m.get(AUTH_URL, json={"version": ksa_fixture.V3Discovery(AUTH_URL)})
        m.get(COMPUTE_URL + "/", json=version_document())
        yield m


@pytest.fixture
def make_client(mock: requests_mock.Mocker) -> Callable[..., ClientV2]:
    def make(version: str = "auto", **kwargs: Any) -> ClientV2:
        kwargs.setdefault("username", "admin")
        kwargs.setdefault("password", "secret-password")
        kwargs.setdefault("project_name", "admin")
        kwargs.setdefault("auth_url", AUTH_URL)
        return Client(version, **kwargs)

    return make


@pytest.fixture
def cs(make_client: Callable[..., ClientV2]) -> ClientV2:
    """A client pinned to the newest version (discovery answered by the mock)."""
    return make_client("auto")


def last_request(m: requests_mock.Mocker) -> Any:
    """The last request that was not the login or version discovery."""
    for req in reversed(m.request_history):
        if not req.url.startswith(AUTH_URL) and req.path.rstrip("/") != "/v2.1":
            return req
    raise AssertionError("no compute request was sent")


def compute_requests(m: requests_mock.Mocker) -> list[Any]:
    """Every request to compute except the version document."""
    return [r for r in m.request_history
            if r.url.startswith(COMPUTE_URL) and r.path.rstrip("/") != "/v2.1"]
