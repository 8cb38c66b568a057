"""Key pair commands: keypair-add, -list, -show, -delete."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_2
from novaclient_lite.shell import output
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


def _read_public_key(args: Namespace) -> str | None:
    path = args.pub_key
    if not path:
        return None
    if path == "-":
        text: str = args.env.stdin.read()
        return text
    try:
        with open(os.path.expanduser(path), encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise exceptions.CommandError(
            f"Can't open or read '{path}': {exc.strerror or exc}"
        ) from None


@arg("name", metavar="<name>", help="Name of key.")
@arg(
    "--pub-key",
    metavar="<pub-key>",
    default=None,
    help="Path to a public ssh key ('-' reads it from stdin). Without it Nova generates "
    "the key pair (up to 2.91) and the private key is printed once.",
)
@arg(
    "--key-type",
    metavar="<key-type>",
    choices=["ssh", "x509"],
    default=None,
    start_version="2.2",
    help="Keypair type. Can be ssh or x509.",
)
@arg(
    "--user",
    metavar="<user-id>",
    default=None,
    start_version="2.10",
    help="ID of user to whom to add key-pair (Admin only).",
)
def do_keypair_add(cs: Client, args: Namespace) -> output.Output | None:
    """Create a new key pair for use with servers."""
    public_key = _read_public_key(args)
    keypair = cs.keypairs.create(
        args.name, public_key, key_type=args.key_type or "ssh", user_id=args.user
    )
    private_key = keypair.get("private_key")
    return output.Text(private_key) if private_key else None


@arg(
    "--user",
    metavar="<user-id>",
    default=None,
    start_version="2.10",
    help="List key-pairs of specified user ID (Admin only).",
)
@arg(
    "--marker",
    metavar="<marker>",
    default=None,
    start_version="2.35",
    help="The last keypair of the previous page; displays list of keypairs after it.",
)
@arg(
    "--limit",
    metavar="<limit>",
    type=int,
    default=None,
    start_version="2.35",
    help="Maximum number of keypairs to display (default: all, every page).",
)
def do_keypair_list(cs: Client, args: Namespace) -> output.Output:
    """Print a list of keypairs for a user."""
    keypairs = cs.keypairs.list(user_id=args.user, limit=args.limit, marker=args.marker)
    columns = ["Name", "Type", "Fingerprint"]
    if cs.api_version < V2_2:
        columns.remove("Type")
    return output.Table(keypairs, columns)


@arg("keypair", metavar="<keypair>", help="Name of keypair.")
@arg(
    "--user",
    metavar="<user-id>",
    default=None,
    start_version="2.10",
    help="ID of key-pair owner (Admin only).",
)
def do_keypair_show(cs: Client, args: Namespace) -> output.Output:
    """Show details about the given keypair."""
    return output.Record(cs.keypairs.get(args.keypair, user_id=args.user).to_dict())


@arg("name", metavar="<name>", nargs="+", help="Keypair name(s) to delete.")
@arg(
    "--user",
    metavar="<user-id>",
    default=None,
    start_version="2.10",
    help="ID of key-pair owner (Admin only).",
)
def do_keypair_delete(cs: Client, args: Namespace) -> output.Output:
    """Delete keypair(s) given by name."""

    def delete(name: str) -> str:
        cs.keypairs.delete(name, user_id=args.user)
        return f"Keypair {name} has been deleted."

    return for_each(args.env, args.name, delete, what="delete keypair")
