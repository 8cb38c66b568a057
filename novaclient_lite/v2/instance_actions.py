"""Instance actions: the audit log of what was done to a server, and by whom."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from novaclient_lite.api_versions import V2_58, V2_66
from novaclient_lite.base import Resource, ResourceList, quote
from novaclient_lite.find import ManagerWithFind
from novaclient_lite.v2._paths import server_url

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server

#: Query parameters of the listing and the microversion that introduced each.
_LIST_PARAMS = {"limit": V2_58, "marker": V2_58, "changes-since": V2_58, "changes-before": V2_66}


class InstanceAction(Resource):
    """One action (``create``, ``reboot``, ...); ``events`` only from ``get``."""

    repr_keys = ("action",)

    @property
    def id(self) -> Any:
        """Actions have no ``id``: the ``request_id`` of the call identifies them."""
        return self._info.get("request_id")


class InstanceActionManager(ManagerWithFind[InstanceAction]):
    """``/servers/{id}/os-instance-actions``."""

    resource_class = InstanceAction

    def list(
        self,
        server: str | Server,
        marker: str | None = None,
        limit: int | None = None,
        changes_since: str | None = None,
        changes_before: str | None = None,
    ) -> ResourceList[InstanceAction]:
        """List the actions of a server, newest first: every page, or at most ``limit``.

        Args:
            server: a server or its id (from 2.21 also a deleted server's id).
            limit, marker: paging by ``request_id`` (2.58+).
            changes_since, changes_before: ISO 8601 times on ``updated_at``
                (2.58+ and 2.66+).

        Raises:
            UnsupportedAttribute: a filter the negotiated microversion lacks
                (nothing is sent).  NotFound: no such server.
        """
        url, params = self._list_args(server, limit, marker, changes_since, changes_before)
        # NOTE: Nova (2.58+) puts this list's next link under "links", not "<key>_links".
        return self._list(url, "instanceActions", params=params, limit=limit, links_key="links")

    def iter(
        self,
        server: str | Server,
        marker: str | None = None,
        limit: int | None = None,
        changes_since: str | None = None,
        changes_before: str | None = None,
    ) -> Iterator[InstanceAction]:
        """Like :meth:`list`, but lazily: each page is fetched when it is reached.

        Args:
            server, limit, marker, changes_since, changes_before: as for :meth:`list`.

        Returns:
            An iterator of actions, newest first.

        Raises:
            UnsupportedAttribute: as for :meth:`list` (at the call, nothing is sent).
            NotFound: no such server, while iterating.
        """
        url, params = self._list_args(server, limit, marker, changes_since, changes_before)
        return self._iter(url, "instanceActions", params=params, limit=limit, links_key="links")

    def _list_args(
        self,
        server: str | Server,
        limit: int | None,
        marker: str | None,
        changes_since: str | None,
        changes_before: str | None,
    ) -> tuple[str, dict[str, Any]]:
        params = {
            "marker": marker,
            "changes-since": changes_since,
            "changes-before": changes_before,
        }
        for key, value in {**params, "limit": limit}.items():
            if value is not None:
                self._require(key, since=_LIST_PARAMS[key])
        return f"{server_url(server)}/os-instance-actions", params

    def get(self, server: str | Server, request_id: str) -> InstanceAction:
        """One action with its ``events`` (tracebacks for admins only).

        Raises:
            NotFound: no such server or no action with that request id.
        """
        url = f"{server_url(server)}/os-instance-actions/{quote(request_id)}"
        return self._get(url, "instanceAction")


__all__ = ["InstanceAction", "InstanceActionManager"]
