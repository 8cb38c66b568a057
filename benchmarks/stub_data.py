"""The stub's data: the login, the catalog, the flavors and the servers it serves (stdlib only).

Kept apart from stub_server.py (the HTTP side), which answers requests from it.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import Any

MAX_LIMIT = 1000
MIN_VERSION, MAX_VERSION = "2.1", "2.104"
TOKEN = "gAAAAABbenchmarkstubtoken" + "x" * 155  # Fernet-sized
PROJECT_ID = "7d3c5a0e0a8a4f4c9c1b2b5b6a1e0f01"
USER_ID = "1b7f6c7e9a2d4c3e8f5a6b7c8d9e0f12"
IMAGE_ID = "3f1c2e4d-5b6a-4789-8abc-def012345678"
# (id, name, ram MB, disk GB, vcpus): nova's historical defaults + devstack's nano.
FLAVORS = [
    ("1", "m1.tiny", 512, 1, 1),
    ("2", "m1.small", 2048, 20, 1),
    ("3", "m1.medium", 4096, 40, 2),
    ("4", "m1.large", 8192, 80, 4),
    ("5", "m1.xlarge", 16384, 160, 8),
    ("42", "m1.nano", 128, 1, 1),
]


def server_id(i: int) -> str:
    """Deterministic UUID of the i-th stub server (0-based)."""
    return str(uuid.UUID(int=(0xBE7C << 112) | i, version=4))


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, separators=(", ", ": ")).encode()


class StubData:
    """Pre-serialised documents, built once the base URL is known."""

    def __init__(self, base: str, servers: int) -> None:
        self.base = base
        self.compute = f"{base}/compute/v2.1"
        self.ids = [server_id(i) for i in range(servers)]
        self.index = {sid: i for i, sid in enumerate(self.ids)}
        self.detail = [dumps(self._server(i)) for i in range(servers)]
        self.brief = [
            dumps({"id": sid, "name": f"bench-{i:05d}", "links": self._links("servers", sid)})
            for i, sid in enumerate(self.ids)
        ]
        self.flavors = {f[0]: self._flavor(*f) for f in FLAVORS}

    def _links(self, kind: str, rid: str) -> list[dict[str, str]]:
        return [
            {"rel": "self", "href": f"{self.compute}/{kind}/{rid}"},
            {"rel": "bookmark", "href": f"{self.base}/compute/{kind}/{rid}"},
        ]

    def _flavor(self, fid: str, name: str, ram: int, disk: int, vcpus: int) -> dict[str, Any]:
        return {
            "id": fid,
            "name": name,
            "ram": ram,
            "disk": disk,
            "vcpus": vcpus,
            "swap": 0,
            "OS-FLV-EXT-DATA:ephemeral": 0,
            "OS-FLV-DISABLED:disabled": False,
            "os-flavor-access:is_public": True,
            "rxtx_factor": 1.0,
            "description": None,
            "extra_specs": {},
            "links": self._links("flavors", fid),
        }

    def _server(self, i: int) -> dict[str, Any]:
        sid = self.ids[i]
        _fid, fname, ram, disk, vcpus = FLAVORS[i % len(FLAVORS)]
        mac = f"fa:16:3e:{(i >> 16) & 255:02x}:{(i >> 8) & 255:02x}:{i & 255:02x}"
        stamp = f"2024-05-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z"
        return {
            "id": sid,
            "name": f"bench-{i:05d}",
            "status": "ACTIVE",
            "tenant_id": PROJECT_ID,
            "user_id": USER_ID,
            "metadata": {"role": "benchmark", "index": str(i)},
            "hostId": hashlib.sha224(f"compute-{i % 8}".encode()).hexdigest(),
            "image": {
                "id": IMAGE_ID,
                "links": [{"rel": "bookmark", "href": f"{self.base}/compute/images/{IMAGE_ID}"}],
            },
            "flavor": {
                "vcpus": vcpus,
                "ram": ram,
                "disk": disk,
                "ephemeral": 0,
                "swap": 0,
                "original_name": fname,
                "extra_specs": {},
            },
            "created": stamp,
            "updated": stamp,
            "addresses": {
                "private": [
                    {
                        "version": 4,
                        "addr": f"10.0.{(i >> 8) & 255}.{i & 255}",
                        "OS-EXT-IPS:type": "fixed",
                        "OS-EXT-IPS-MAC:mac_addr": mac,
                    }
                ]
            },
            "accessIPv4": "",
            "accessIPv6": "",
            "links": self._links("servers", sid),
            "OS-DCF:diskConfig": "MANUAL",
            "progress": 0,
            "OS-EXT-AZ:availability_zone": "nova",
            "config_drive": "",
            "key_name": "bench-key",
            "OS-SRV-USG:launched_at": stamp.rstrip("Z") + ".000000",
            "OS-SRV-USG:terminated_at": None,
            "OS-EXT-SRV-ATTR:host": f"compute-{i % 8}",
            "OS-EXT-SRV-ATTR:instance_name": f"instance-{i + 1:08x}",
            "OS-EXT-SRV-ATTR:hypervisor_hostname": f"compute-{i % 8}.localdomain",
            "OS-EXT-STS:task_state": None,
            "OS-EXT-STS:vm_state": "active",
            "OS-EXT-STS:power_state": 1,
            "os-extended-volumes:volumes_attached": [],
            "security_groups": [{"name": "default"}],
            "locked": False,
            "locked_reason": None,
            "description": None,
            "tags": [],
            "trusted_image_certificates": None,
            "host_status": "UP",
            "server_groups": [],
            "pinned_availability_zone": None,
        }

    def version_doc(self) -> dict[str, Any]:
        return {
            "id": "v2.1",
            "status": "CURRENT",
            "version": MAX_VERSION,
            "min_version": MIN_VERSION,
            "updated": "2013-07-23T11:33:21Z",
            "links": [
                {"rel": "self", "href": self.compute + "/"},
                {"rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"},
            ],
            "media-types": [
                {
                    "base": "application/json",
                    "type": "application/vnd.openstack.compute+json;version=2.1",
                }
            ],
        }

    def token_body(self) -> dict[str, Any]:
        now = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())
        catalog = []
        for stype, name, url in (
            ("compute", "nova", self.compute),
            ("identity", "keystone", self.base),
        ):
            eps = [
                {
                    "id": uuid.uuid5(uuid.NAMESPACE_URL, url + itf).hex,
                    "interface": itf,
                    "region_id": "RegionOne",
                    "region": "RegionOne",
                    "url": url,
                }
                for itf in ("public", "internal", "admin")
            ]
            catalog.append(
                {
                    "id": uuid.uuid5(uuid.NAMESPACE_URL, url).hex,
                    "type": stype,
                    "name": name,
                    "endpoints": eps,
                }
            )
        domain = {"id": "default", "name": "Default"}
        return {
            "token": {
                "methods": ["password"],
                "audit_ids": ["bench-audit-0"],
                "is_domain": False,
                "expires_at": "2099-01-01T00:00:00.000000Z",
                "issued_at": now,
                "user": {
                    "id": USER_ID,
                    "name": "admin",
                    "domain": domain,
                    "password_expires_at": None,
                },
                "project": {"id": PROJECT_ID, "name": "admin", "domain": domain},
                "roles": [
                    {"id": "r1", "name": "admin"},
                    {"id": "r2", "name": "member"},
                    {"id": "r3", "name": "reader"},
                ],
                "catalog": catalog,
            }
        }
