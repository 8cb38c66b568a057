"""JSON bodies of the operator's APIs (aggregates, hypervisors, services) as Nova sends them."""

from __future__ import annotations

from typing import Any

from tests.unit.support import COMPUTE_URL

AGG_URL = COMPUTE_URL + "/os-aggregates"
HYP_URL = COMPUTE_URL + "/os-hypervisors"
SVC_URL = COMPUTE_URL + "/os-services"

AGG_UUID = "b8e1cf0c-8a1c-4b0d-9a37-3f6c2f2b4d11"
HYP_UUID = "1aad3288-c6c0-4e90-ba11-54ed848f80fc"
SVC_UUID = "e81d66a4-ddd3-4aba-8a84-171d1cb4d339"
SERVER_UUID = "4f3482d1-1c65-44ab-9920-8f531ec25288"
SERVER2_UUID = "7c2ff65e-956a-4faf-8ca7-8afa967ac178"


def aggregate(**extra: Any) -> dict[str, Any]:
    """An aggregate of one host, with a zone and one metadata key (2.41+: a uuid)."""
    return {
        "id": 1,
        "name": "agg1",
        "availability_zone": "az1",
        "hosts": ["compute1"],
        "metadata": {"availability_zone": "az1", "ssd": "true"},
        "uuid": AGG_UUID,
        "created_at": "2026-12-01T09:00:00.000000",
        "updated_at": None,
        "deleted": False,
        "deleted_at": None,
        **extra,
    }


def hypervisor(id_: Any = HYP_UUID, hostname: str = "compute1", **extra: Any) -> dict[str, Any]:
    """The short view: id, hostname, state, status."""
    return {"id": id_, "hypervisor_hostname": hostname, "state": "up", "status": "enabled", **extra}


def hypervisor_detail(id_: Any = HYP_UUID, hostname: str = "compute1") -> dict[str, Any]:
    """The detailed view of 2.88+ (nested cpu_info and service)."""
    return hypervisor(
        id_,
        hostname,
        host_ip="192.0.2.10",
        hypervisor_type="fake",
        hypervisor_version=1000,
        cpu_info={"arch": "x86_64", "model": "Nehalem"},
        service={"host": hostname, "id": SVC_UUID, "disabled_reason": None},
        uptime=" 09:00:00 up 1 day, load average: 0.10, 0.20, 0.30",
    )


def service(id_: Any = SVC_UUID, host: str = "compute1", **extra: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "binary": "nova-compute",
        "host": host,
        "zone": "nova",
        "status": "enabled",
        "state": "up",
        "updated_at": "2026-12-01T09:00:00.000000",
        "disabled_reason": None,
        "forced_down": False,
        **extra,
    }


STATISTICS = {
    "count": 2,
    "vcpus": 16,
    "vcpus_used": 1,
    "memory_mb": 16384,
    "memory_mb_used": 1024,
    "local_gb": 200,
    "local_gb_used": 1,
    "free_ram_mb": 15360,
    "free_disk_gb": 199,
    "current_workload": 0,
    "running_vms": 1,
    "disk_available_least": 190,
}
