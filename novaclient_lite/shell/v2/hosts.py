"""Host commands: host-meta (metadata on every server of a hypervisor host, concurrently)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite import validators
from novaclient_lite.shell import output
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._hosts import host_servers

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


@arg(
    "host",
    metavar="<host>",
    help="The hypervisor hostname (or pattern) to search for. WARNING: Use a fully "
    "qualified domain name if you only want to update metadata for servers on a "
    "specific host.",
)
@arg("action", metavar="<action>", choices=["set", "delete"], help="Actions: 'set' or 'delete'")
@arg(
    "metadata",
    metavar="<key=value>",
    nargs="+",
    help="Metadata to set or delete (only key is necessary on delete)",
)
@arg(
    "--strict",
    dest="strict",
    action="store_true",
    default=False,
    help="Set host-meta to the hypervisor with exact hostname match",
)
def do_host_meta(cs: Client, args: Namespace) -> output.Output:
    """Set or Delete metadata on all instances of a host."""
    setting = args.action == "set"
    pairs = validators.key_values(args.metadata, "<key=value>", need_value=setting)
    servers = host_servers(cs, args.host, args.strict)
    if not servers:
        return output.Message(f"No servers on the hypervisors matching '{args.host}'.")

    def apply(server_id: str) -> str:
        if setting:
            cs.servers.set_meta(server_id, {k: v or "" for k, v in pairs.items()})
            return f"Metadata set on server {server_id}."
        cs.servers.delete_meta(server_id, list(pairs))
        return f"Metadata deleted from server {server_id}."

    return for_each(
        args.env,
        [str(s.get("uuid")) for s in servers],
        apply,
        what=f"{args.action} metadata on server",
    )
