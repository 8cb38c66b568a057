"""Flavor commands: flavor-list, -show, -create, -update, -delete, -key, -access-*."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_55, V2_102
from novaclient_lite.shell import output
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._parsing import boolean, parse_pairs

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.flavors import Flavor

COLUMNS = [
    "ID",
    "Name",
    "Memory_MiB",
    "Disk",
    "Ephemeral",
    "Swap",
    "VCPUs",
    "RXTX_Factor",
    "Is_Public",
]
ACCESS_COLUMNS = ["Flavor_ID", "Tenant_ID"]


def _extra_specs(cs: Client, flavor: Flavor) -> Any:
    """Embedded from 2.61 on; one GET per flavor before ("N/A" when that fails)."""
    if "extra_specs" in flavor:
        return flavor["extra_specs"]
    try:
        return cs.flavors.get_keys(flavor)
    except exceptions.NotFound:
        return "N/A"


def flavor_table(cs: Client, flavors: list[Flavor], extra_specs: bool = False) -> output.Table:
    """python-novaclient's flavor table (Description from 2.55, extra_specs on request).

    Nova dropped ``rxtx_factor`` at 2.102, so its column goes too.
    """
    columns = list(COLUMNS)
    if cs.api_version >= V2_102:
        columns.remove("RXTX_Factor")
    formatters: dict[str, output.Formatter] = {
        "Memory_MiB": lambda f: f.get("ram"),
        # NOTE: the raw keys, not Flavor's defaults, so a flavor without them shows
        # "-" and output's missing-fields warning names them.
        "Ephemeral": lambda f: f.get("OS-FLV-EXT-DATA:ephemeral"),
        "Is_Public": lambda f: f.get("os-flavor-access:is_public"),
    }
    if extra_specs:
        columns.append("extra_specs")
        formatters["extra_specs"] = lambda f: _extra_specs(cs, f)
    if cs.api_version >= V2_55:
        columns.append("Description")
    return output.Table(flavors, columns, formatters)


@arg("--extra-specs", action="store_true", default=False, help="Get extra-specs of each flavor.")
@arg(
    "--all",
    action="store_true",
    default=False,
    help="Display all flavors, public and private (Admin only).",
)
@arg(
    "--marker",
    metavar="<marker>",
    default=None,
    help="The last flavor ID of the previous page; displays flavors after it.",
)
@arg(
    "--min-disk",
    metavar="<min-disk>",
    type=int,
    default=None,
    help="Filters the flavors by a minimum disk space, in GiB.",
)
@arg(
    "--min-ram",
    metavar="<min-ram>",
    type=int,
    default=None,
    help="Filters the flavors by a minimum RAM, in MiB.",
)
@arg(
    "--limit",
    metavar="<limit>",
    type=int,
    default=None,
    help="Maximum number of flavors to display (default: all, every page).",
)
@arg("--sort-key", metavar="<sort-key>", default=None, help="Flavors list sort key.")
@arg(
    "--sort-dir",
    metavar="<sort-dir>",
    choices=["asc", "desc"],
    default=None,
    help="Flavors list sort direction (asc or desc).",
)
def do_flavor_list(cs: Client, args: Namespace) -> output.Output:
    """Print a list of available 'flavors' (sizes of servers)."""
    flavors = cs.flavors.list(
        is_public=None if args.all else True,
        min_disk=args.min_disk,
        min_ram=args.min_ram,
        limit=args.limit,
        marker=args.marker,
        sort_key=args.sort_key,
        sort_dir=args.sort_dir,
    )
    return flavor_table(cs, flavors, args.extra_specs)


@arg("flavor", metavar="<flavor>", help="Name or ID of flavor.")
def do_flavor_show(cs: Client, args: Namespace) -> output.Output:
    """Show details about the given flavor."""
    flavor = cs.flavors.find(args.flavor)
    info = flavor.to_dict()
    info.pop("links", None)
    info["extra_specs"] = _extra_specs(cs, flavor)
    return output.Record(info)


@arg("name", metavar="<name>", help="Unique name of the new flavor.")
@arg(
    "id",
    metavar="<id>",
    help="Unique ID of the new flavor. Specifying 'auto' will generate a UUID for the ID.",
)
@arg("ram", metavar="<ram>", type=int, help="Memory size in MiB.")
@arg("disk", metavar="<disk>", type=int, help="Disk size in GiB.")
@arg(
    "--ephemeral",
    metavar="<ephemeral>",
    type=int,
    default=0,
    help="Ephemeral space size in GiB (default 0).",
)
@arg("vcpus", metavar="<vcpus>", type=int, help="Number of vcpus")
@arg(
    "--swap",
    metavar="<swap>",
    type=int,
    default=0,
    help="Additional swap space size in MiB (default 0).",
)
@arg(
    "--rxtx-factor",
    metavar="<factor>",
    type=float,
    default=None,
    help="RX/TX factor (Nova's default is 1).",
    end_version="2.101",
)
@arg(
    "--is-public",
    metavar="<is-public>",
    type=boolean,
    default=True,
    help="Make flavor accessible to the public (default true).",
)
@arg(
    "--description",
    metavar="<description>",
    default=None,
    start_version="2.55",
    help="A free form description of the flavor. Limited to 65535 characters in length. "
    "Only printable characters are allowed.",
)
def do_flavor_create(cs: Client, args: Namespace) -> output.Output:
    """Create a new flavor."""
    flavor = cs.flavors.create(
        args.name,
        args.ram,
        args.vcpus,
        args.disk,
        args.id,
        ephemeral=args.ephemeral,
        swap=args.swap,
        rxtx_factor=args.rxtx_factor,
        is_public=args.is_public,
        description=args.description,
    )
    return flavor_table(cs, [flavor])


@command(start_version="2.55")
@arg("flavor", metavar="<flavor>", help="Name or ID of the flavor to update.")
@arg(
    "description",
    metavar="<description>",
    help="A free form description of the flavor. Limited to 65535 characters in length. "
    "Only printable characters are allowed.",
)
def do_flavor_update(cs: Client, args: Namespace) -> output.Output:
    """Update the description of an existing flavor."""
    flavor = cs.flavors.find(args.flavor)
    return flavor_table(cs, [cs.flavors.update(flavor, args.description)])


@arg("flavor", metavar="<flavor>", nargs="+", help="Name or ID of the flavor(s) to delete.")
def do_flavor_delete(cs: Client, args: Namespace) -> output.Output:
    """Delete specific flavor(s)."""

    def delete(name: str) -> str:
        cs.flavors.delete(cs.flavors.find(name))
        return f"Flavor {name} has been deleted."

    return for_each(args.env, args.flavor, delete, what="delete flavor")


@arg("flavor", metavar="<flavor>", help="Name or ID of flavor.")
@arg("action", metavar="<action>", choices=["set", "unset"], help="Actions: 'set' or 'unset'.")
@arg(
    "metadata",
    metavar="<key=value>",
    nargs="+",
    help="Extra_specs to set/unset (only key is necessary on unset).",
)
def do_flavor_key(cs: Client, args: Namespace) -> None:
    """Set or unset extra_spec for a flavor."""
    flavor = cs.flavors.find(args.flavor)
    specs = parse_pairs(args.metadata, "metadata", need_value=args.action == "set")
    if args.action == "set":
        cs.flavors.set_keys(flavor, specs)
    else:
        cs.flavors.unset_keys(flavor, list(specs))


@arg("--flavor", metavar="<flavor>", help="Filter results by flavor name or ID.")
def do_flavor_access_list(cs: Client, args: Namespace) -> output.Output:
    """Print access information about the given flavor."""
    if not args.flavor:
        raise exceptions.CommandError("Unable to get all access lists. Specify --flavor")
    flavor = cs.flavors.find(args.flavor)
    if flavor.is_public:
        raise exceptions.CommandError("Access list not available for public flavors.")
    return output.Table(cs.flavors.access_list(flavor), ACCESS_COLUMNS)


@arg("flavor", metavar="<flavor>", help="Flavor name or ID to add access for the given tenant.")
@arg("tenant", metavar="<tenant_id>", help="Tenant ID to add flavor access for.")
def do_flavor_access_add(cs: Client, args: Namespace) -> output.Output:
    """Add flavor access for the given tenant."""
    flavor = cs.flavors.find(args.flavor)
    return output.Table(cs.flavors.add_access(flavor, args.tenant), ACCESS_COLUMNS)


@arg("flavor", metavar="<flavor>", help="Flavor name or ID to remove access for the given tenant.")
@arg("tenant", metavar="<tenant_id>", help="Tenant ID to remove flavor access for.")
def do_flavor_access_remove(cs: Client, args: Namespace) -> output.Output:
    """Remove flavor access for the given tenant."""
    flavor = cs.flavors.find(args.flavor)
    return output.Table(cs.flavors.remove_access(flavor, args.tenant), ACCESS_COLUMNS)
