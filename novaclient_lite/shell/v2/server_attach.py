"""Interfaces and security groups of a server (interface-*, *-secgroup).

The commands of :mod:`novaclient_lite.v2._server_attach` (on ``cs.servers``),
with python-novaclient's arguments and columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_70
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

INTERFACE_COLUMNS = ["Port State", "Port ID", "Net ID", "IP addresses", "MAC Addr"]
SECGROUP_COLUMNS = ["Id", "Name", "Description"]


def _addresses(fixed_ips: Any) -> str | None:
    """``fixed_ips`` as python-novaclient shows them: the addresses, comma-separated."""
    if not isinstance(fixed_ips, list):
        return None
    return ",".join(str(ip.get("ip_address")) for ip in fixed_ips if isinstance(ip, dict))


# -- network interfaces ----------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_interface_list(cs: Client, args: Namespace) -> output.Table:
    """List interfaces attached to a server."""
    interfaces = cs.servers.interface_list(find_server(cs, args.server))
    columns = INTERFACE_COLUMNS + (["Tag"] if cs.api_version >= V2_70 else [])
    return output.Table(
        interfaces,
        columns,
        formatters={"IP addresses": lambda i: _addresses(i.get("fixed_ips"))},
    )


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("--port-id", metavar="<port_id>", dest="port_id", help="Port ID.")
@arg("--net-id", metavar="<net_id>", dest="net_id", default=None, help="Network ID")
@arg("--fixed-ip", metavar="<fixed_ip>", dest="fixed_ip", default=None, help="Requested fixed IP.")
@arg(
    "--tag",
    metavar="<tag>",
    dest="tag",
    default=None,
    start_version="2.49",
    help="Tag for the attached interface.",
)
def do_interface_attach(cs: Client, args: Namespace) -> output.Record:
    """Attach a network interface to a server."""
    server = find_server(cs, args.server)
    interface = cs.servers.interface_attach(
        server, args.port_id, args.net_id, args.fixed_ip, tag=args.tag or None
    )
    info = interface.to_dict()
    info["ip_address"] = _addresses(info.pop("fixed_ips", None))
    return output.Record(info)


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("port_id", metavar="<port_id>", help="Port ID.")
def do_interface_detach(cs: Client, args: Namespace) -> None:
    """Detach a network interface from a server."""
    cs.servers.interface_detach(find_server(cs, args.server), args.port_id)


# -- security groups -------------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("secgroup", metavar="<secgroup>", help="Name or ID of Security Group.")
def do_add_secgroup(cs: Client, args: Namespace) -> None:
    """Add a Security Group to a server."""
    cs.servers.add_security_group(find_server(cs, args.server), args.secgroup)


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("secgroup", metavar="<secgroup>", help="Name of Security Group.")
def do_remove_secgroup(cs: Client, args: Namespace) -> None:
    """Remove a Security Group from a server."""
    cs.servers.remove_security_group(find_server(cs, args.server), args.secgroup)


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_list_secgroup(cs: Client, args: Namespace) -> output.Table:
    """List Security Group(s) of a server."""
    return output.Table(
        cs.servers.list_security_group(find_server(cs, args.server)), SECGROUP_COLUMNS
    )
