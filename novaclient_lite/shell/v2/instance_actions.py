"""Instance actions: what was done to a server, and by whom (instance-action-list, -action)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_58
from novaclient_lite.find import looks_like_uuid
from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

ACTION_COLUMNS = ["Action", "Request_ID", "Message", "Start_Time"]


def _server_id(cs: Client, name_or_id: str) -> str:
    """A UUID as given (a deleted server's actions stay readable); a name is looked up."""
    return name_or_id if looks_like_uuid(name_or_id) else str(find_server(cs, name_or_id).id)


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg(
    "--marker",
    metavar="<request-id>",
    start_version="2.58",
    help="The last request ID of the previous page; lists the actions after it.",
)
@arg(
    "--limit",
    metavar="<limit>",
    type=int,
    start_version="2.58",
    help="Maximum number of actions to list.",
)
@arg(
    "--changes-since",
    metavar="<changes_since>",
    start_version="2.58",
    help="Only actions updated at or after this ISO 8601 time.",
)
@arg(
    "--changes-before",
    metavar="<changes_before>",
    start_version="2.66",
    help="Only actions updated at or before this ISO 8601 time.",
)
def do_instance_action_list(cs: Client, args: Namespace) -> output.Table:
    """List the actions performed on a server, oldest first."""
    actions = cs.instance_actions.list(
        _server_id(cs, args.server),
        limit=args.limit,
        marker=args.marker,
        changes_since=args.changes_since,
        changes_before=args.changes_before,
    )
    columns = ACTION_COLUMNS + (["Updated_At"] if cs.api_version >= V2_58 else [])
    # Like python-novaclient: oldest first (by start time), whatever order Nova sends.
    return output.Table(actions, columns, sort_key=_start_time)


def _start_time(action: Any) -> str:
    return str(action.get("start_time") or "")


@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("request_id", metavar="<request-id>", help="Request ID of the action to show.")
def do_instance_action(cs: Client, args: Namespace) -> output.Record:
    """Show one action of a server, with its events."""
    action = cs.instance_actions.get(_server_id(cs, args.server), args.request_id)
    return output.Record(action.to_dict())
