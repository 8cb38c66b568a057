"""``nova ssh``: pick the server's address and run ``ssh`` to it.

The address is chosen as python-novaclient chooses it (one network, or the
one ``--network`` names; IPv4 unless ``--ipv6``; floating unless
``--address-type fixed``).  The command line is an argument list run by
:func:`run_ssh` without a shell, so nothing in a server name, an address or
``--extra-opts`` is ever interpreted by one (``--extra-opts`` is split like
a shell would split it, with :func:`shlex.split`).
"""

from __future__ import annotations

import argparse
import logging
import shlex
import subprocess
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import positive_int
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

LOG = logging.getLogger(__name__)


def run_ssh(argv: list[str]) -> int:
    """Run ``argv`` (``ssh ...``) in the foreground, attached to this terminal; its exit status."""
    return subprocess.call(argv)


def pick_address(
    addresses: Mapping[str, Any], server: str, network: str | None, version: int, kind: str
) -> str:
    """The one address of ``server`` on ``network`` (or its only network) of that IP version
    and type ("floating"/"fixed"; an address without a type counts as floating).

    Raises:
        ResourceNotFound: no such network on the server, or no matching address.
        CommandError: no network, several networks and no ``network``, or
            several matching addresses.
    """
    if network:
        candidates = addresses.get(network)
        if not candidates:
            raise exceptions.ResourceNotFound(
                f"Server '{server}' is not attached to network '{network}'"
            )
    elif len(addresses) > 1:
        raise exceptions.CommandError(
            f"Server '{server}' is attached to more than one network. "
            "Please pick the network to use."
        )
    elif not addresses:
        raise exceptions.CommandError(f"Server '{server}' is not attached to any network.")
    else:
        candidates = next(iter(addresses.values()))
    found = [
        str(a.get("addr"))
        for a in candidates or []
        if isinstance(a, Mapping)
        and a.get("version") == version
        and a.get("OS-EXT-IPS:type", "floating") == kind
        and a.get("addr")
    ]
    if not found:
        raise exceptions.ResourceNotFound(
            f"No address that would match network '{network}' and type '{kind}' of version "
            f"IPv{version} has been found for server '{server}'."
        )
    if len(found) > 1:
        raise exceptions.CommandError(f"More than one IPv{version} {kind} address found.")
    return found[0]


def ssh_argv(args: Namespace, address: str, version: int, extra: list[str]) -> list[str]:
    """``ssh -4 -p22 [-i KEY] LOGIN@ADDRESS [EXTRA...]`` as python-novaclient builds it."""
    argv = ["ssh", f"-{version}", f"-p{args.port}"]
    if args.identity:
        argv += ["-i", args.identity]
    return [*argv, f"{args.login}@{address}", *extra]


@arg("server", metavar="<server>", help=SERVER_HELP + " A 'login@' prefix sets --login.")
@arg(
    "--port",
    dest="port",
    type=positive_int,
    default=22,
    help="Optional flag to indicate which port to use for ssh. (Default=22)",
)
@arg("--private", dest="private", action="store_true", default=False, help=argparse.SUPPRESS)
@arg(
    "--address-type",
    dest="address_type",
    default="floating",
    help="Optional flag to indicate which IP type to use. Possible values includes fixed "
    "and floating (the Default).",
)
@arg("--network", metavar="<network>", default=None, help="Network to use for the ssh.")
@arg(
    "--ipv6",
    dest="ipv6",
    action="store_true",
    default=False,
    help="Optional flag to indicate whether to use an IPv6 address attached to a server. "
    "(Defaults to IPv4 address)",
)
@arg("--login", metavar="<login>", default="root", help="Login to use.")
@arg(
    "-i",
    "--identity",
    dest="identity",
    default="",
    help="Private key file, same as the -i option to the ssh command.",
)
@arg("--extra-opts", dest="extra", default="", help="Extra options to pass to ssh. see: man ssh.")
def do_ssh(cs: Client, args: Namespace) -> output.Output | None:
    """SSH into a server."""
    if "@" in args.server:
        args.login, args.server = args.server.split("@", 1)
    try:
        extra = shlex.split(args.extra)
    except ValueError as exc:
        raise exceptions.CommandError(
            f"--extra-opts cannot be split into arguments: {exc}."
        ) from None
    server = find_server(cs, args.server)
    version = 6 if args.ipv6 else 4
    kind = "fixed" if args.private else args.address_type
    address = pick_address(server.get("addresses") or {}, args.server, args.network, version, kind)
    argv = ssh_argv(args, address, version, extra)
    if args.env.dry_run:  # --dry-run: show the command line instead of running it
        return output.Text(shlex.join(argv))
    LOG.debug("Executing %s", shlex.join(argv))
    # NOTE: ssh has already told the user why it failed; exit 1 without another line.
    return None if run_ssh(argv) == 0 else output.Results(lines=[], failures=1)
