"""Unit-test fixtures: HTTP is faked at the transport with requests-mock.

Only fixtures live here; constants and helpers are in tests/unit/support.py.
``mock`` registers Keystone's v3 token (keystoneauth1's own fixture, so the real
auth and catalog code runs) and the compute version document;
``make_client(version)`` builds a password client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests_mock
from keystoneauth1 import fixture as ksa_fixture

from novaclient_lite import Client
from novaclient_lite.v2.client import Client as ClientV2
from tests.unit.support import (
    AUTH_URL,
    COMPUTE_URL,
    TOKEN,
    v3_token,
    version_document,
)


@pytest.fixture
def mock() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as m:
        m.post(
            AUTH_URL + "/auth/tokens",
            json=v3_token(),
            headers={"X-Subject-Token": TOKEN},
            status_code=201,
        )
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
