"""The path of one server, and its action endpoint, which every server-scoped call builds on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite.base import getid, quote

if TYPE_CHECKING:
    from novaclient_lite.base import Manager
    from novaclient_lite.http import Response


def server_url(server: Any) -> str:
    """``/servers/<id>`` for a server or its id (the id percent-encoded as one segment)."""
    return f"/servers/{quote(getid(server))}"


def server_action(manager: Manager[Any], server: Any, action: str, info: Any = None) -> Response:
    """POST ``{action: info}`` to ``/servers/<id>/action``, Nova's one action endpoint."""
    return manager._action(server_url(server) + "/action", action, info)
