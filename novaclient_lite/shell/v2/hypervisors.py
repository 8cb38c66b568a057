"""Hypervisor commands: hypervisor-list, -show, -servers, -uptime, -stats."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._parsing import non_negative_int

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

LIST_COLUMNS = ["ID", "Hypervisor hostname", "State", "Status"]
HYPERVISOR_HELP = (
    "Name or ID of the hypervisor. Starting with microversion 2.53 the ID must be a UUID."
)


@arg(
    "--matching",
    metavar="<hostname>",
    default=None,
    help="List hypervisors matching the given <hostname> (or pattern). If matching is "
    "used limit and marker options will be ignored.",
)
@arg(
    "--marker",
    metavar="<marker>",
    default=None,
    start_version="2.33",
    help='The last hypervisor of the previous page; displays list of hypervisors after "marker".',
)
@arg(
    "--limit",
    metavar="<limit>",
    type=int,
    default=None,
    start_version="2.33",
    help="Maximum number of hypervisors to display. If limit is bigger than "
    "'CONF.api.max_limit' option of Nova API, limit 'CONF.api.max_limit' will be "
    "used instead.",
)
def do_hypervisor_list(cs: Client, args: Namespace) -> output.Table:
    """List hypervisors."""
    if args.matching:
        return output.Table(cs.hypervisors.search(args.matching), LIST_COLUMNS)
    # NOTE: the short view is enough for these columns and cheaper for Nova.
    return output.Table(
        cs.hypervisors.list(False, marker=args.marker, limit=args.limit), LIST_COLUMNS
    )


@arg("hostname", metavar="<hostname>", help="The hypervisor hostname (or pattern) to search for.")
def do_hypervisor_servers(cs: Client, args: Namespace) -> output.Table:
    """List servers belonging to specific hypervisors."""
    rows = [
        {
            "id": server.get("uuid"),
            "name": server.get("name"),
            "hypervisor_id": hyper.id,
            "hypervisor_hostname": hyper.get("hypervisor_hostname"),
        }
        for hyper in cs.hypervisors.search(args.hostname, servers=True)
        for server in hyper.get("servers") or []
    ]
    return output.Table(rows, ["ID", "Name", "Hypervisor ID", "Hypervisor Hostname"])


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """python-novaclient's flattening: ``{"cpu_info": {"arch": ..}}`` -> ``cpu_info_arch``."""
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}_{key}" if prefix else str(key)
            if isinstance(value, (dict, list)) and value:
                yield from _flatten(value, name)
            else:
                yield name, value
    else:
        yield prefix, data


def flatten(info: dict[str, Any]) -> dict[str, Any]:
    """Nested keys joined by ``_``; a string holding JSON (``cpu_info`` before 2.28) is
    read first."""
    decoded: dict[str, Any] = {}
    for key, value in info.items():
        if isinstance(value, str) and value[:1] in "{[":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        decoded[key] = value
    return dict(_flatten(decoded))


@arg("hypervisor", metavar="<hypervisor>", help=HYPERVISOR_HELP)
@arg(
    "--wrap",
    dest="wrap",
    metavar="<integer>",
    type=non_negative_int,
    default=40,
    help="Wrap the output to a specified length. Default is 40 or 0 to disable",
)
def do_hypervisor_show(cs: Client, args: Namespace) -> output.Record:
    """Display the details of the specified hypervisor."""
    info = flatten(cs.hypervisors.find(args.hypervisor).to_dict())
    if args.wrap and args.format == "table":
        info = {
            key: textwrap.fill(output.text_value(value), args.wrap) for key, value in info.items()
        }
    return output.Record(info)


@arg("hypervisor", metavar="<hypervisor>", help=HYPERVISOR_HELP)
def do_hypervisor_uptime(cs: Client, args: Namespace) -> output.Record:
    """Display the uptime of the specified hypervisor."""
    return output.Record(cs.hypervisors.uptime(cs.hypervisors.find(args.hypervisor)).to_dict())


@command(end_version="2.87")
def do_hypervisor_stats(cs: Client, args: Namespace) -> output.Record:
    """Get hypervisor statistics over all compute nodes (removed at microversion 2.88)."""
    return output.Record(cs.hypervisor_stats.statistics().to_dict())
