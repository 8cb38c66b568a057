"""Version command: version-list (the client's and the server's API versions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite.api_versions import MAX_VERSION, MIN_VERSION
from novaclient_lite.shell import output

if TYPE_CHECKING:
    from argparse import Namespace

    from novaclient_lite.v2.client import Client


def do_version_list(cs: Client, args: Namespace) -> output.Output:
    """List all API versions."""
    versions = cs.versions.list()
    columns = ["Id", "Status", "Updated", "Min Version", "Version"]
    return output.Group(
        [
            output.Message(
                "Client supported API versions:\n"
                f"Minimum version {MIN_VERSION}\nMaximum version {MAX_VERSION}\n\n"
                "Server supported API versions:"
            ),
            output.Table(versions, columns),
        ]
    )
