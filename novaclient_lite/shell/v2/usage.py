"""Usage commands: usage (one project) and usage-list (every project), over a window."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._parsing import date
from novaclient_lite.shell.v2._projects import session_project

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client
    from novaclient_lite.v2.usage import Usage

_DAY = "%Y-%m-%d"
USAGE_COLUMNS = ["Servers", "RAM MiB-Hours", "CPU Hours", "Disk GiB-Hours"]
_FORMATTERS: dict[str, output.Formatter] = {
    "Tenant ID": lambda u: u.get("tenant_id"),
    "Servers": lambda u: str(len(u.server_usages)),
    "RAM MiB-Hours": lambda u: f"{u.get('total_memory_mb_usage') or 0:.2f}",
    "CPU Hours": lambda u: f"{u.get('total_vcpus_usage') or 0:.2f}",
    "Disk GiB-Hours": lambda u: f"{u.get('total_local_gb_usage') or 0:.2f}",
}

_START_HELP = "Usage range start date ex 2012-01-20. (default: 4 weeks ago)"
_END_HELP = "Usage range end date, ex 2012-01-20. (default: tomorrow)"


def _utcnow() -> datetime.datetime:
    """Now in UTC, naive like the dates users type (Nova reads the window as UTC)."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def _window(args: Namespace) -> tuple[datetime.datetime, datetime.datetime]:
    now = _utcnow()
    start = args.start or now - datetime.timedelta(weeks=4)
    end = args.end or now + datetime.timedelta(days=1)
    return start, end


def _heading(start: datetime.datetime, end: datetime.datetime) -> output.Message:
    return output.Message(f"Usage from {start.strftime(_DAY)} to {end.strftime(_DAY)}:")


def _table(usages: list[Usage], columns: list[str]) -> output.Table:
    return output.Table(usages, columns, dict(_FORMATTERS))


@arg("--start", metavar="<start>", type=date, default=None, help=_START_HELP)
@arg("--end", metavar="<end>", type=date, default=None, help=_END_HELP)
def do_usage_list(cs: Client, args: Namespace) -> output.Output:
    """List usage data for all tenants (every page from 2.40)."""
    start, end = _window(args)
    usages = cs.usage.list_all(start, end)
    return output.Group([_heading(start, end), _table(usages, ["Tenant ID", *USAGE_COLUMNS])])


@arg("--start", metavar="<start>", type=date, default=None, help=_START_HELP)
@arg("--end", metavar="<end>", type=date, default=None, help=_END_HELP)
@arg(
    "--tenant",
    metavar="<tenant-id>",
    default=None,
    help="UUID of tenant to get usage for (default: the session's project).",
)
def do_usage(cs: Client, args: Namespace) -> output.Output:
    """Show usage data for a single tenant."""
    start, end = _window(args)
    usage = cs.usage.get_all(session_project(cs, args.tenant), start, end)
    parts: list[Any] = [_heading(start, end)]
    if usage.get("total_vcpus_usage"):
        parts.append(_table([usage], list(USAGE_COLUMNS)))
    elif args.format == "table":
        parts.append(output.Message("None"))  # python-novaclient's answer for no usage
    else:
        parts.append(_table([], list(USAGE_COLUMNS)))
    return output.Group(parts)
