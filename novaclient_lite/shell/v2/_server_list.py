"""``nova list``'s filters and rows: the server list's one concern, apart from the commands.

The filters are checked before any request (times through oslo.utils, imported
only here); the rows are shallow views of the server documents, with
python-novaclient's column names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from novaclient_lite import exceptions, validators
from novaclient_lite.shell.registry import ArgumentError, arg
from novaclient_lite.shell.v2._parsing import iso_time

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.servers import Server

F = TypeVar("F", bound=Callable[..., Any])

POWER_STATES = ("NOSTATE", "Running", "", "Paused", "Shutdown", "", "Crashed", "Suspended")
LIST_COLUMNS = ["ID", "Name", "Status", "Task State", "Power State", "Networks"]


def list_args(func: F) -> F:
    """``nova list``'s options, in python-novaclient's order (kept here with their parsing)."""
    for decorate in reversed(_LIST_ARGS):
        func = decorate(func)
    return func


_LIST_ARGS = [
    arg(
        "--reservation-id",
        metavar="<reservation-id>",
        help="Only return servers that match reservation-id.",
    ),
    arg("--ip", metavar="<ip-regexp>", help="Search with regular expression match by IP address."),
    arg(
        "--ip6",
        metavar="<ip6-regexp>",
        start_version="2.5",
        help="Search with regular expression match by IPv6 address.",
    ),
    arg("--name", metavar="<name-regexp>", help="Search with regular expression match by name."),
    arg("--status", metavar="<status>", help="Search by server status."),
    arg("--flavor", metavar="<flavor>", help="Search by flavor name or ID."),
    arg("--image", metavar="<image>", help="Search by image name or ID."),
    arg("--host", metavar="<hostname>", help="Search servers by hostname (Admin only)."),
    arg(
        "--all-tenants",
        metavar="<0|1>",
        nargs="?",
        type=int,
        const=1,
        default=None,
        help="Display information from all tenants (Admin only) [env: ALL_TENANTS].",
    ),
    arg(
        "--tenant",
        metavar="<tenant>",
        nargs="?",
        help="Display information from single tenant (Admin only).",
    ),
    arg(
        "--user",
        metavar="<user>",
        nargs="?",
        help="Display information from single user (Admin only until microversion 2.82).",
    ),
    arg("--deleted", action="store_true", help="Only display deleted servers (Admin only)."),
    arg(
        "--fields",
        metavar="<fields>",
        help="Comma-separated list of fields to display. "
        "Use the show command to see which fields are available.",
    ),
    arg("--minimal", action="store_true", help="Get only UUID and name."),
    arg(
        "--sort",
        metavar="<key>[:<direction>]",
        help="Comma-separated list of sort keys and "
        "directions in the form of <key>[:<asc|desc>]. The direction defaults to descending.",
    ),
    arg("--marker", metavar="<marker>", help="The last server UUID of the previous page."),
    arg(
        "--limit",
        metavar="<limit>",
        type=int,
        help="Maximum number of servers to display "
        "(default: all, every page is fetched; -1 also means all).",
    ),
    arg(
        "--availability-zone",
        metavar="<availability_zone>",
        help="Display servers based on their availability zone.",
    ),
    arg("--key-name", metavar="<key_name>", help="Display servers based on their keypair name."),
    arg(
        "--config-drive",
        action="store_true",
        default=None,
        help="Display servers that have a config drive attached (Admin only until "
        "microversion 2.82).",
    ),
    arg(
        "--no-config-drive",
        action="store_true",
        help="Display servers that do not have a config drive attached (Admin only until "
        "microversion 2.82).",
    ),
    arg(
        "--progress",
        metavar="<progress>",
        help="Display servers based on their progress value (Admin only until microversion 2.82).",
    ),
    arg(
        "--vm-state",
        metavar="<vm_state>",
        help="Display servers based on their vm_state value (Admin only until microversion 2.82).",
    ),
    arg(
        "--task-state",
        metavar="<task_state>",
        help="Display servers based on their task_state value (Admin only until "
        "microversion 2.82).",
    ),
    arg(
        "--power-state",
        metavar="<power_state>",
        help="Display servers based on their power_state value, an integer (0 NOSTATE, 1 Running, "
        "3 Paused, 4 Shutdown, 6 Crashed, 7 Suspended) (Admin only until microversion 2.82).",
    ),
    arg(
        "--changes-since",
        metavar="<changes_since>",
        help="List only servers changed later or "
        "equal to a certain point of time (ISO 8601, e.g. 2016-03-04T06:27:59Z).",
    ),
    arg(
        "--changes-before",
        metavar="<changes_before>",
        start_version="2.66",
        help="List only servers changed earlier or equal to a certain point of time (ISO 8601).",
    ),
    arg(
        "--tags",
        metavar="<tags>",
        start_version="2.26",
        help="Only servers with all of these comma-separated tags.",
    ),
    arg(
        "--tags-any",
        metavar="<tags-any>",
        start_version="2.26",
        help="Only servers with any of these comma-separated tags.",
    ),
    arg(
        "--not-tags",
        metavar="<not-tags>",
        start_version="2.26",
        help="Only servers that do not have all of these comma-separated tags.",
    ),
    arg(
        "--not-tags-any",
        metavar="<not-tags-any>",
        start_version="2.26",
        help="Only servers that have none of these comma-separated tags.",
    ),
    arg(
        "--locked",
        metavar="<locked>",
        start_version="2.73",
        help="Display servers based on their locked value (true or false).",
    ),
]


def sort_args(text: str | None) -> tuple[list[str], list[str]]:
    keys, dirs = [], []
    for item in (text or "").split(",") if text else []:
        key, _, direction = item.partition(":")
        if direction not in ("", "asc", "desc"):
            raise exceptions.CommandError(f"Unknown sort direction: {direction}")
        keys.append(key)
        dirs.append(direction or "desc")
    return keys, dirs


def search_opts(cs: Client, args: Namespace) -> dict[str, Any]:
    """``list``'s filters by their API names; user input is checked before any request."""
    all_tenants = (
        args.all_tenants
        if args.all_tenants is not None
        else int(validators.is_true(args.env.vars.get("ALL_TENANTS")))
    )
    opts = {
        "changes-since": iso_time("changes-since", args.changes_since),
        "changes-before": iso_time("changes-before", args.changes_before),
        # NOTE: --tenant implies --all-tenants, as in python-novaclient.
        "all_tenants": 1 if args.tenant or all_tenants else None,
        "reservation_id": args.reservation_id,
        "ip": args.ip,
        "ip6": args.ip6,
        "name": args.name,
        "status": args.status,
        "tenant_id": args.tenant,
        "user_id": args.user,
        "host": args.host,
        "deleted": args.deleted or None,
        "availability_zone": args.availability_zone,
        "key_name": args.key_name,
        "config_drive": _config_drive(args),
        "progress": args.progress,
        "vm_state": args.vm_state,
        "task_state": args.task_state,
        "power_state": args.power_state,
        "locked": args.locked,
        "tags": args.tags,
        "tags-any": args.tags_any,
        "not-tags": args.not_tags,
        "not-tags-any": args.not_tags_any,
    }
    opts["image"] = cs.glance.find_image(args.image).id if args.image else None
    opts["flavor"] = cs.flavors.find(args.flavor).id if args.flavor else None
    return opts


def _config_drive(args: Namespace) -> str | None:
    """``--config-drive``/``--no-config-drive`` as python-novaclient sends them."""
    if args.config_drive and args.no_config_drive:
        raise ArgumentError("argument --no-config-drive: not allowed with argument --config-drive")
    # NOTE: Nova keeps "True" or "" and filters with a regular expression; "False"
    # matches nothing (bug 1871409), python-novaclient sends it all the same.
    return "True" if args.config_drive else "False" if args.no_config_drive else None


#: python-novaclient's short names for the extension keys, added when the short one is absent.
_SHORT_NAMES = (
    ("OS-EXT-SRV-ATTR:host", "host"),
    ("OS-EXT-STS:task_state", "task_state"),
    ("OS-EXT-SRV-ATTR:instance_name", "instance_name"),
    ("OS-EXT-STS:power_state", "power_state"),
    ("hostId", "host_id"),
)
#: The document keys the default columns read as they are (ID, Name, Status, Tenant ID, Updated).
_SUMMARY_KEYS = ("id", "name", "status", "tenant_id", "updated")


def list_row(server: Server) -> dict[str, Any]:
    """Every key of a server as python-novaclient's list shows them (``--fields``).

    A shallow copy (C speed) with the short names added: nested values are
    the document's own, never changed here.
    """
    info = server.as_mapping().copy()
    for old, new in _SHORT_NAMES:
        if old in info and new not in info:
            info[new] = info[old]
    info.update(_shown_states(info, server))
    flavor = info.get("flavor")
    if isinstance(flavor, dict) and "original_name" in flavor:
        for key, value in flavor.items():
            info["flavor:" + key] = value
    groups = info.get("security_groups")
    if isinstance(groups, list):
        info["security_groups"] = ", ".join(str(g.get("name")) for g in groups)
    return info


def summary_row(server: Server) -> dict[str, Any]:
    """The keys of the default columns only, the same values as :func:`list_row`'s.

    ``nova list`` without ``--fields`` builds one small dict per server instead
    of copying its whole document.  A key the document lacks stays absent (the
    output warns about it).
    """
    doc = server.as_mapping()
    row = {key: doc[key] for key in _SUMMARY_KEYS if key in doc}
    row.update(_shown_states(doc, server))
    return row


def _shown_states(doc: Mapping[str, Any], server: Server) -> dict[str, Any]:
    """Task State, Power State and Networks as python-novaclient shows them (a short
    name wins over its extension key; no task state is ``N/A``)."""
    state = doc["power_state"] if "power_state" in doc else doc.get("OS-EXT-STS:power_state")
    task = doc["task_state"] if "task_state" in doc else doc.get("OS-EXT-STS:task_state", "N/A")
    return {
        "task_state": task,
        "power_state": power_state_name(state),
        "networks": networks_text(server),
    }


def power_state_name(state: Any) -> str:
    """Nova's power state number as python-novaclient names it (``N/A`` when unknown)."""
    if isinstance(state, int) and 0 <= state < len(POWER_STATES):
        return POWER_STATES[state]
    return "N/A"


def networks_text(server: Server) -> str:
    """The Networks column: ``net=addr, addr; net2=addr``, networks sorted."""
    named = sorted(server.networks.items())
    return "; ".join([f"{net}={', '.join(addrs)}" for net, addrs in named if addrs])


def _field_title(field: str) -> str:
    prefix, colon, name = field.rpartition(":")
    name = name.replace("_", " ")
    name = name.title() if name.isupper() or name.islower() else name
    return f"{prefix}: {name}" if colon else name


def field_columns(fields: str, rows: list[dict[str, Any]]) -> tuple[list[str], dict[str, Any]]:
    wanted = [f for f in dict.fromkeys(fields.split(",")) if f and f != "id"]
    missing = [f for f in wanted if rows and f not in rows[0]]
    if missing:
        raise exceptions.CommandError(f"Non-existent fields are specified: {missing}")
    getters: dict[str, Callable[[Any], Any]] = {
        _field_title(f): functools.partial(_field_value, field=f) for f in wanted
    }
    return ["ID", *getters], getters


def _field_value(row: dict[str, Any], field: str) -> Any:
    return row.get(field)
