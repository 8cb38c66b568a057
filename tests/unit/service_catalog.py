"""A Keystone catalog with image and network services in two regions (for cs.glance/cs.neutron)."""

from __future__ import annotations

from typing import Any

import requests_mock
from keystoneauth1 import fixture as ksa_fixture

from tests.unit.support import AUTH_URL, COMPUTE_URL, TOKEN

IMAGE_URL = "http://image.test"
IMAGE_INTERNAL = "http://image-internal.test"
IMAGE_TWO = "http://image-two.test"
NETWORK_URL = "http://network.test"
NETWORK_INTERNAL = "http://network-internal.test"
NETWORK_TWO = "http://network-two.test"
COMPUTE_TWO = "http://compute-two.test/v2.1"


def catalog_token(
    *,
    image: str | None = IMAGE_URL,
    network: str | None = NETWORK_URL,
) -> ksa_fixture.V3Token:
    """Compute, image and network in RegionOne (public and internal) and RegionTwo."""
    token = ksa_fixture.V3Token(project_name="admin", user_name="admin")
    token.set_project_scope()
    compute = token.add_service("compute")
    compute.add_standard_endpoints(public=COMPUTE_URL, internal=COMPUTE_URL, region="RegionOne")
    compute.add_standard_endpoints(public=COMPUTE_TWO, region="RegionTwo")
    if image is not None:
        service = token.add_service("image")
        service.add_standard_endpoints(public=image, internal=IMAGE_INTERNAL, region="RegionOne")
        service.add_standard_endpoints(public=IMAGE_TWO, region="RegionTwo")
    if network is not None:
        service = token.add_service("network")
        service.add_standard_endpoints(
            public=network, internal=NETWORK_INTERNAL, region="RegionOne"
        )
        service.add_standard_endpoints(public=NETWORK_TWO, region="RegionTwo")
    return token


def use_catalog(m: requests_mock.Mocker, **kwargs: Any) -> None:
    """Answer the login with :func:`catalog_token` (replaces the default compute-only one)."""
    m.post(
        AUTH_URL + "/auth/tokens",
        json=catalog_token(**kwargs),
        headers={"X-Subject-Token": TOKEN},
        status_code=201,
    )
    m.get(
        COMPUTE_TWO + "/",
        json={
            "version": {"id": "v2.1", "status": "CURRENT", "version": "2.104", "min_version": "2.1"}
        },
    )


def sent_to(m: requests_mock.Mocker, root: str) -> list[Any]:
    """The requests that went to ``root``."""
    return [r for r in m.request_history if r.url.startswith(root)]


def assert_no_microversion(request: Any) -> None:
    for header in ("X-OpenStack-Nova-API-Version", "OpenStack-API-Version"):
        assert header not in request.headers, f"{header} sent to {request.url}"
