"""Server tag commands (2.26+): server-tag-list, -add, -set, -delete, -delete-all.

Every tag is checked (``validators.tag``: Nova's rule) before anything is
sent.  ``server-tag-add`` and ``server-tag-delete`` try every tag, print one
line per tag and exit 1 if any failed, as python-novaclient does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite import validators
from novaclient_lite.shell import output
from novaclient_lite.shell.multi import for_each
from novaclient_lite.shell.registry import arg, command
from novaclient_lite.shell.v2._servers_common import SERVER_HELP, find_server

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client

TAGS_SINCE = "2.26"
# NOTE: the tags of one server, one request at a time (as python-novaclient): Nova
# checks the 50-tag limit before it inserts, so parallel adds could pass it together.
ONE_AT_A_TIME = 1


@command(start_version=TAGS_SINCE)
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_server_tag_list(cs: Client, args: Namespace) -> output.Table:
    """Get list of tags from a server."""
    tags = cs.servers.tag_list(find_server(cs, args.server))
    return output.Table(tags, ["Tag"], formatters={"Tag": lambda tag: tag})


@command(start_version=TAGS_SINCE)
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("tag", metavar="<tag>", nargs="+", help="Tag(s) to add.")
def do_server_tag_add(cs: Client, args: Namespace) -> output.Results:
    """Add one or more tags to a server."""
    tags = validators.tags(args.tag)
    server = find_server(cs, args.server)

    def add(tag: str) -> str:
        cs.servers.add_tag(server, tag)
        return f"Request to add tag {tag} to specified server has been accepted."

    return for_each(args.env, tags, add, what="add tag", max_workers=ONE_AT_A_TIME)


@command(start_version=TAGS_SINCE)
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("tags", metavar="<tags>", nargs="+", help="Tag(s) to set.")
def do_server_tag_set(cs: Client, args: Namespace) -> None:
    """Set list of tags to a server."""
    tags = validators.tags(args.tags)
    cs.servers.set_tags(find_server(cs, args.server), tags)


@command(start_version=TAGS_SINCE)
@arg("server", metavar="<server>", help=SERVER_HELP)
@arg("tag", metavar="<tag>", nargs="+", help="Tag(s) to delete.")
def do_server_tag_delete(cs: Client, args: Namespace) -> output.Results:
    """Delete one or more tags from a server."""
    tags = [validators.tag(tag) for tag in args.tag]
    server = find_server(cs, args.server)

    def delete(tag: str) -> str:
        cs.servers.delete_tag(server, tag)
        return f"Request to delete tag {tag} from specified server has been accepted."

    return for_each(args.env, tags, delete, what="delete tag", max_workers=ONE_AT_A_TIME)


@command(start_version=TAGS_SINCE)
@arg("server", metavar="<server>", help=SERVER_HELP)
def do_server_tag_delete_all(cs: Client, args: Namespace) -> None:
    """Delete all tags from a server."""
    cs.servers.delete_all_tags(find_server(cs, args.server))
