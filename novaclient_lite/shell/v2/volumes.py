"""Volume attachments of a server (volume-attach, -update, -detach, -attachments).

The commands of :mod:`novaclient_lite.v2.volumes` (``cs.volumes``), with
python-novaclient's arguments and columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite.api_versions import V2_70, V2_79, V2_89
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import ArgumentError, arg
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("volume", metavar="<volume>", help="ID of the volume to attach.")
@arg(
    "device",
    metavar="<device>",
    default=None,
    nargs="?",
    help='Name of the device e.g. /dev/vdb. Use "auto" for autoassign (if supported). '
    "Libvirt driver will use default device name.",
)
@arg(
    "--tag",
    metavar="<tag>",
    default=None,
    start_version="2.49",
    help="Tag for the attached volume.",
)
@arg(
    "--delete-on-termination",
    action="store_true",
    default=False,
    start_version="2.79",
    help="Specify if the attached volume should be deleted when the server is destroyed.",
)
def do_volume_attach(cs: Client, args: Namespace) -> output.Record | None:
    """Attach a volume to a server.

    From API version 2.101 Nova attaches in the background and describes
    nothing: the command then prints nothing (see volume-attachments).
    """
    server = find_server(cs, args.server)
    volume = cs.volumes.create_server_volume(
        server.id,
        args.volume,
        None if args.device == "auto" else args.device,
        tag=args.tag or None,
        delete_on_termination=args.delete_on_termination,
    )
    return None if volume is None else output.Record(volume.to_dict())


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("src_volume", metavar="<src_volume>", help="ID of the source (original) volume.")
@arg("dest_volume", metavar="<dest_volume>", help="ID of the destination volume.")
@arg(
    "--delete-on-termination",
    action="store_true",
    default=False,
    start_version="2.85",
    help="Specify that the volume should be deleted when the server is destroyed.",
)
@arg(
    "--no-delete-on-termination",
    action="store_true",
    default=False,
    start_version="2.85",
    help="Specify that the volume should not be deleted when the server is destroyed.",
)
def do_volume_update(cs: Client, args: Namespace) -> None:
    """Update the attachment on the server.

    If dest_volume is the same as the src_volume then the command migrates
    the data from the attached volume to the specified available volume
    and swaps out the active attachment to the new volume. Otherwise it
    only updates the parameters of the existing attachment.
    """
    if args.delete_on_termination and args.no_delete_on_termination:
        raise ArgumentError(
            "argument --no-delete-on-termination: not allowed with argument --delete-on-termination"
        )
    delete = True if args.delete_on_termination else None
    if args.no_delete_on_termination:
        delete = False
    cs.volumes.update_server_volume(
        find_server(cs, args.server).id,
        args.src_volume,
        args.dest_volume,
        delete_on_termination=delete,
    )


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("attachment_id", metavar="<volume>", help="ID of the volume to detach.")
def do_volume_detach(cs: Client, args: Namespace) -> None:
    """Detach a volume from a server."""
    cs.volumes.delete_server_volume(find_server(cs, args.server).id, args.attachment_id)


def attachment_columns(cs: Client) -> list[str]:
    """python-novaclient's columns at the session's version: ``ID`` gives way to
    ``ATTACHMENT ID``/``BDM UUID`` at 2.89; ``TAG`` from 2.70; ``DELETE ON
    TERMINATION`` from 2.79."""
    version = cs.api_version
    columns = ["DEVICE", "SERVER ID", "VOLUME ID"]
    if version >= V2_89:
        columns += ["ATTACHMENT ID", "BDM UUID"]
    else:
        columns.insert(0, "ID")
    if version >= V2_70:
        columns.append("TAG")
    if version >= V2_79:
        columns.append("DELETE ON TERMINATION")
    return columns


@arg("server", metavar="<server>", help=SERVER_HELP)
def do_volume_attachments(cs: Client, args: Namespace) -> output.Table:
    """List all the volumes attached to a server."""
    volumes = cs.volumes.get_server_volumes(find_server(cs, args.server).id)
    return output.Table(
        volumes,
        attachment_columns(cs),
        formatters={
            "SERVER ID": lambda v: v.get("serverId"),
            "VOLUME ID": lambda v: v.get("volumeId"),
        },
    )
