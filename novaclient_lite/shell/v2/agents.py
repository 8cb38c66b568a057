"""Agent build commands (agent-list, -create, -modify, -delete): Nova removed the API.

Each command keeps python-novaclient's arguments and ends with the library's
one line (:data:`novaclient_lite.v2.agents.REMOVED`), exit 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite.shell.registry import arg

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


@arg("--hypervisor", metavar="<hypervisor>", default=None, help="Type of hypervisor.")
def do_agent_list(cs: Client, args: Namespace) -> None:
    """REMOVED from Nova (22.0.0): list all builds."""
    cs.agents.list(args.hypervisor)


@arg("os", metavar="<os>", help="Type of OS.")
@arg("architecture", metavar="<architecture>", help="Type of architecture.")
@arg("version", metavar="<version>", help="Version.")
@arg("url", metavar="<url>", help="URL.")
@arg("md5hash", metavar="<md5hash>", help="MD5 hash.")
@arg("hypervisor", metavar="<hypervisor>", nargs="?", default="xen", help="Type of hypervisor.")
def do_agent_create(cs: Client, args: Namespace) -> None:
    """REMOVED from Nova (22.0.0): create new agent build."""
    cs.agents.create(
        args.os, args.architecture, args.version, args.url, args.md5hash, args.hypervisor
    )


@arg("id", metavar="<id>", help="ID of the agent-build.")
def do_agent_delete(cs: Client, args: Namespace) -> None:
    """REMOVED from Nova (22.0.0): delete existing agent build."""
    cs.agents.delete(args.id)


@arg("id", metavar="<id>", help="ID of the agent-build.")
@arg("version", metavar="<version>", help="Version.")
@arg("url", metavar="<url>", help="URL")
@arg("md5hash", metavar="<md5hash>", help="MD5 hash.")
def do_agent_modify(cs: Client, args: Namespace) -> None:
    """REMOVED from Nova (22.0.0): modify existing agent build."""
    cs.agents.update(args.id, args.version, args.url, args.md5hash)
