"""Host aggregate commands: aggregate-list, -show, -create, -update, -delete, -add-host,
-remove-host, -set-metadata, -cache-images."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions, validators
from novaclient_lite.api_versions import V2_41
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.aggregates import Aggregate
    from novaclient_lite.v2.client import Client

AGGREGATE_HELP = "Name or ID of aggregate."


def _quoted(values: list[str]) -> str:
    """python-novaclient's ``'a', 'b'`` cell for hosts and metadata."""
    return ", ".join(f"'{value}'" for value in values)


def aggregate_table(cs: Client, aggregate: Aggregate) -> output.Table:
    """python-novaclient's detail row: Id, Name, Availability Zone, Hosts, Metadata (UUID 2.41+)."""
    columns = ["Id", "Name", "Availability Zone", "Hosts", "Metadata"]
    if cs.api_version >= V2_41:
        columns.append("UUID")
    formatters = {
        "Hosts": lambda a: _quoted(list(a.get("hosts") or [])),
        "Metadata": lambda a: _quoted(
            [f"{k}={v}" for k, v in sorted((a.get("metadata") or {}).items())]
        ),
    }
    return output.Table([aggregate], columns, formatters)


def _with_message(text: str, cs: Client, aggregate: Aggregate) -> output.Group:
    return output.Group([output.Message(text), aggregate_table(cs, aggregate)])


def do_aggregate_list(cs: Client, args: Namespace) -> output.Table:
    """Print a list of all aggregates."""
    columns = ["Id", "Name", "Availability Zone"]
    if cs.api_version >= V2_41:
        columns.append("UUID")
    return output.Table(cs.aggregates.list(), columns)


@arg("aggregate", metavar="<aggregate>", help=AGGREGATE_HELP)
def do_aggregate_show(cs: Client, args: Namespace) -> output.Table:
    """Show details of the specified aggregate."""
    return aggregate_table(cs, cs.aggregates.find(args.aggregate))


@arg("name", metavar="<name>", help="Name of aggregate.")
@arg(
    "availability_zone",
    metavar="<availability-zone>",
    nargs="?",
    default=None,
    help="The availability zone of the aggregate (optional).",
)
def do_aggregate_create(cs: Client, args: Namespace) -> output.Table:
    """Create a new aggregate with the specified details."""
    return aggregate_table(cs, cs.aggregates.create(args.name, args.availability_zone))


@arg("aggregate", metavar="<aggregate>", help="Name or ID of aggregate to delete.")
def do_aggregate_delete(cs: Client, args: Namespace) -> output.Message:
    """Delete the aggregate."""
    aggregate = cs.aggregates.find(args.aggregate)
    cs.aggregates.delete(aggregate)
    return output.Message(f"Aggregate {aggregate.id} has been successfully deleted.")


@arg("aggregate", metavar="<aggregate>", help="Name or ID of aggregate to update.")
@arg("--name", metavar="<name>", dest="name", help="New name for aggregate.")
@arg(
    "--availability-zone",
    metavar="<availability-zone>",
    dest="availability_zone",
    help="New availability zone for aggregate.",
)
def do_aggregate_update(cs: Client, args: Namespace) -> output.Group:
    """Update the aggregate's name and optionally availability zone."""
    updates = {
        key: value
        for key, value in (("name", args.name), ("availability_zone", args.availability_zone))
        if value
    }
    if not updates:
        raise exceptions.CommandError(
            "Either '--name <name>' or '--availability-zone <availability-zone>' must be specified."
        )
    aggregate = cs.aggregates.update(cs.aggregates.find(args.aggregate), updates)
    return _with_message(f"Aggregate {aggregate.id} has been successfully updated.", cs, aggregate)


@arg("aggregate", metavar="<aggregate>", help="Name or ID of aggregate to update.")
@arg(
    "metadata",
    metavar="<key=value>",
    nargs="+",
    help="Metadata to add/update to aggregate. Specify only the key to delete a metadata item.",
)
def do_aggregate_set_metadata(cs: Client, args: Namespace) -> output.Group:
    """Update the metadata associated with the aggregate."""
    metadata = validators.key_values(args.metadata, "<key=value>", need_value=False)
    aggregate = cs.aggregates.find(args.aggregate)
    current: dict[str, Any] = aggregate.get("metadata") or {}
    if any(value is not None and current.get(key) == value for key, value in metadata.items()):
        raise exceptions.CommandError("metadata already exists")
    for key, value in metadata.items():
        if value is None and key not in current:
            raise exceptions.CommandError(
                f"metadata key {key} does not exist hence can not be deleted"
            )
    aggregate = cs.aggregates.set_metadata(aggregate, metadata)
    return _with_message(
        f"Metadata has been successfully updated for aggregate {aggregate.id}.", cs, aggregate
    )


@arg("aggregate", metavar="<aggregate>", help=AGGREGATE_HELP)
@arg("host", metavar="<host>", help="The host to add to the aggregate.")
def do_aggregate_add_host(cs: Client, args: Namespace) -> output.Group:
    """Add the host to the specified aggregate."""
    aggregate = cs.aggregates.add_host(cs.aggregates.find(args.aggregate), args.host)
    return _with_message(
        f"Host {args.host} has been successfully added for aggregate {aggregate.id} ", cs, aggregate
    )


@arg("aggregate", metavar="<aggregate>", help=AGGREGATE_HELP)
@arg("host", metavar="<host>", help="The host to remove from the aggregate.")
def do_aggregate_remove_host(cs: Client, args: Namespace) -> output.Group:
    """Remove the specified host from the specified aggregate."""
    aggregate = cs.aggregates.remove_host(cs.aggregates.find(args.aggregate), args.host)
    return _with_message(
        f"Host {args.host} has been successfully removed from aggregate {aggregate.id} ",
        cs,
        aggregate,
    )


@command(start_version="2.81")
@arg("aggregate", metavar="<aggregate>", help="Name or ID of the aggregate.")
@arg(
    "images",
    metavar="<image>",
    nargs="+",
    help="Name or ID of image(s) to cache on the hosts within the aggregate.",
)
def do_aggregate_cache_images(cs: Client, args: Namespace) -> None:
    """Request images be cached."""
    # NOTE: find_image takes a UUID as it is (no request); a name is one Image API GET.
    ids = [str(cs.glance.find_image(image).id) for image in args.images]
    cs.aggregates.cache_images(cs.aggregates.find(args.aggregate), ids)
