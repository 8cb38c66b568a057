"""``nova list``'s filters and rows: the server list's one concern, apart from the commands.

The filters are checked before any request (times through oslo.utils, imported
only here); the rows are shallow views of the server documents, with
python-novaclient's column names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions, validators

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.servers import Server

POWER_STATES = ("NOSTATE", "Running", "", "Paused", "Shutdown", "", "Crashed", "Suspended")
LIST_COLUMNS = ["ID", "Name", "Status", "Task State", "Power State", "Networks"]


def _iso_time(option: str, value: str | None) -> str | None:
    """Check an ISO 8601 time as Nova will read it (oslo.utils, imported only here)."""
    if value is not None:
        from oslo_utils import timeutils

        try:
            timeutils.parse_isotime(value)
        except ValueError:
            raise exceptions.CommandError(f"Invalid {option} value: {value}") from None
    return value


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
        "changes-since": _iso_time("changes-since", args.changes_since),
        "changes-before": _iso_time("changes-before", args.changes_before),
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
        "locked": args.locked,
        "tags": args.tags,
        "tags-any": args.tags_any,
        "not-tags": args.not_tags,
        "not-tags-any": args.not_tags_any,
    }
    opts["image"] = cs.glance.find_image(args.image).id if args.image else None
    opts["flavor"] = cs.flavors.find(args.flavor).id if args.flavor else None
    return opts


def list_row(server: Server) -> dict[str, Any]:
    """A server's keys as python-novaclient's list shows them (extension prefixes dropped).

    A shallow copy: nested values are the document's own, never changed here.
    """
    info = dict(server.as_mapping())
    for old, new in (
        ("OS-EXT-SRV-ATTR:host", "host"),
        ("OS-EXT-STS:task_state", "task_state"),
        ("OS-EXT-SRV-ATTR:instance_name", "instance_name"),
        ("OS-EXT-STS:power_state", "power_state"),
        ("hostId", "host_id"),
    ):
        if old in info and new not in info:
            info[new] = info[old]
    info.setdefault("task_state", "N/A")
    state = info.get("power_state")
    info["power_state"] = (
        POWER_STATES[state] if isinstance(state, int) and 0 <= state < len(POWER_STATES) else "N/A"
    )
    if isinstance(info.get("flavor"), dict) and "original_name" in info["flavor"]:
        info.update({f"flavor:{k}": v for k, v in info["flavor"].items()})
    info["networks"] = "; ".join(
        f"{net}={', '.join(addrs)}" for net, addrs in sorted(server.networks.items()) if addrs
    )
    if isinstance(info.get("security_groups"), list):
        info["security_groups"] = ", ".join(str(g.get("name")) for g in info["security_groups"])
    return info


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
