"""Compute service commands: service-list, -enable, -disable, -force-down, -delete.

python-novaclient names the service by host (its nova-compute) before 2.53 and
by UUID from 2.53; here a host name works at every version (from 2.53 it is
looked up to the UUID of that host's nova-compute service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_11, V2_53
from novaclient_lite.find import looks_like_uuid
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.services import Service

COMPUTE = "nova-compute"
SERVICE_HELP = (
    "Name of host (its nova-compute service); from microversion 2.53 also the "
    "ID of the service as a UUID."
)


@arg("--host", metavar="<hostname>", default=None, help="Name of host.")
@arg("--binary", metavar="<binary>", default=None, help="Service binary.")
def do_service_list(cs: Client, args: Namespace) -> output.Table:
    """Show a list of all running services. Filter by host & binary."""
    columns = ["Id", "Binary", "Host", "Zone", "Status", "State", "Updated_at", "Disabled Reason"]
    if cs.api_version >= V2_11:
        columns.append("Forced down")
    return output.Table(cs.services.list(host=args.host, binary=args.binary), columns)


def _target(cs: Client, service: str) -> tuple[str, str | None]:
    """``(host, "nova-compute")`` before 2.53; ``(uuid, None)`` from 2.53 (a host looked up)."""
    if cs.api_version < V2_53:
        return service, COMPUTE
    if looks_like_uuid(service):
        return service, None
    found = cs.services.list(host=service, binary=COMPUTE)
    if len(found) != 1:
        raise exceptions.ResourceNotFound(
            f"No {COMPUTE} service on a host named '{service}' exists."
            if not found
            else f"Multiple {COMPUTE} services on host '{service}', use the service ID."
        )
    return str(found[0].id), None


def _row(cs: Client, service: Service, *columns: str) -> output.Table:
    head = ["ID"] if cs.api_version >= V2_53 else []
    return output.Table([service], [*head, "Host", "Binary", *columns])


@arg("service", metavar="<hostname|id>", help=SERVICE_HELP)
def do_service_enable(cs: Client, args: Namespace) -> output.Table:
    """Enable the service."""
    return _row(cs, cs.services.enable(*_target(cs, args.service)), "Status")


@arg("service", metavar="<hostname|id>", help=SERVICE_HELP)
@arg("--reason", metavar="<reason>", help="Reason for disabling the service.")
def do_service_disable(cs: Client, args: Namespace) -> output.Table:
    """Disable the service."""
    service = cs.services.disable(*_target(cs, args.service), reason=args.reason)
    return _row(cs, service, "Status", *(["Disabled Reason"] if args.reason else []))


@command(start_version="2.11")
@arg("service", metavar="<hostname|id>", help=SERVICE_HELP)
@arg(
    "--unset",
    dest="force_down",
    action="store_false",
    default=True,
    help="Unset the forced_down state of the service.",
)
def do_service_force_down(cs: Client, args: Namespace) -> output.Table:
    """Force service to down."""
    host, binary = _target(cs, args.service)
    return _row(cs, cs.services.force_down(host, binary, args.force_down), "Forced down")


@arg(
    "id",
    metavar="<id>",
    help="ID of service: an integer before microversion 2.53 (it may not uniquely identify "
    "a service in a multi-cell deployment), a UUID from 2.53.",
)
def do_service_delete(cs: Client, args: Namespace) -> None:
    """Delete the service by ID.

    If deleting a nova-compute service, be sure to stop the actual nova-compute
    process on the physical host before deleting the service with this command.
    Failing to do so can lead to the running service re-creating orphaned
    compute_nodes table records in the database.
    """
    cs.services.delete(args.id)
