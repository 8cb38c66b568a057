"""Server commands: boot, list, show, update, delete.

The actions on existing servers (reboot, stop, resize, image-create, ...) are
in :mod:`novaclient_lite.shell.v2.server_actions`; the helpers both modules
share (name lookup, the server record) are in :mod:`._servers_common`, and
``boot``'s option parsing (``--nic``, ``--block-device``, ...) in :mod:`._server_args`.

Images are given by name or ID (a name is looked up in the Image API, Glance:
``cs.glance``), networks by ID or, with ``--nic net-name=``, by name (the
Network API, Neutron: ``cs.neutron``), flavors by name or ID.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output, waiting
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import non_negative_int, positive_int
from novaclient_lite.shell.v2._server_args import (
    NEW_HOSTNAME_ARG,
    TRUSTED_CERTIFICATES_ARG,
    boot_options,
    check_boot_versions,
)
from novaclient_lite.shell.v2._server_list import (
    LIST_COLUMNS,
    field_columns,
    list_args,
    list_row,
    search_opts,
    sort_args,
    summary_row,
)
from novaclient_lite.shell.v2._servers_common import (
    IMAGE_HELP,
    SERVER_HELP,
    SERVERS_HELP,
    act_on_server,
    find_server,
    network_ids,
    server_record,
    wait,
)

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


# -- boot ----------------------------------------------------------------------------------


@arg("--flavor", metavar="<flavor>", help="Name or ID of flavor (see 'nova flavor-list').")
@arg("--image", metavar="<image>", help=IMAGE_HELP)
@arg(
    "--image-with",
    metavar="<key=value>",
    action="append",
    default=[],
    help="Image metadata property (see 'openstack image show'); the one image with all of "
    "them is used. Can be repeated.",
)
@arg("--boot-volume", metavar="<volume_id>", help="Volume ID to boot from.")
@arg("--snapshot", metavar="<snapshot_id>", help="Snapshot ID to boot from (creates a volume).")
@arg(
    "--min-count",
    metavar="<number>",
    type=positive_int,
    help="Boot at least <number> servers (limited by quota).",
)
@arg(
    "--max-count",
    metavar="<number>",
    type=positive_int,
    help="Boot up to <number> servers (limited by quota).",
)
@arg(
    "--meta",
    metavar="<key=value>",
    action="append",
    default=[],
    help="Record arbitrary key/value metadata on the server. Can be repeated.",
)
@arg(
    "--file",
    metavar="<dst-path=src-path>",
    action="append",
    dest="files",
    default=[],
    end_version="2.56",
    help="Store arbitrary files from <src-path> locally to <dst-path> on the new server. "
    "Can be repeated; limited by the 'injected_files' quota (see 'nova limits').",
)
@arg(
    "--key-name",
    metavar="<key-name>",
    help="Name of a key pair (see 'nova keypair-list') [env: NOVACLIENT_DEFAULT_KEY_NAME].",
)
@arg("name", metavar="<name>", help="Name for the new server.")
@arg("--user-data", metavar="<user-data>", help="User data file, exposed by the metadata server.")
@arg(
    "--availability-zone",
    metavar="<availability-zone>",
    help="The availability zone for server placement.",
)
@arg(
    "--security-groups",
    metavar="<security-groups>",
    help="Comma separated list of security group names.",
)
@arg(
    "--block-device-mapping",
    metavar="<dev-name=mapping>",
    action="append",
    default=[],
    help="Block device mapping in the format "
    "<dev-name>=<id>:<type>:<size(GiB)>:<delete-on-terminate>.",
)
@arg(
    "--block-device",
    metavar="key1=value1[,key2=value2...]",
    action="append",
    default=[],
    help="Block device mapping with the keys id, source (image, snapshot, volume or blank), "
    "dest (volume or local), bus, type, device, size, format, bootindex, shutdown (preserve "
    "or remove), tag (2.42+) and volume_type (2.67+).",
)
@arg(
    "--swap",
    metavar="<swap_size>",
    type=positive_int,
    help="Create and attach a local swap block device of <swap_size> MiB.",
)
@arg(
    "--ephemeral",
    metavar="size=<size>[,format=<format>]",
    action="append",
    default=[],
    help="Create and attach a local ephemeral block device of <size> GiB.",
)
@arg(
    "--hint",
    dest="hints",
    metavar="<key=value>",
    action="append",
    default=[],
    help="Send arbitrary key/value pairs to the scheduler for custom use.",
)
@arg(
    "--nic",
    dest="nics",
    metavar="<auto,none,net-id=net-uuid,net-name=network-name,"
    "port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag>",
    action="append",
    default=[],
    help="Create a NIC on the server; repeat for several NICs. 'auto' or 'none' "
    "(2.37+) stand alone. One of net-id, net-name (looked up in the Network API) or port-id is "
    "needed; tag needs 2.32-2.36 or 2.42+. "
    "Default: auto from 2.37.",
)
@arg(
    "--config-drive",
    metavar="<value>",
    default=None,
    help="Enable config drive. The value must be a boolean value.",
)
@arg("--admin-pass", metavar="<value>", help="Admin password for the instance.")
@arg("--access-ip-v4", metavar="<value>", help="Alternative access IPv4 of the instance.")
@arg("--access-ip-v6", metavar="<value>", help="Alternative access IPv6 of the instance.")
@arg(
    "--description",
    metavar="<description>",
    start_version="2.19",
    help="Description for the server.",
)
@arg(
    "--tags",
    metavar="<tags>",
    start_version="2.52",
    help="Tags for the server, separated by commas: --tags <tag1,tag2>.",
)
@arg(
    "--return-reservation-id",
    action="store_true",
    help="Return a reservation id bound to created servers.",
)
@TRUSTED_CERTIFICATES_ARG
@arg(
    "--host",
    metavar="<host>",
    start_version="2.74",
    help="Requested host to create servers. Admin only by default.",
)
@arg(
    "--hypervisor-hostname",
    metavar="<hypervisor-hostname>",
    start_version="2.74",
    help="Requested hypervisor hostname to create servers. Admin only by default.",
)
@arg(
    "--hostname",
    metavar="<hostname>",
    start_version="2.90",
    help="Hostname for the instance (stored in the metadata server).",
)
@waiting.wait_args
def do_boot(cs: Client, args: Namespace) -> output.Record:
    """Boot a new server."""
    image_with, options = boot_options(args)
    check_boot_versions(cs.api_version, args, options)
    image = (
        cs.glance.find_image(args.image)
        if args.image
        else cs.glance.find_image_with(image_with)
        if image_with
        else None
    )
    options["networks"] = network_ids(cs, options["networks"])
    created = cs.servers.create(
        args.name,
        image,
        cs.flavors.find(args.flavor),
        **options,
        return_reservation_id=args.return_reservation_id,
    )
    if isinstance(created, str):  # the reservation id
        return output.Record({"reservation_id": str(created)})
    server = wait(cs, args, created.id, {"ACTIVE"}) if args.wait else cs.servers.get(created.id)
    # NOTE: adminPass is only in the create response: shown once, with the full server.
    return server_record(cs, server, admin_pass=created.get("adminPass"), image=image)


# -- list and show ------------------------------------------------------------------------


@list_args
def do_list(cs: Client, args: Namespace) -> output.Table:
    """List servers."""
    keys, dirs = sort_args(args.sort)
    opts = search_opts(cs, args)
    # NOTE: lazily, page by page: the output keeps only its cells, never the documents.
    servers = cs.servers.iter(
        detailed=not args.minimal,
        search_opts=opts,
        marker=args.marker,
        limit=None if args.limit == -1 else args.limit,
        sort_keys=keys or None,
        sort_dirs=dirs or None,
    )
    rows: Iterator[dict[str, Any]] = map(list_row if args.fields else summary_row, servers)
    # Like python-novaclient: sorted by name unless --sort (server-side) is given.
    order = None if args.sort else _by_name
    if args.minimal:
        return output.Table(rows, ["ID", "Name"], sort_key=order)
    if args.fields:
        first = next(rows, None)  # the fields are checked against the first row
        seen = [first] if first is not None else []
        return output.Table(
            itertools.chain(seen, rows), *field_columns(args.fields, seen), sort_key=order
        )
    columns = LIST_COLUMNS[:2] + ["Tenant ID"] * bool(opts["all_tenants"]) + LIST_COLUMNS[2:]
    columns += ["Updated"] * bool(args.changes_since or args.changes_before)
    return output.Table(rows, columns, sort_key=order)


def _by_name(row: dict[str, Any]) -> str:
    return str(row.get("name") or "")


@arg("--minimal", action="store_true", help="Skips flavor and image lookups when showing servers.")
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "--wrap",
    metavar="<integer>",
    type=non_negative_int,
    default=0,
    help="Wrap the output to a specified length, or 0 to disable.",
)
def do_show(cs: Client, args: Namespace) -> output.Record:
    """Show details about the given server."""
    record = server_record(cs, find_server(cs, args.server), minimal=args.minimal)
    if args.wrap and args.format == "table":
        return output.Record(
            {k: textwrap.fill(output.text_value(v), args.wrap) for k, v in record.mapping.items()}
        )
    return record


# -- update and delete ----------------------------------------------------------------------


@arg("server", metavar="<server>", help="Name (old name) or ID of server.")
@arg("--name", metavar="<name>", help="New name for the server.")
@arg(
    "--description",
    metavar="<description>",
    start_version="2.19",
    help='New description for the server. An empty string ("") removes the description.',
)
@NEW_HOSTNAME_ARG
def do_update(cs: Client, args: Namespace) -> None:
    """Update the name or the description for a server."""
    cs.servers.update(
        find_server(cs, args.server),
        name=args.name or None,
        description=args.description,
        hostname=args.hostname,
    )


@arg(
    "--all-tenants",
    action="store_const",
    const=1,
    default=0,
    help="Delete server(s) in another tenant by name (Admin only).",
)
@arg("server", metavar="<server>", nargs="+", help=SERVERS_HELP)
@waiting.wait_args
def do_delete(cs: Client, args: Namespace) -> output.Results:
    """Immediately shut down and delete specified server(s)."""

    def delete(target: str) -> str | None:
        server_id = act_on_server(cs, target, cs.servers.delete, args.all_tenants)
        if not args.wait:
            return None
        waiting.wait_for_server(cs, server_id, args.env, gone_ok=True, timeout=args.wait_timeout)
        return f"Server {target} has been deleted."

    return for_each(args.env, args.server, delete, what="delete server")
