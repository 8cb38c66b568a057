"""Glance bodies, URLs and an admin-token client for the image tests."""

from __future__ import annotations

from typing import Any

from novaclient_lite.v2.client import Client
from tests.unit.service_catalog import IMAGE_URL
from tests.unit.support import COMPUTE_URL, TOKEN
from tests.unit.v2.helpers import IMAGE_ID

IMAGES = IMAGE_URL + "/v2/images"
OTHER_ID = "0d5a5b3c-8d1e-4a7f-9c2b-6e4f3a2b1c0d"
EXPLICIT = "http://glance.explicit:9292"


def image(iid: str = IMAGE_ID, name: str = "cirros", **extra: Any) -> dict[str, Any]:
    """One image as Glance v2 shows it."""
    return {
        "id": iid,
        "name": name,
        "status": "active",
        "size": 21430272,
        "min_disk": 0,
        "min_ram": 0,
        "visibility": "public",
        **extra,
    }


def admin_token_client(**kwargs: Any) -> Client:
    """A 2.1 client in admin-token mode (no catalog) against the compute URL."""
    from novaclient_lite import Client as make

    return make("2.1", auth_token=TOKEN, endpoint_override=COMPUTE_URL, **kwargs)
