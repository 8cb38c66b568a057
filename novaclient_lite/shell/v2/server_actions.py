"""Server action commands: power and state changes, resize, rebuild, images, metadata, console.

Commands that take several servers (``nova stop vm1 vm2``) try every one,
print one line per server and exit 1 if any failed.  Long actions take
``--wait`` (alias ``--poll``) and ``--wait-timeout``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite.shell import output, waiting
from novaclient_lite.shell.registry import ArgumentError, arg
from novaclient_lite.shell.v2._parsing import non_negative_int, parse_pairs
from novaclient_lite.shell.v2._server_rebuild import (
    check_rebuild_versions,
    rebuild_args,
    rebuild_changes,
)
from novaclient_lite.shell.v2._servers_common import (
    IMAGE_HELP,
    SERVER_HELP,
    SERVERS_HELP,
    admin_pass,
    find_server,
    image_record,
    on_each_server,
    server_record,
    wait,
    wait_for_image,
)

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


# -- power and state (several servers) -------------------------------------------------


@arg(
    "--hard",
    dest="reboot_type",
    action="store_const",
    const="HARD",
    default="SOFT",
    help="Perform a hard reboot (instead of a soft one).",
)
@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_reboot(cs: Client, args: Namespace) -> output.Results:
    """Reboot the server(s)."""
    return on_each_server(
        cs, args, "reboot", lambda s: cs.servers.reboot(s, args.reboot_type), {"ACTIVE"}
    )


@arg(
    "--all-tenants",
    action="store_const",
    const=1,
    default=0,
    help="Stop server(s) in another tenant by name (Admin only).",
)
@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_stop(cs: Client, args: Namespace) -> output.Results:
    """Stop the server(s)."""
    return on_each_server(cs, args, "stop", cs.servers.stop, {"SHUTOFF"})


@arg(
    "--all-tenants",
    action="store_const",
    const=1,
    default=0,
    help="Start server(s) in another tenant by name (Admin only).",
)
@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_start(cs: Client, args: Namespace) -> output.Results:
    """Start the server(s)."""
    return on_each_server(cs, args, "start", cs.servers.start, {"ACTIVE"})


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_pause(cs: Client, args: Namespace) -> output.Results:
    """Pause the server(s)."""
    return on_each_server(cs, args, "pause", cs.servers.pause, {"PAUSED"})


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_unpause(cs: Client, args: Namespace) -> output.Results:
    """Unpause the server(s)."""
    return on_each_server(cs, args, "unpause", cs.servers.unpause, {"ACTIVE"})


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_suspend(cs: Client, args: Namespace) -> output.Results:
    """Suspend the server(s)."""
    return on_each_server(cs, args, "suspend", cs.servers.suspend, {"SUSPENDED"})


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_resume(cs: Client, args: Namespace) -> output.Results:
    """Resume the server(s)."""
    return on_each_server(cs, args, "resume", cs.servers.resume, {"ACTIVE"})


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@arg("--reason", metavar="<reason>", start_version="2.73", help="Reason for locking the server.")
def do_lock(cs: Client, args: Namespace) -> output.Results:
    """Lock the server(s).

    A normal (non-admin) user will not be able to execute actions on a locked server.
    """
    return on_each_server(cs, args, "lock", lambda s: cs.servers.lock(s, reason=args.reason))


@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
def do_unlock(cs: Client, args: Namespace) -> output.Results:
    """Unlock the server(s)."""
    return on_each_server(cs, args, "unlock", cs.servers.unlock)


# -- rescue, resize, rebuild ------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "--password",
    metavar="<password>",
    help="The admin password to be set in the rescue environment.",
)
@arg("--image", metavar="<image>", help="Name or ID of the image to rescue with.")
@waiting.wait_args
def do_rescue(cs: Client, args: Namespace) -> output.Record | None:
    """Reboot a server into rescue mode.

    The machine starts from either the initial image or a specified image,
    attaching the current boot disk as secondary.  Prints the rescue password.
    """
    server = find_server(cs, args.server)
    image = cs.glance.find_image(args.image) if args.image else None
    password = admin_pass(cs.servers.rescue(server, password=args.password, image=image))
    if args.wait:
        wait(cs, args, server.id, {"RESCUE"})
    return output.Record({"adminPass": password}) if password else None


@arg("server", metavar="<server>", help=SERVER_HELP)
@waiting.wait_args
def do_unrescue(cs: Client, args: Namespace) -> None:
    """Restart the server from normal boot disk again."""
    server = find_server(cs, args.server)
    cs.servers.unrescue(server)
    if args.wait:
        wait(cs, args, server.id, {"ACTIVE"})


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("flavor", metavar="<flavor>", help="Name or ID of new flavor.")
@waiting.wait_args
def do_resize(cs: Client, args: Namespace) -> output.Message | None:
    """Resize a server."""
    server = find_server(cs, args.server)
    cs.servers.resize(server, cs.flavors.find(args.flavor))
    if not args.wait:
        return None
    # NOTE: a failed resize rolls back to ACTIVE; python-novaclient's --poll accepts it too.
    status = wait(cs, args, server.id, {"VERIFY_RESIZE", "ACTIVE"}).get("status")
    hint = (
        f"; confirm with 'nova resize-confirm {args.server}' or revert with "
        f"'nova resize-revert {args.server}'"
        if status == "VERIFY_RESIZE"
        else ""
    )
    return output.Message(f"Server {args.server} is {status}{hint}.")


@arg("server", metavar="<server>", help=SERVER_HELP)
@waiting.wait_args
def do_resize_confirm(cs: Client, args: Namespace) -> None:
    """Confirm a previous resize."""
    server = find_server(cs, args.server)
    cs.servers.confirm_resize(server)
    if args.wait:
        wait(cs, args, server.id, {"ACTIVE", "SHUTOFF"})


@arg("server", metavar="<server>", help=SERVER_HELP)
@waiting.wait_args
def do_resize_revert(cs: Client, args: Namespace) -> None:
    """Revert a previous resize (and return to the previous VM)."""
    server = find_server(cs, args.server)
    cs.servers.revert_resize(server)
    if args.wait:
        wait(cs, args, server.id, {"ACTIVE", "SHUTOFF"})


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("image", metavar="<image>", help=IMAGE_HELP)
@rebuild_args
@waiting.wait_args
def do_rebuild(cs: Client, args: Namespace) -> output.Record:
    """Shutdown, re-image, and re-boot a server."""
    changes = rebuild_changes(args)
    server = find_server(cs, args.server)
    image = cs.glance.find_image(args.image)
    check_rebuild_versions(cs.api_version, args, changes)
    rebuilt = cs.servers.rebuild(server, image, **changes)
    final = wait(cs, args, server.id, {"ACTIVE", "SHUTOFF"}) if args.wait else rebuilt
    return server_record(
        cs, final, minimal=args.minimal, admin_pass=rebuilt.get("adminPass"), image=image
    )


# -- images and backups ----------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("name", metavar="<name>", help="Name of snapshot.")
@arg(
    "--metadata",
    metavar="<key=value>",
    action="append",
    default=[],
    help="Record arbitrary key/value metadata on the image. Can be specified multiple times.",
)
@arg("--show", action="store_true", help="Print the new image (its Image API record).")
@waiting.wait_args
def do_image_create(cs: Client, args: Namespace) -> output.Record | None:
    """Create a new image by taking a snapshot of a running server.

    With --wait, waits until the image is active and the server's task is done.
    """
    metadata = parse_pairs(args.metadata, "--metadata")
    server = find_server(cs, args.server)
    if args.wait:
        cs.glance.endpoint  # noqa: B018 - needs the Image API: fail before the snapshot
    image_id = cs.servers.create_image(server, args.name, metadata or None)
    image = wait_for_image(cs, args, image_id, server.id) if args.wait else None
    return image_record(cs, image_id, args.name, server.id, image) if args.show else None


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("name", metavar="<name>", help="Name of the backup image.")
@arg("backup_type", metavar="<backup-type>", help='The backup type, like "daily" or "weekly".')
@arg(
    "rotation",
    metavar="<rotation>",
    type=non_negative_int,
    help="Int parameter representing how many backups to keep around.",
)
@waiting.wait_args
def do_backup(cs: Client, args: Namespace) -> output.Record | None:
    """Backup a server by creating a 'backup' type snapshot.

    Prints the new image (its Image API record) when Nova gives its id (2.45+);
    with --wait, waits until it is active and the server's task is done.
    """
    server = find_server(cs, args.server)
    if args.wait:
        cs.glance.endpoint  # noqa: B018 - needs the Image API: fail before the backup
    from novaclient_lite.v2.servers import backup_image_id  # NOTE: light; only here

    image_id = backup_image_id(
        cs.servers.backup(server, args.name, args.backup_type, args.rotation)
    )
    image = wait_for_image(cs, args, image_id, server.id) if args.wait else None
    return image_record(cs, image_id, args.name, server.id, image)


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("name", metavar="<name>", help="Name of the backup image.")
@arg(
    "description",
    metavar="<description>",
    help="Why the backup was taken; stored as the image's 'description' property.",
)
@arg(
    "--rotation",
    metavar="<N>",
    type=non_negative_int,
    help="Make a rotated backup (createBackup) and keep the N newest backups of its type: "
    "Nova DELETES the older ones. Without it, a plain snapshot (createImage) that deletes "
    "nothing.",
)
@arg(
    "--backup-type",
    metavar="<type>",
    help='The backup type rotated by --rotation (default "daily"); needs --rotation.',
)
@waiting.wait_args
def do_backup_instance(cs: Client, args: Namespace) -> output.Record:
    """Back up a server to an image whose description says why.

    Without --rotation this is a snapshot (createImage) that deletes nothing.
    With --rotation N it is a createBackup of --backup-type (default "daily"):
    Nova then deletes the oldest backups of that type beyond the N newest.
    Prints the new image's id; with --wait, waits until the image is active
    (usable, read through the Image API) and the server's task is done.
    """
    if args.backup_type is not None and args.rotation is None:
        raise ArgumentError("--backup-type needs --rotation")
    server = find_server(cs, args.server)
    if args.wait:
        cs.glance.endpoint  # noqa: B018 - needs the Image API: fail before the backup
    image_id = cs.servers.backup_instance(
        server,
        args.name,
        args.description,
        rotation=args.rotation,
        backup_type=args.backup_type or "daily",
    )
    image = wait_for_image(cs, args, image_id, server.id) if args.wait else None
    record = {"id": image_id, "name": args.name, "server": server.id}
    if image is not None:
        record["status"] = image.get("status")
    return output.Record(record)


# -- metadata and console ----------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("action", metavar="<action>", choices=["set", "delete"], help="Actions: 'set' or 'delete'.")
@arg(
    "metadata",
    metavar="<key=value>",
    nargs="+",
    help="Metadata to set or delete (only key is necessary on delete).",
)
def do_meta(cs: Client, args: Namespace) -> None:
    """Set or delete metadata on a server."""
    metadata = parse_pairs(args.metadata, "metadata", need_value=args.action == "set")
    server = find_server(cs, args.server)
    if args.action == "set":
        cs.servers.set_meta(server, metadata)
    else:
        cs.servers.delete_meta(server, sorted(metadata, reverse=True))


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("--length", metavar="<length>", type=int, help="Length in lines to tail.")
def do_console_log(cs: Client, args: Namespace) -> output.Text:
    """Get console log output of a server."""
    return output.Text(cs.servers.get_console_output(find_server(cs, args.server), args.length))
