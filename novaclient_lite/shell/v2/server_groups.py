"""Server group commands: server-group-list, -create, -delete, -get."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_13, V2_64
from novaclient_lite.shell import output
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import parse_pairs

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.server_groups import ServerGroup


def group_table(cs: Client, groups: list[ServerGroup]) -> output.Table:
    """python-novaclient's server group columns for the negotiated version."""
    version = cs.api_version
    if version < V2_13:
        columns = ["Id", "Name", "Policies", "Members", "Metadata"]
    elif version < V2_64:
        columns = ["Id", "Name", "Project Id", "User Id", "Policies", "Members", "Metadata"]
    else:
        columns = ["Id", "Name", "Project Id", "User Id", "Policy", "Rules", "Members"]
    return output.Table(groups, columns, {"Policy": lambda g: g.policy})


@arg(
    "--limit",
    metavar="<limit>",
    type=int,
    default=None,
    help="Maximum number of server groups to display.",
)
@arg(
    "--offset",
    metavar="<offset>",
    type=int,
    default=None,
    help="The offset of groups list to display; use with limit to return a slice.",
)
@arg(
    "--all-projects",
    action="store_true",
    default=False,
    help="Display server groups from all projects (Admin only).",
)
def do_server_group_list(cs: Client, args: Namespace) -> output.Output:
    """Print a list of all server groups."""
    groups = cs.server_groups.list(
        all_projects=args.all_projects, limit=args.limit, offset=args.offset
    )
    return group_table(cs, groups)


def _rules(items: list[str]) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    for key, value in parse_pairs(items, "--rule").items():
        rules[key] = int(value) if value and value.isdigit() else value
    return rules


@arg("name", metavar="<name>", help="Server group name.")
@arg(
    "policy",
    metavar="<policy>",
    help="Policy for the server group: affinity, anti-affinity, soft-affinity or "
    "soft-anti-affinity.",
)
@arg(
    "--rule",
    metavar="<key=value>",
    dest="rules",
    action="append",
    default=[],
    start_version="2.64",
    help='A rule for the policy. Currently, only the "max_server_per_host" rule is '
    'supported for the "anti-affinity" policy.',
)
def do_server_group_create(cs: Client, args: Namespace) -> output.Output:
    """Create a new server group with the specified details."""
    group = cs.server_groups.create(args.name, args.policy, _rules(args.rules) or None)
    return group_table(cs, [group])


@arg("id", metavar="<id>", nargs="+", help="Unique ID(s) or name(s) of the server group(s).")
def do_server_group_delete(cs: Client, args: Namespace) -> output.Output:
    """Delete specific server group(s)."""

    def delete(name: str) -> str:
        cs.server_groups.delete(cs.server_groups.find(name))
        return f"Server group {name} has been successfully deleted."

    return for_each(args.env, args.id, delete, what="delete server group")


@arg("id", metavar="<id>", help="Unique ID (or name) of the server group to get.")
def do_server_group_get(cs: Client, args: Namespace) -> output.Output:
    """Get a specific server group."""
    return group_table(cs, [cs.server_groups.find(args.id)])
