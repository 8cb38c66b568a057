"""JSON bodies of the usage, audit log and quota class APIs, as Nova sends them."""

from __future__ import annotations

from typing import Any

PROJECT = "6f70656e737461636b20726f636b7321"
PROJECT2 = "f1e2d3c4b5a697887766554433221100"
S1 = "1f1deceb-17b5-4c04-84c7-e0d4499c8fe0"
S2 = "2e2deceb-17b5-4c04-84c7-e0d4499c8fe0"
S3 = "3d3deceb-17b5-4c04-84c7-e0d4499c8fe0"


def server_usage(instance_id: str, tenant_id: str = PROJECT, hours: float = 1.0) -> dict[str, Any]:
    return {
        "instance_id": instance_id,
        "name": f"vm-{instance_id[:4]}",
        "tenant_id": tenant_id,
        "flavor": "m1.tiny",
        "hours": hours,
        "memory_mb": 512,
        "vcpus": 1,
        "local_gb": 1,
        "state": "active",
        "started_at": "2026-11-30T10:00:00.000000",
        "ended_at": None,
        "uptime": 3600,
    }


def tenant_usage(
    tenant_id: str = PROJECT, *servers: str, hours: float = 1.0, detailed: bool = True
) -> dict[str, Any]:
    """A project's usage over the servers given (each counting ``hours``)."""
    n = len(servers)
    usage: dict[str, Any] = {
        "tenant_id": tenant_id,
        "start": "2026-11-03T00:00:00",
        "stop": "2026-12-02T00:00:00",
        "total_hours": hours * n,
        "total_memory_mb_usage": 512 * hours * n,
        "total_vcpus_usage": hours * n,
        "total_local_gb_usage": 1 * hours * n,
    }
    if detailed:
        usage["server_usages"] = [server_usage(s, tenant_id, hours) for s in servers]
    return usage


def usage_list(*usages: dict[str, Any], next_marker: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"tenant_usages": list(usages)}
    if next_marker:
        body["tenant_usages_links"] = [
            {
                "rel": "next",
                "href": (
                    "http://compute.test/v2.1/os-simple-tenant-usage?detailed=1&marker="
                    + next_marker
                ),
            }
        ]
    return body


#: GET /os-instance_usage_audit_log on a Nova whose audit task never ran on a host.
AUDIT_LOG = {
    "instance_usage_audit_logs": {
        "hosts_not_run": ["compute1", "compute2"],
        "log": {},
        "num_hosts": 2,
        "num_hosts_done": 0,
        "num_hosts_not_run": 2,
        "num_hosts_running": 0,
        "overall_status": "0 of 2 hosts done. 0 errors.",
        "period_beginning": "2026-11-01 00:00:00",
        "period_ending": "2026-12-01 00:00:00",
        "total_errors": 0,
        "total_instances": 0,
    }
}


def quota_class(**values: Any) -> dict[str, Any]:
    return {"quota_class_set": {"id": "default", **values}}
