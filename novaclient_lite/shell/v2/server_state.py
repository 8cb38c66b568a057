"""Server state commands: shelve, unshelve, force-delete, restore, resets, crash dump, diagnostics.

Commands that take several servers try every one, print one line per server
and exit 1 if any failed; the long ones take ``--wait``.  ``refresh-network``
sends the ``network-changed`` external event (``cs.server_external_events``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_91
from novaclient_lite.find import find_resource
from novaclient_lite.shell import output, waiting
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._servers_common import (
    SERVER_HELP,
    SERVERS_HELP,
    act_on_server,
    find_server,
    on_each_server,
)

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.servers import Server

#: A shelved server is SHELVED, or SHELVED_OFFLOADED at once with Nova's default
#: ``shelved_offload_time = 0``.
SHELVED = {"SHELVED", "SHELVED_OFFLOADED"}
RUNNING = {"ACTIVE", "SHUTOFF"}


# -- shelving -------------------------------------------------------------------------


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_shelve(cs: Client, args: Namespace) -> output.Results:
    """Shelve the server(s)."""
    return on_each_server(cs, args, "shelve", cs.servers.shelve, SHELVED)


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_shelve_offload(cs: Client, args: Namespace) -> output.Results:
    """Remove the shelved server(s) from the compute node."""
    return on_each_server(
        cs, args, "shelve-offload", cs.servers.shelve_offload, {"SHELVED_OFFLOADED"}
    )


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@arg(
    "--availability-zone",
    metavar="<availability-zone>",
    default=None,
    dest="availability_zone",
    start_version="2.77",
    help="Name of the availability zone in which to unshelve a SHELVED_OFFLOADED server; "
    "from 2.91 'none' unpins the server from its zone.",
)
@arg(
    "--host",
    metavar="<host>",
    default=None,
    start_version="2.91",
    help="Name of the host on which to unshelve a SHELVED_OFFLOADED server.",
)
@waiting.wait_args
def do_unshelve(cs: Client, args: Namespace) -> output.Results:
    """Unshelve the server(s)."""
    zone: Any = {}
    if args.availability_zone is not None:
        unpin = args.availability_zone.lower() == "none" and cs.api_version >= V2_91
        zone = {"availability_zone": None if unpin else args.availability_zone}
    return on_each_server(
        cs,
        args,
        "unshelve",
        lambda s: cs.servers.unshelve(s, host=args.host, **zone),
        RUNNING,
    )


# -- soft delete --------------------------------------------------------------------------


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
def do_force_delete(cs: Client, args: Namespace) -> output.Results:
    """Force delete the server(s), also soft-deleted ones."""
    return on_each_server(cs, args, "force-delete", cs.servers.force_delete)


def find_soft_deleted(cs: Client, name_or_id: str) -> Server:
    """A soft-deleted server by UUID, or by exact name among the SOFT_DELETED ones."""

    def by_name(name: str) -> list[Server]:
        # Nova's name filter is a regular expression: anchor it, escape it.
        opts = {"name": f"^{re.escape(name)}$", "deleted": True, "status": "SOFT_DELETED"}
        return list(cs.servers.list(search_opts=opts))

    return find_resource(
        name_or_id, kind="server", get=cs.servers.get, list_by_name=by_name, id_is_uuid=True
    )


@arg("server", metavar="<server>", help=SERVER_HELP)
@waiting.wait_args
def do_restore(cs: Client, args: Namespace) -> output.Message | None:
    """Restore a soft-deleted server."""
    server = find_soft_deleted(cs, args.server)
    cs.servers.restore(server)
    if not args.wait:
        return None
    done = waiting.wait_for_server(
        cs, server.id, args.env, ready=RUNNING, task_state_clear=True, timeout=args.wait_timeout
    )
    return output.Message(f"Server {args.server} is {done.get('status')}.")


# -- admin ----------------------------------------------------------------------------------


@arg(
    "--all-tenants",
    action="store_const",
    const=1,
    default=0,
    help="Reset state server(s) in another tenant by name (Admin only).",
)
@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@arg(
    "--active",
    action="store_const",
    dest="state",
    default="error",
    const="active",
    help='Request the server be reset to "active" state instead of "error" state (the default).',
)
def do_reset_state(cs: Client, args: Namespace) -> output.Results:
    """Reset the state of the server(s)."""
    return on_each_server(
        cs,
        args,
        "reset-state",
        lambda s: cs.servers.reset_state(s, args.state),
        line=lambda s: f"Reset state for server {s} succeeded; new state is {args.state}",
    )


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_reset_network(cs: Client, args: Namespace) -> None:
    """Reset network of a server (Nova removed this action in 23.0.0, Wallaby)."""
    act_on_server(cs, args.server, cs.servers.reset_network)


@command(start_version="2.17")
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_trigger_crash_dump(cs: Client, args: Namespace) -> None:
    """Trigger crash dump in an instance."""
    act_on_server(cs, args.server, cs.servers.trigger_crash_dump)


@arg(
    "server",
    metavar="<server>",
    help="Name or ID of a server for which the network cache should be refreshed from "
    "neutron (Admin only).",
)
def do_refresh_network(cs: Client, args: Namespace) -> None:
    """Refresh server network information."""
    act_on_server(
        cs,
        args.server,
        lambda s: cs.server_external_events.create([{"server_uuid": s, "name": "network-changed"}]),
    )


# -- reading --------------------------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_diagnostics(cs: Client, args: Namespace) -> output.Record:
    """Retrieve server diagnostics."""
    _response, document = cs.servers.diagnostics(find_server(cs, args.server))
    return output.Record(document)


@command(start_version="2.78")
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_server_topology(cs: Client, args: Namespace) -> output.Record:
    """Retrieve server topology."""
    return output.Record(cs.servers.topology(find_server(cs, args.server)))
