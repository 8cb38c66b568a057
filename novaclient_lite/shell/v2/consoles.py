"""Console URL commands: get-vnc-console, get-spice-console, get-rdp-console,
get-serial-console and get-mks-console (2.8+).

Each prints python-novaclient's one-row ``Type``/``Url`` table.  The URL holds
the token that opens the console: it is shown here, once, as the command's
result, and masked in the ``--debug`` log.  (``console-log`` is a server
action: :mod:`.server_actions`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

CONSOLE_COLUMNS = ["Type", "Url"]


def console_table(answer: dict[str, Any]) -> output.Table:
    """Nova's answer (``remote_console`` from 2.6, ``console`` before) as Type/Url."""
    console = answer.get("remote_console") or answer.get("console") or {}
    return output.Table([{"type": console.get("type"), "url": console.get("url")}], CONSOLE_COLUMNS)


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("console_type", metavar="<console-type>", help='Type of vnc console ("novnc" or "xvpvnc").')
def do_get_vnc_console(cs: Client, args: Namespace) -> output.Table:
    """Get a vnc console to a server."""
    server = find_server(cs, args.server)
    return console_table(cs.servers.get_vnc_console(server, args.console_type))


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("console_type", metavar="<console-type>", help='Type of spice console ("spice-html5").')
def do_get_spice_console(cs: Client, args: Namespace) -> output.Table:
    """Get a spice console to a server."""
    server = find_server(cs, args.server)
    return console_table(cs.servers.get_spice_console(server, args.console_type))


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("console_type", metavar="<console-type>", help='Type of rdp console ("rdp-html5").')
def do_get_rdp_console(cs: Client, args: Namespace) -> output.Table:
    """Get a rdp console to a server."""
    server = find_server(cs, args.server)
    return console_table(cs.servers.get_rdp_console(server, args.console_type))


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("--console-type", default="serial", help='Type of serial console, default="serial".')
def do_get_serial_console(cs: Client, args: Namespace) -> output.Table:
    """Get a serial console to a server."""
    if args.console_type not in ("serial",):
        raise exceptions.CommandError(
            "Invalid parameter value for 'console_type', currently supported 'serial'."
        )
    server = find_server(cs, args.server)
    return console_table(cs.servers.get_serial_console(server, args.console_type))


@command(start_version="2.8")
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_get_mks_console(cs: Client, args: Namespace) -> output.Table:
    """Get an MKS console to a server."""
    return console_table(cs.servers.get_mks_console(find_server(cs, args.server)))
