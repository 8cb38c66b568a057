"""Moving servers: migrate, live-migration (and its force-complete/abort), evacuate,
and the host-wide host-evacuate, host-evacuate-live and host-servers-migrate.

The host-wide commands move every server of the matching hypervisors
concurrently (bounded, ``shell/multi.py``), print python-novaclient's table
(one row per server) and exit 1 if any move was refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_13
from novaclient_lite.shell import output, waiting
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._hosts import host_servers
from novaclient_lite.shell.v2._parsing import positive_int
from novaclient_lite.shell.v2._servers_common import (
    SERVER_HELP,
    act_on_server,
    admin_pass,
    find_server,
    wait,
)

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

FORCE_WARNING = (
    "host by the scheduler. WARNING: This could result in failures to actually {what} the "
    "server{s} to the specified host. It is recommended to either not specify a host so "
    "that the scheduler will pick one, or specify a host without --force."
)
HOST_PATTERN_HELP = (
    "The hypervisor hostname (or pattern) to search for. WARNING: Use a fully qualified "
    "domain name if you only want to {what} from a specific host."
)


def _block_migration(args: Namespace) -> bool | None:
    """``--block-migrate``, else None: the library's default ("auto" from 2.25, False before)."""
    return True if args.block_migrate else None


def _live_options(args: Namespace) -> dict[str, Any]:
    """``disk_over_commit`` (until 2.24) and ``force`` as the library takes them."""
    return {
        "disk_over_commit": args.disk_over_commit or None,
        "force": True if args.force else None,
    }


def _shared_storage(cs: Client, args: Namespace) -> bool | None:
    """``--on-shared-storage`` until 2.13 (where Nova needs a value); None after."""
    return bool(args.on_shared_storage) if cs.api_version <= V2_13 else None


# -- one server ------------------------------------------------------------------------


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "--host",
    metavar="<host>",
    default=None,
    start_version="2.56",
    help="Destination host name.",
)
@waiting.wait_args
def do_migrate(cs: Client, args: Namespace) -> output.Message | None:
    """Migrate a server."""
    server_id = act_on_server(cs, args.server, lambda s: cs.servers.migrate(s, host=args.host))
    if not args.wait:
        return None
    # NOTE: a refused migration rolls back to ACTIVE; python-novaclient's --poll accepts it too.
    status = wait(cs, args, server_id, {"VERIFY_RESIZE", "ACTIVE"}).get("status")
    hint = f"; confirm with 'nova resize-confirm {args.server}'" * (status == "VERIFY_RESIZE")
    return output.Message(f"Server {args.server} is {status}{hint}.")


def _block_migrate_arg(help_text: str) -> Callable[[Any], Any]:
    """``--block-migrate``: one option for python-novaclient's two variants (the
    default, False before 2.25 and "auto" from 2.25, is the library's)."""
    return arg(
        "--block-migrate",
        action="store_true",
        dest="block_migrate",
        default=False,
        help=help_text,
    )


def _disk_over_commit_arg(help_text: str) -> Callable[[Any], Any]:
    return arg(
        "--disk-over-commit",
        action="store_true",
        dest="disk_over_commit",
        default=False,
        end_version="2.24",
        help=help_text,
    )


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "host",
    metavar="<host>",
    default=None,
    nargs="?",
    help="Destination host name. If no host is specified, the scheduler will choose one.",
)
@_block_migrate_arg(
    "True in case of block_migration. (Default=auto:live_migration from API version 2.25, "
    "False before)"
)
@_disk_over_commit_arg("Allow overcommit. (Default=False)")
@arg(
    "--force",
    dest="force",
    action="store_true",
    default=False,
    start_version="2.30",
    end_version="2.67",
    help="Force a live-migration by not verifying the provided destination "
    + FORCE_WARNING.format(what="live migrate", s=""),
)
def do_live_migration(cs: Client, args: Namespace) -> None:
    """Migrate running server to a new machine."""
    block = _block_migration(args)
    options = _live_options(args)
    act_on_server(
        cs, args.server, lambda s: cs.servers.live_migrate(s, args.host, block, **options)
    )


@command(start_version="2.22")
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("migration", metavar="<migration>", help="ID of migration.")
def do_live_migration_force_complete(cs: Client, args: Namespace) -> None:
    """Force on-going live migration to complete."""
    server = find_server(cs, args.server)
    cs.server_migrations.live_migrate_force_complete(server, args.migration)


@command(start_version="2.24")
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("migration", metavar="<migration>", help="ID of migration.")
def do_live_migration_abort(cs: Client, args: Namespace) -> None:
    """Abort an on-going live migration."""
    server = find_server(cs, args.server)
    cs.server_migrations.live_migration_abort(server, args.migration)


def _shared_storage_arg(help_text: str) -> Callable[[Any], Any]:
    return arg(
        "--on-shared-storage",
        dest="on_shared_storage",
        action="store_true",
        default=False,
        end_version="2.13",
        help=help_text,
    )


def _evacuate_force_arg(s: str) -> Callable[[Any], Any]:
    return arg(
        "--force",
        dest="force",
        action="store_true",
        default=False,
        start_version="2.29",
        end_version="2.67",
        help="Force an evacuation by not verifying the provided destination "
        + FORCE_WARNING.format(what="evacuate", s=s),
    )


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "host",
    metavar="<host>",
    nargs="?",
    help="Name or ID of the target host.  If no host is specified, the scheduler will choose one.",
)
@arg(
    "--password",
    dest="password",
    metavar="<password>",
    help="Set the provided admin password on the evacuated server. Not applicable if the "
    "server is on shared storage.",
)
@_shared_storage_arg("Specifies whether server files are located on shared storage.")
@_evacuate_force_arg("")
def do_evacuate(cs: Client, args: Namespace) -> output.Record | None:
    """Evacuate server from failed host."""
    server = find_server(cs, args.server)
    password = admin_pass(
        cs.servers.evacuate(
            server,
            host=args.host,
            on_shared_storage=_shared_storage(cs, args),
            password=args.password,
            force=True if args.force else None,
        )
    )
    # NOTE: the password Nova chose (before 2.14) is shown once, to the one who asked.
    return output.Record({"adminPass": password}) if password is not None else None


# -- every server of a host ------------------------------------------------------------


def _on_host(
    cs: Client,
    args: Namespace,
    call: Callable[[str], object],
    *,
    accepted: str,
    doing: str,
    limit: int | None = None,
) -> output.Table:
    """``call(server_id)`` for the servers of ``args.host``, concurrently (bounded).

    One row per server, in python-novaclient's columns; a refused move fills
    ``Error Message`` and makes the exit code 1.
    """
    servers = host_servers(cs, args.host, args.strict)[:limit]
    ids = [str(s.get("uuid")) for s in servers]
    errors: dict[str, str] = {}

    def one(server_id: str) -> None:
        try:
            call(server_id)
        except (exceptions.ClientException, ValueError) as exc:
            errors[server_id] = f"Error while {doing} instance: {exc}"
            raise

    results = for_each(args.env, ids, one, what=f"{doing} server")
    rows = [
        {
            "server_uuid": server_id,
            output.column_key(accepted): server_id not in errors,
            "error_message": errors.get(server_id, ""),
        }
        for server_id in ids
    ]
    return output.Table(rows, ["Server UUID", accepted, "Error Message"], failures=results.failures)


def _strict_arg(help_text: str) -> Callable[[Any], Any]:
    return arg("--strict", dest="strict", action="store_true", default=False, help=help_text)


@arg("host", metavar="<host>", help=HOST_PATTERN_HELP.format(what="evacuate"))
@arg(
    "--target_host",
    metavar="<target_host>",
    default=None,
    help="Name of target host. If no host is specified the scheduler will select a target.",
)
@_shared_storage_arg("Specifies whether all instances files are on shared storage")
@_evacuate_force_arg("")
@_strict_arg("Evacuate host with exact hypervisor hostname match")
def do_host_evacuate(cs: Client, args: Namespace) -> output.Table:
    """Evacuate all instances from failed host."""
    shared, force = _shared_storage(cs, args), True if args.force else None

    def evacuate(server_id: str) -> None:
        # NOTE: a password Nova chose (before 2.14) is not shown: nobody asked for one.
        cs.servers.evacuate(server_id, host=args.target_host, on_shared_storage=shared, force=force)

    return _on_host(cs, args, evacuate, accepted="Evacuate Accepted", doing="evacuating")


@arg("host", metavar="<host>", help=HOST_PATTERN_HELP.format(what="live migrate"))
@arg(
    "--target-host",
    metavar="<target_host>",
    default=None,
    help="Name of target host. If no host is specified, the scheduler will choose one.",
)
@_block_migrate_arg("Enable block migration. (Default=auto from API version 2.25, False before)")
@_disk_over_commit_arg("Enable disk overcommit.")
@arg(
    "--max-servers",
    type=positive_int,
    dest="max_servers",
    metavar="<max_servers>",
    help="Maximum number of servers to live migrate simultaneously",
)
@arg(
    "--force",
    dest="force",
    action="store_true",
    default=False,
    start_version="2.30",
    end_version="2.67",
    help="Force a live-migration by not verifying the provided destination "
    + FORCE_WARNING.format(what="live migrate", s="s"),
)
@_strict_arg("live Evacuate host with exact hypervisor hostname match")
def do_host_evacuate_live(cs: Client, args: Namespace) -> output.Table:
    """Live migrate all instances off the specified host to other available hosts."""
    block, options = _block_migration(args), _live_options(args)

    def migrate(server_id: str) -> None:
        cs.servers.live_migrate(server_id, args.target_host, block, **options)

    return _on_host(
        cs,
        args,
        migrate,
        accepted="Live Migration Accepted",
        doing="live migrating",
        limit=args.max_servers,
    )


@arg("host", metavar="<host>", help=HOST_PATTERN_HELP.format(what="cold migrate"))
@_strict_arg("Migrate host with exact hypervisor hostname match")
def do_host_servers_migrate(cs: Client, args: Namespace) -> output.Table:
    """Cold migrate all instances off the specified host to other available hosts."""
    return _on_host(cs, args, cs.servers.migrate, accepted="Migration Accepted", doing="migrating")
