"""Availability zone commands: availability-zone-list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite import exceptions
from novaclient_lite.shell import output

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


def do_availability_zone_list(cs: Client, args: Namespace) -> output.Output:
    """List all the availability zones (with hosts and services for admins)."""
    try:
        zones = cs.availability_zones.list(detailed=True)
    except exceptions.Forbidden:
        zones = cs.availability_zones.list(detailed=False)
    rows: list[dict[str, str]] = []
    for zone in zones:
        rows.append(
            {"name": zone.name, "status": "available" if zone.available else "not available"}
        )
        for host, services in sorted((zone.get("hosts") or {}).items()):
            rows.append({"name": f"|- {host}", "status": ""})
            for service, state in services.items():
                status = "enabled" if state.get("active") else "disabled"
                smiley = ":-)" if state.get("available") else "XXX"
                rows.append(
                    {
                        "name": f"| |- {service}",
                        "status": f"{status} {smiley} {state.get('updated_at')}",
                    }
                )
    return output.Table(rows, ["Name", "Status"])
