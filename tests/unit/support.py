"""Constants and helpers of the unit tests (fixtures live in conftest.py).

Import from here, not from conftest.py: pytest's docs discourage importing
conftest modules, which pytest loads under its own rules.
"""

from __future__ import annotations

from typing import Any

import requests_mock
from keystoneauth1 import fixture as ksa_fixture

AUTH_URL = "http://identity.test/v3"
COMPUTE_URL = "http://compute.test/v2.1"
TOKEN = "tok-0123456789abcdef"
SERVER_MAX = "2.104"


def version_document(max_version: str = SERVER_MAX, min_version: str = "2.1") -> dict[str, Any]:
    """The compute ``GET /v2.1/`` answer with the given version range."""
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
    """Keystone's v3 token (project-scoped) whose catalog lists COMPUTE_URL."""
    token = ksa_fixture.V3Token(project_name="admin", user_name="admin")
    token.set_project_scope()
    service = token.add_service("compute")
    service.add_standard_endpoints(public=COMPUTE_URL, internal=COMPUTE_URL, region="RegionOne")
    return token


def last_request(m: requests_mock.Mocker) -> Any:
    """The last request that was not the login or version discovery."""
    for req in reversed(m.request_history):
        if not req.url.startswith(AUTH_URL) and req.path.rstrip("/") != "/v2.1":
            return req
    raise AssertionError("no compute request was sent")


def compute_requests(m: requests_mock.Mocker) -> list[Any]:
    """Every request to compute except the version document."""
    return [
        r
        for r in m.request_history
        if r.url.startswith(COMPUTE_URL) and r.path.rstrip("/") != "/v2.1"
    ]
