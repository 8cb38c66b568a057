"""The path of one server, which every server-scoped call builds on."""

from __future__ import annotations

from typing import Any

from novaclient_lite.base import getid, quote


def server_url(server: Any) -> str:
    """``/servers/<id>`` for a server or its id (the id percent-encoded as one segment)."""
    return f"/servers/{quote(getid(server))}"
