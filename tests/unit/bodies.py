"""Canonical Nova JSON bodies, one builder per resource (shapes from nova's api samples).

Tests build every response body here, overriding only the fields they are
about, so a resource's shape is written once.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.unit.support import COMPUTE_URL

SERVER_ID = "9168b536-cd40-4630-b43f-b259807c6e87"
SERVER2_ID = "2a1b7a6e-3f3c-4f6a-9a55-44d0c8e3b1f0"
IMAGE_ID = "70a599e0-31e7-49b7-b260-868f441e862b"
NEW_IMAGE_ID = "0e7761dd-ee98-41f0-ba35-05994e446431"
NET_ID = "3cb9bc59-5699-4588-a4b1-b87f96708bc6"
PORT_ID = "ce531f90-199f-48c0-816c-13e38010b442"
VOLUME_ID = "a26887c6-c47b-4654-abb5-dfadf7d3f803"
FLAVOR_ID = "1"
ADMIN_PASS = "wfksH3GTTseP"


def server(
    server_id: str = SERVER_ID,
    name: str = "vm1",
    *,
    status: str = "ACTIVE",
    task_state: str | None = None,
    power_state: int = 1,
    **extra: Any,
) -> dict[str, Any]:
    """A ``GET /servers/{id}`` body (2.47+ embedded flavor)."""
    body: dict[str, Any] = {
        "id": server_id,
        "name": name,
        "status": status,
        "tenant_id": "6f70656e737461636b20342065766572",
        "user_id": "admin",
        "metadata": {"role": "web"},
        "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6",
        "image": {"id": IMAGE_ID, "links": []},
        "flavor": {
            "vcpus": 1,
            "ram": 512,
            "disk": 1,
            "ephemeral": 0,
            "swap": 0,
            "original_name": "m1.tiny",
            "extra_specs": {},
        },
        "created": "2026-11-29T10:00:00Z",
        "updated": "2026-11-29T10:00:05Z",
        "addresses": {
            "private": [
                {"version": 4, "addr": "192.168.1.30", "OS-EXT-IPS:type": "fixed"},
                {"version": 6, "addr": "fd00::30", "OS-EXT-IPS:type": "fixed"},
            ]
        },
        "accessIPv4": "",
        "accessIPv6": "",
        "links": [{"rel": "self", "href": f"{COMPUTE_URL}/servers/{server_id}"}],
        "OS-DCF:diskConfig": "AUTO",
        "OS-EXT-AZ:availability_zone": "nova",
        "config_drive": "",
        "key_name": None,
        "OS-SRV-USG:launched_at": "2026-11-29T10:00:04.000000",
        "OS-SRV-USG:terminated_at": None,
        "security_groups": [{"name": "default"}, {"name": "default"}],
        "OS-EXT-STS:task_state": task_state,
        "OS-EXT-STS:vm_state": status.lower(),
        "OS-EXT-STS:power_state": power_state,
        "os-extended-volumes:volumes_attached": [],
        "locked": False,
        "description": None,
        "tags": [],
        "progress": 0,
    }
    body.update(extra)
    return body


def server_old(server_id: str = SERVER_ID, name: str = "vm1", **extra: Any) -> dict[str, Any]:
    """A server body before 2.47: the flavor is a reference."""
    body = server(server_id, name, **extra)
    body["flavor"] = {"id": FLAVOR_ID, "links": []}
    return body


def flavor(flavor_id: str = FLAVOR_ID, name: str = "m1.tiny", **fields: Any) -> dict[str, Any]:
    """A ``GET /flavors/{id}`` body at 2.75+ (swap 0, not ""; no rxtx_factor after 2.101)."""
    body: dict[str, Any] = {
        "id": flavor_id,
        "name": name,
        "ram": 512,
        "disk": 1,
        "vcpus": 1,
        "swap": 0,
        "OS-FLV-EXT-DATA:ephemeral": 0,
        "os-flavor-access:is_public": True,
        "description": None,
        "extra_specs": {},
        "links": [],
    }
    body.update(fields)
    return body


def keypair(name: str = "k1", **fields: Any) -> dict[str, Any]:
    """A ``GET /os-keypairs/{name}`` body (2.2+ ``type``, 2.10+ ``user_id``)."""
    return {
        "name": name,
        "type": "ssh",
        "fingerprint": "aa:bb",
        "public_key": "ssh-rsa AAAA k",
        "user_id": "u1",
        **fields,
    }


def created(server_id: str = SERVER_ID) -> dict[str, Any]:
    """The 202 body of ``POST /servers``."""
    return {
        "server": {
            "id": server_id,
            "links": [{"rel": "self", "href": f"{COMPUTE_URL}/servers/{server_id}"}],
            "OS-DCF:diskConfig": "AUTO",
            "security_groups": [{"name": "default"}],
            "adminPass": ADMIN_PASS,
        }
    }


def servers_page(*bodies: dict[str, Any], next_marker: str | None = None) -> dict[str, Any]:
    page: dict[str, Any] = {"servers": [copy.deepcopy(b) for b in bodies]}
    if next_marker:
        page["servers_links"] = [
            {
                "rel": "next",
                "href": f"{COMPUTE_URL}/servers/detail?limit=1&marker={next_marker}",
            }
        ]
    return page
