"""``nova api-extension-list`` and ``nova plugin-hello``: commands added by a plugin."""

from __future__ import annotations

from argparse import Namespace
from typing import Any

from novaclient_lite.shell import output
from novaclient_lite.shell.registry import arg, command


def do_api_extension_list(cs: Any, args: Namespace) -> output.Output:
    """List Nova's API extensions (from the nova-plugin-example plugin)."""
    return output.Table(cs.api_extensions.list(), ["Name", "Alias", "Updated"])


@command(needs_client=False)
@arg("name", metavar="<name>", nargs="?", default="world", help="Whom to greet.")
def do_plugin_hello(cs: Any, args: Namespace) -> output.Output:
    """Say hello (needs no cloud; from the nova-plugin-example plugin)."""
    return output.Text(f"hello, {args.name}")
