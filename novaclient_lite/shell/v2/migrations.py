"""Migration records: server-migration-list, server-migration-show, migration-list.

The columns are python-novaclient's at each microversion.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_23, V2_59, V2_80
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._parsing import iso_time
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.base import Resource
    from novaclient_lite.v2.client import Client

SERVER_MIGRATION_COLUMNS = [
    "Id",
    "Source Node",
    "Dest Node",
    "Source Compute",
    "Dest Compute",
    "Dest Host",
    "Status",
    "Server UUID",
    "Created At",
    "Updated At",
]
#: The progress columns of server-migration-list and Nova's keys for them.
PROGRESS_COLUMNS = {
    "Total Memory Bytes": "memory_total_bytes",
    "Processed Memory Bytes": "memory_processed_bytes",
    "Remaining Memory Bytes": "memory_remaining_bytes",
    "Total Disk Bytes": "disk_total_bytes",
    "Processed Disk Bytes": "disk_processed_bytes",
    "Remaining Disk Bytes": "disk_remaining_bytes",
}
MIGRATION_COLUMNS = [
    "Source Node",
    "Dest Node",
    "Source Compute",
    "Dest Compute",
    "Dest Host",
    "Status",
    "Instance UUID",
    "Old Flavor",
    "New Flavor",
    "Created At",
    "Updated At",
]
OWNER_COLUMNS = ["Project ID", "User ID"]


#: migration-list columns whose names are not their keys: column key -> Nova's key.
RENAMED = {
    "old_flavor": "old_instance_type_id",
    "new_flavor": "new_instance_type_id",
    "type": "migration_type",
}


def _renamed(migration: Resource, renames: Mapping[str, str]) -> dict[str, Any]:
    """The migration's keys plus ``renames`` (column key -> Nova's key), where Nova sent them.

    A key Nova did not send stays absent, so the table warns about it.
    """
    info = dict(migration.as_mapping())
    info.update({column: info[key] for column, key in renames.items() if key in info})
    return info


@command(start_version="2.23")
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_server_migration_list(cs: Client, args: Namespace) -> output.Table:
    """Get the migrations list of specified server."""
    migrations = cs.server_migrations.list(find_server(cs, args.server))
    columns = list(SERVER_MIGRATION_COLUMNS)
    if cs.api_version >= V2_80:
        columns += OWNER_COLUMNS
    renames = {output.column_key(name): key for name, key in PROGRESS_COLUMNS.items()}
    rows = [_renamed(m, renames) for m in migrations]
    return output.Table(rows, columns + list(PROGRESS_COLUMNS))


@command(start_version="2.23")
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("migration", metavar="<migration>", help="ID of migration.")
def do_server_migration_show(cs: Client, args: Namespace) -> output.Record:
    """Get the migration of specified server."""
    migration = cs.server_migrations.get(find_server(cs, args.server), args.migration)
    return output.Record(migration.to_dict())


def migration_columns(cs: Client) -> list[str]:
    """python-novaclient's migration-list columns at the session's microversion."""
    columns = list(MIGRATION_COLUMNS)
    version = cs.api_version
    if version >= V2_59:
        columns.insert(0, "UUID")
    if version >= V2_23:
        columns.insert(0, "Id")
        columns.append("Type")
    if version >= V2_80:
        columns += OWNER_COLUMNS
    return columns


@arg(
    "--instance-uuid",
    dest="instance_uuid",
    metavar="<instance_uuid>",
    help="Fetch migrations for the given instance.",
)
@arg(
    "--host",
    dest="host",
    metavar="<host>",
    help="Fetch migrations for the given source or destination host.",
)
@arg("--status", dest="status", metavar="<status>", help="Fetch migrations for the given status.")
@arg(
    "--migration-type",
    dest="migration_type",
    metavar="<migration_type>",
    help="Filter migrations by type. Valid values are: evacuation, live-migration, "
    "migration (cold), resize",
)
@arg(
    "--source-compute",
    dest="source_compute",
    metavar="<source_compute>",
    help="Filter migrations by source compute host name.",
)
@arg(
    "--marker",
    dest="marker",
    metavar="<marker>",
    default=None,
    start_version="2.59",
    help="The last migration of the previous page; displays list of migrations after "
    '"marker". Note that the marker is the migration UUID.',
)
@arg(
    "--limit",
    dest="limit",
    metavar="<limit>",
    type=int,
    default=None,
    start_version="2.59",
    help="Maximum number of migrations to display. Note that there is a configurable max "
    "limit on the server, and the limit that is used will be the minimum of what is "
    "requested here and what is configured in the server.",
)
@arg(
    "--changes-since",
    dest="changes_since",
    metavar="<changes_since>",
    default=None,
    start_version="2.59",
    help="List only migrations changed later or equal to a certain point of time. The "
    "provided time should be an ISO 8061 formatted time. e.g. 2016-03-04T06:27:59Z .",
)
@arg(
    "--changes-before",
    dest="changes_before",
    metavar="<changes_before>",
    default=None,
    start_version="2.66",
    help="List only migrations changed earlier or equal to a certain point of time. The "
    "provided time should be an ISO 8061 formatted time. e.g. 2016-03-04T06:27:59Z .",
)
@arg(
    "--project-id",
    dest="project_id",
    metavar="<project_id>",
    default=None,
    start_version="2.80",
    help="Filter the migrations by the given project ID.",
)
@arg(
    "--user-id",
    dest="user_id",
    metavar="<user_id>",
    default=None,
    start_version="2.80",
    help="Filter the migrations by the given user ID.",
)
def do_migration_list(cs: Client, args: Namespace) -> output.Table:
    """Print a list of migrations."""
    filters: dict[str, Any] = {
        "instance_uuid": args.instance_uuid,
        "marker": args.marker,
        "limit": args.limit,
        "changes_since": iso_time("changes-since", args.changes_since),
        "changes_before": iso_time("changes-before", args.changes_before),
        "migration_type": args.migration_type,
        "source_compute": args.source_compute,
        "project_id": args.project_id,
        "user_id": args.user_id,
    }
    migrations = cs.migrations.iter(args.host, args.status, **filters)
    rows = (_renamed(m, RENAMED) for m in migrations)
    return output.Table(rows, migration_columns(cs))
