"""Server passwords: set-password (the guest's admin password), get-password, clear-password.

``set-password`` prompts twice without echo (never an argument, so the
password stays out of the shell history and ``ps``); ``get-password`` reads
what the guest posted to the metadata service, decrypted with the private
key when one is given.
"""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from novaclient_lite import exceptions
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, act_on_server, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


def prompt(text: str) -> str:
    """Read a secret without echo (``getpass``: from the terminal, else stdin)."""
    return getpass.getpass(text)


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_set_password(cs: Client, args: Namespace) -> None:
    """Change the admin password for a server."""
    server = find_server(cs, args.server)
    first = prompt("New password: ")
    if first != prompt("Again: "):
        raise exceptions.CommandError("Passwords do not match.")
    cs.servers.change_password(server, first)


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "private_key",
    metavar="<private-key>",
    nargs="?",
    default=None,
    help="Private key (used locally to decrypt password) (Optional). When specified, the "
    "command displays the clear (decrypted) VM password. When not specified, the ciphered "
    "VM password is displayed.",
)
def do_get_password(cs: Client, args: Namespace) -> output.Text:
    """Get the admin password for a server.

    This operation calls the metadata service to query metadata information
    and does not read password information from the server itself.
    """
    server = find_server(cs, args.server)
    return output.Text(cs.servers.get_password(server, args.private_key))


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_clear_password(cs: Client, args: Namespace) -> None:
    """Clear the admin password for a server from the metadata server.

    This action does not actually change the instance server password.
    """
    act_on_server(cs, args.server, cs.servers.clear_password)
