"""Server external events (``/os-server-external-events``): services telling Nova news.

Neutron and Cinder send these; an admin sends ``network-changed`` to make Nova
refresh a server's network cache (``nova refresh-network``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from novaclient_lite import validators
from novaclient_lite.base import Manager, Resource, ResourceList


class Event(Resource):
    """One event as Nova answers it: ``name``, ``server_uuid``, ``status``, ``code`` (per event)."""

    repr_keys = ("name", "server_uuid")


class ServerExternalEventManager(Manager[Event]):
    """``/os-server-external-events`` (admin; meant for other services)."""

    resource_class = Event

    def create(self, events: list[dict[str, Any]]) -> ResourceList[Event]:
        """Send one or more events.

        Args:
            events: dicts with ``server_uuid`` and ``name`` (e.g.
                ``"network-changed"``), optionally ``status`` and ``tag``.

        Returns:
            The events with Nova's ``code`` for each (200 accepted, 404 no such
            server, 422 the server has no host yet); Nova answers 207 when
            some failed.

        Raises:
            ValidationError: no events, or an event without ``server_uuid``
                or ``name`` (nothing is sent).
            NotFound: none of the events' servers exists.  Forbidden: not an admin.
            BadRequest: an event name Nova does not know.
        """
        if not isinstance(events, list) or not events:
            raise validators.fail("events", "a non-empty list of event dicts", events)
        for event in events:
            if not isinstance(event, Mapping) or not (
                event.get("server_uuid") and event.get("name")
            ):
                raise validators.fail("each event", "a dict with server_uuid and name", event)
        response = self._create_raw("/os-server-external-events", {"events": events})
        return self._many(response, "events")


__all__ = ["Event", "ServerExternalEventManager"]
