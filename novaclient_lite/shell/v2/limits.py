"""Limits command: limits (rate limits when Nova has any, absolute limits with
python-novaclient's names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

#: python-novaclient's names for the absolute limits: key -> (row name, column).
_LIMITS = {
    "maxServerMeta": ("Server Meta", "max"),
    "maxPersonality": ("Personality", "max"),
    "maxPersonalitySize": ("Personality Size", "max"),
    "maxImageMeta": ("ImageMeta", "max"),
    "maxTotalKeypairs": ("Keypairs", "max"),
    "totalCoresUsed": ("Cores", "used"),
    "maxTotalCores": ("Cores", "max"),
    "totalRAMUsed": ("RAM", "used"),
    "maxTotalRAMSize": ("RAM", "max"),
    "totalInstancesUsed": ("Instances", "used"),
    "maxTotalInstances": ("Instances", "max"),
    "totalFloatingIpsUsed": ("FloatingIps", "used"),
    "maxTotalFloatingIps": ("FloatingIps", "max"),
    "totalSecurityGroupsUsed": ("SecurityGroups", "used"),
    "maxSecurityGroups": ("SecurityGroups", "max"),
    "maxSecurityGroupRules": ("SecurityGroupRules", "max"),
    "maxServerGroups": ("ServerGroups", "max"),
    "totalServerGroupsUsed": ("ServerGroups", "used"),
    "maxServerGroupMembers": ("ServerGroupMembers", "max"),
}


RATE_COLUMNS = ["Verb", "URI", "Value", "Remain", "Unit", "Next_Available"]


@arg(
    "--tenant",
    metavar="<tenant>",
    nargs="?",
    default=None,
    help="Display information from single tenant (Admin only).",
)
@arg(
    "--reserved",
    action="store_true",
    default=False,
    end_version="2.74",
    help="Include reservations count.",
)
def do_limits(cs: Client, args: Namespace) -> output.Output:
    """Print rate and absolute limits (the rate table only when Nova sends rate limits)."""
    limits = cs.limits.get(reserved=args.reserved, project_id=args.tenant)
    rows: dict[str, dict[str, Any]] = {}
    for key, value in limits.absolute.items():
        name, column = _LIMITS.get(key, (key, "other"))
        rows.setdefault(name, {"name": name, "used": "-", "max": "-", "other": "-"})
        rows[name][column] = value
    columns = ["Name", "Used", "Max"]
    if any(r["other"] != "-" for r in rows.values()):
        columns.append("Other")
    absolute = output.Table([rows[n] for n in sorted(rows)], columns)
    rate = limits.rate_limits
    if not rate:  # NOTE: Nova has sent "rate": [] since Newton; no empty table for it
        return absolute
    return output.Group([output.Table(rate, RATE_COLUMNS), absolute])
