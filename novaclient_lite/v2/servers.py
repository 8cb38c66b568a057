"""Servers: list, get, find, wait and delete.

Create, update and rebuild (python-novaclient's signatures) live in
:mod:`novaclient_lite.v2._server_lifecycle`; the actions (``POST
/servers/{id}/action``), images, backups, metadata and console in
:mod:`novaclient_lite.v2._server_actions`; the request bodies and their checks
in :mod:`novaclient_lite.v2._server_body` and :mod:`._server_compat`.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_26, V2_66, V2_73
from novaclient_lite.base import UNSET, RequestIds, Resource, ResourceList, getid
from novaclient_lite.find import find_resource
from novaclient_lite.resource_methods import attach
from novaclient_lite.v2 import _server_wait
from novaclient_lite.v2._paths import server_url
from novaclient_lite.v2._server_actions import backup_image_id
from novaclient_lite.v2._server_attach import ServerAttach
from novaclient_lite.v2._server_consoles import ServerConsoles
from novaclient_lite.v2._server_lifecycle import ReservationId, ServerLifecycle
from novaclient_lite.v2._server_methods import SERVER_METHODS
from novaclient_lite.v2._server_moves import ServerMoves
from novaclient_lite.v2._server_state import ServerState
from novaclient_lite.v2._server_tags import ServerTags

#: List filters that Nova ignores below their microversion (a wrong, wider result).
#: (``ip6`` is not here: admins may use it at any version; 2.5 only opened it to users.)
_FILTER_SINCE = {
    "tags": V2_26,
    "tags-any": V2_26,
    "not-tags": V2_26,
    "not-tags-any": V2_26,
    "changes-before": V2_66,
    "locked": V2_73,
}
_TAG_FILTERS = ("tags", "tags-any", "not-tags", "not-tags-any")
_Strings = builtins.list[str]


class Server(Resource):
    """A server.  Namespaced keys are read with ``server["OS-EXT-STS:vm_state"]``."""

    repr_keys = ("name", "status")
    HUMAN_ID = True

    @property
    def networks(self) -> dict[str, list[str]]:
        """Addresses per network name, from ``addresses`` (empty when absent)."""
        addresses = self._info.get("addresses") or {}
        return {
            net: [str(a.get("addr")) for a in items if isinstance(a, Mapping)]
            for net, items in addresses.items()
        }

    def rebuild(
        self,
        image: str | Resource,
        password: str | None = None,
        preserve_ephemeral: bool = False,
        *,
        disk_config: str | None = None,
        name: str | None = None,
        meta: dict[str, str] | None = None,
        files: Any = None,
        description: Any = UNSET,
        key_name: Any = UNSET,
        userdata: Any = UNSET,
        trusted_image_certificates: Any = UNSET,
        hostname: Any = UNSET,
    ) -> Server:
        """Rebuild this server (``manager.rebuild``).

        python-novaclient's resource method puts ``preserve_ephemeral`` third
        (the manager's is fifth), so it is written out rather than derived.
        """
        manager = self.manager
        if not isinstance(manager, ServerManager):
            raise TypeError("Server.rebuild() needs a manager: no manager.")
        return manager.rebuild(
            self,
            image,
            password,
            disk_config,
            preserve_ephemeral,
            name,
            meta,
            files,
            description=description,
            key_name=key_name,
            userdata=userdata,
            trusted_image_certificates=trusted_image_certificates,
            hostname=hostname,
        )


class ServerManager(
    ServerLifecycle, ServerState, ServerTags, ServerConsoles, ServerAttach, ServerMoves
):
    """``/servers``: listing, lifecycle and actions."""

    resource_class = Server

    # -- reading ------------------------------------------------------------------------

    def list(
        self,
        detailed: bool = True,
        search_opts: dict[str, Any] | None = None,
        marker: str | None = None,
        limit: int | None = None,
        sort_keys: _Strings | None = None,
        sort_dirs: _Strings | None = None,
        *,
        page_size: int | None = None,
    ) -> ResourceList[Server]:
        """List servers: every page, or at most ``limit`` servers.

        Args:
            detailed: GET ``/servers/detail`` (full bodies) instead of ``/servers``.
            search_opts: Nova's filters by their API names (``name``, ``status``,
                ``flavor``, ``image``, ``host``, ``ip``, ``all_tenants``,
                ``changes-since``, ``tags``...).  None values are dropped,
                booleans are sent as ``true``/``false``, lists of tags are
                joined with commas.
            limit: stop after this many servers (one page when the server's
                page size allows).
            marker: the id of the last server already seen.
            sort_keys, sort_dirs: sent as repeated ``sort_key``/``sort_dir`` pairs.
            page_size: servers per request (Nova caps it at its ``max_limit``).

        Returns:
            The servers, with the ``request_ids`` of every page.

        Raises:
            ValidationError: bad sort arguments (nothing is sent).
            UnsupportedAttribute: a filter that Nova would silently ignore at
                the negotiated microversion (e.g. ``locked`` before 2.73).
            BadRequest: an invalid filter value.
        """
        url, params = self._list_args(detailed, search_opts, marker, sort_keys, sort_dirs)
        return self._list(url, "servers", params=params, limit=limit, page_size=page_size)

    def iter(
        self,
        detailed: bool = True,
        search_opts: dict[str, Any] | None = None,
        marker: str | None = None,
        limit: int | None = None,
        sort_keys: _Strings | None = None,
        sort_dirs: _Strings | None = None,
        *,
        page_size: int | None = None,
    ) -> Iterator[Server]:
        """Like :meth:`list`, but lazily: each page is fetched when it is reached.

        Args:
            detailed, search_opts, limit, marker, sort_keys, sort_dirs, page_size: as
                for :meth:`list`.

        Returns:
            An iterator of servers.

        Raises:
            ValidationError, UnsupportedAttribute: as for :meth:`list`, at the
                call (nothing is sent).
            BadRequest: as for :meth:`list`, while iterating.
        """
        url, params = self._list_args(detailed, search_opts, marker, sort_keys, sort_dirs)
        return self._iter(url, "servers", params=params, limit=limit, page_size=page_size)

    def _list_args(
        self,
        detailed: bool,
        search_opts: Mapping[str, Any] | None,
        marker: str | None,
        sort_keys: _Strings | None,
        sort_dirs: _Strings | None,
    ) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {}
        for key, value in (search_opts or {}).items():
            if value is None:
                continue
            if key in _FILTER_SINCE:
                self._require(key, since=_FILTER_SINCE[key])
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif key in _TAG_FILTERS and isinstance(value, (list, tuple, set)):
                value = ",".join(str(v) for v in value)
            params[key] = value
        if marker is not None:
            params["marker"] = marker
        keys, dirs = builtins.list(sort_keys or []), builtins.list(sort_dirs or [])
        if len(dirs) > len(keys):
            raise validators.fail(
                "sort_dirs", f"at most one per sort key ({len(keys)} given)", dirs
            )
        for direction in dirs:
            if direction not in ("asc", "desc"):
                raise validators.fail("sort direction", "'asc' or 'desc'", direction)
        if keys:
            params["sort_key"] = keys
        if dirs:
            params["sort_dir"] = dirs
        return ("/servers/detail" if detailed else "/servers"), params

    def get(self, server: str | Server) -> Server:
        """Get one server.

        Args:
            server: a server or its id.

        Returns:
            The server's full document.

        Raises:
            NotFound: no server has that id.
        """
        return self._get(server_url(server), "server")

    def find(self, name_or_id: str | None = None, /, **attrs: Any) -> Server:
        """Find one server: by UUID (one GET) or exact name, or by attributes.

        Args:
            name_or_id: a server UUID or name (ours, positional).
            attrs: python-novaclient's form, e.g. ``find(name="web-1")`` (see
                :meth:`findall`); with ``name_or_id`` only ``all_tenants=True``
                (look the name up in every project; admin).

        Returns:
            The server.

        Raises:
            ResourceNotFound: "No server with a name or ID of 'x' exists."
            NoUniqueMatch: several servers have that name.
            TypeError: a name and attributes other than ``all_tenants``.
        """
        if name_or_id is None:
            return super().find(**attrs)
        all_tenants = bool(attrs.pop("all_tenants", False))
        if attrs:
            raise TypeError(f"find() takes a name or ID, or attributes to match, not both: {attrs}")

        def by_name(name: str) -> ResourceList[Server]:
            # Nova's name filter is a regular expression: anchor it, escape it.
            opts: dict[str, Any] = {"name": f"^{re.escape(name)}$"}
            if all_tenants:
                opts["all_tenants"] = 1
            return self.list(search_opts=opts)

        return find_resource(
            name_or_id, kind="server", get=self.get, list_by_name=by_name, id_is_uuid=True
        )

    def _findall_query(self, attrs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        # NOTE: as python-novaclient: the name goes to Nova's (regex) filter and is then
        # matched exactly here; all_tenants and deleted are filters only.  One detailed
        # listing: no GET per match.
        opts: dict[str, Any] = {}
        for key in ("human_id", "name", "display_name"):
            if key in attrs:
                opts["name"] = attrs[key]
                break
        for key in ("all_tenants", "deleted"):
            if key in attrs:
                opts[key] = attrs.pop(key)
        return ({"search_opts": opts} if opts else {}), attrs

    def wait(
        self,
        server: str | Server,
        status: str | Iterable[str] = "ACTIVE",
        *,
        task_state_clear: bool = True,
        timeout: float = 600.0,
        poll_interval: float = 2.0,
        deleted: bool = False,
        on_poll: Callable[[Server], None] | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> Server | None:
        """Poll ``GET /servers/{id}`` until the server reaches ``status``.

        Polls at 0.5 s first, doubling up to ``poll_interval``.

        Args:
            server: a server or its id.
            status: the status (or statuses) to wait for.
            task_state_clear: also wait until ``OS-EXT-STS:task_state`` is empty
                (e.g. a snapshot has finished on an ACTIVE server).
            timeout: seconds before giving up.
            deleted: wait until the server is gone instead (returns None).
            on_poll: called with the server after each poll that did not end
                the wait (for progress display).
            sleep, clock: the pause and the monotonic clock (default
                ``time.sleep``/``time.monotonic``); inject fakes to test or to
                drive the wait from an event loop.

        Returns:
            The server in its wanted state, or None when ``deleted``.

        Raises:
            ResourceInErrorState: the server went to ERROR (with Nova's fault).
            WaitTimeout: ``timeout`` passed first.
            NotFound: the server disappeared (unless ``deleted``).
        """
        return _server_wait.wait_for(
            self.get,
            str(getid(server)),
            status=status,
            task_state_clear=task_state_clear,
            timeout=timeout,
            poll_interval=poll_interval,
            deleted=deleted,
            on_poll=on_poll,
            sleep=sleep,
            clock=clock,
        )

    # -- lifecycle (create, update, rebuild: _server_lifecycle) ------------------------

    def delete(self, server: str | Server) -> RequestIds:
        """Delete a server (DELETE ``/servers/{id}``; Nova deletes it asynchronously).

        Args:
            server: a server or its id.

        Returns:
            The request ids of the response.

        Raises:
            NotFound: no such server.  Conflict: the server is locked or busy.
        """
        return RequestIds(self._delete(server_url(server)).request_ids)


attach(Server, SERVER_METHODS)


__all__ = ["SERVER_METHODS", "UNSET", "ReservationId", "Server", "ServerManager", "backup_image_id"]
