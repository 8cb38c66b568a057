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
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output, waiting
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import positive_int
from novaclient_lite.shell.v2._server_args import boot_options
from novaclient_lite.shell.v2._server_list import (
    LIST_COLUMNS,
    field_columns,
    list_row,
    search_opts,
    sort_args,
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
    "--hostname",
    metavar="<hostname>",
    start_version="2.90",
    help="Hostname for the instance (stored in the metadata server).",
)
@arg(
    "--return-reservation-id",
    action="store_true",
    help="Return a reservation id bound to created servers.",
)
@waiting.wait_args
def do_boot(cs: Client, args: Namespace) -> output.Record:
    """Boot a new server."""
    image_with, options = boot_options(args)
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
    if args.return_reservation_id:
        return output.Record({"reservation_id": created.get("reservation_id")})
    server = wait(cs, args, created.id, {"ACTIVE"}) if args.wait else cs.servers.get(created.id)
    # NOTE: adminPass is only in the create response: shown once, with the full server.
    return server_record(cs, server, admin_pass=created.get("adminPass"), image=image)


# -- list and show ------------------------------------------------------------------------


@arg(
    "--reservation-id",
    metavar="<reservation-id>",
    help="Only return servers that match reservation-id.",
)
@arg("--ip", metavar="<ip-regexp>", help="Search with regular expression match by IP address.")
@arg(
    "--ip6",
    metavar="<ip6-regexp>",
    start_version="2.5",
    help="Search with regular expression match by IPv6 address.",
)
@arg("--name", metavar="<name-regexp>", help="Search with regular expression match by name.")
@arg("--status", metavar="<status>", help="Search by server status.")
@arg("--flavor", metavar="<flavor>", help="Search by flavor name or ID.")
@arg("--image", metavar="<image>", help="Search by image name or ID.")
@arg("--host", metavar="<hostname>", help="Search servers by hostname (Admin only).")
@arg(
    "--all-tenants",
    metavar="<0|1>",
    nargs="?",
    type=int,
    const=1,
    default=None,
    help="Display information from all tenants (Admin only) [env: ALL_TENANTS].",
)
@arg("--tenant", metavar="<tenant>", help="Display information from single tenant (Admin only).")
@arg("--user", metavar="<user>", help="Display information from single user.")
@arg("--deleted", action="store_true", help="Only display deleted servers (Admin only).")
@arg(
    "--fields",
    metavar="<fields>",
    help="Comma-separated list of fields to display. "
    "Use the show command to see which fields are available.",
)
@arg("--minimal", action="store_true", help="Get only UUID and name.")
@arg(
    "--sort",
    metavar="<key>[:<direction>]",
    help="Comma-separated list of sort keys and "
    "directions in the form of <key>[:<asc|desc>]. The direction defaults to descending.",
)
@arg("--marker", metavar="<marker>", help="The last server UUID of the previous page.")
@arg(
    "--limit",
    metavar="<limit>",
    type=int,
    help="Maximum number of servers to display "
    "(default: all, every page is fetched; -1 also means all).",
)
@arg(
    "--availability-zone",
    metavar="<availability_zone>",
    help="Display servers based on their availability zone.",
)
@arg("--key-name", metavar="<key_name>", help="Display servers based on their keypair name.")
@arg(
    "--changes-since",
    metavar="<changes_since>",
    help="List only servers changed later or "
    "equal to a certain point of time (ISO 8601, e.g. 2016-03-04T06:27:59Z).",
)
@arg(
    "--changes-before",
    metavar="<changes_before>",
    start_version="2.66",
    help="List only servers changed earlier or equal to a certain point of time (ISO 8601).",
)
@arg(
    "--tags",
    metavar="<tags>",
    start_version="2.26",
    help="Only servers with all of these comma-separated tags.",
)
@arg(
    "--tags-any",
    metavar="<tags-any>",
    start_version="2.26",
    help="Only servers with any of these comma-separated tags.",
)
@arg(
    "--not-tags",
    metavar="<not-tags>",
    start_version="2.26",
    help="Only servers that do not have all of these comma-separated tags.",
)
@arg(
    "--not-tags-any",
    metavar="<not-tags-any>",
    start_version="2.26",
    help="Only servers that have none of these comma-separated tags.",
)
@arg(
    "--locked",
    metavar="<locked>",
    start_version="2.73",
    help="Display servers based on their locked value (true or false).",
)
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
    rows: Iterator[dict[str, Any]] = map(list_row, servers)
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
def do_show(cs: Client, args: Namespace) -> output.Record:
    """Show details about the given server."""
    return server_record(cs, find_server(cs, args.server), minimal=args.minimal)


# -- update and delete ----------------------------------------------------------------------


@arg("server", metavar="<server>", help="Name (old name) or ID of server.")
@arg("--name", metavar="<name>", help="New name for the server.")
@arg(
    "--description",
    metavar="<description>",
    start_version="2.19",
    help='New description for the server. An empty string ("") removes the description.',
)
def do_update(cs: Client, args: Namespace) -> None:
    """Update the name or the description for a server."""
    changes: dict[str, Any] = {"name": args.name or None}
    if args.description is not None:
        changes["description"] = args.description or None
    cs.servers.update(find_server(cs, args.server), **changes)


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
