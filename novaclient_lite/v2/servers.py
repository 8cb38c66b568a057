"""Servers: list, get, find, wait, create, update and delete.

The actions (``POST /servers/{id}/action``), images, backups, metadata and
console live in :mod:`novaclient_lite.v2._server_actions`, the request bodies
and their checks in :mod:`novaclient_lite.v2._server_body`.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_19, V2_26, V2_52, V2_66, V2_73, V2_90
from novaclient_lite.base import UNSET, Resource, ResourceList, Unset, getid
from novaclient_lite.find import find_resource
from novaclient_lite.v2 import _server_body as bodies
from novaclient_lite.v2 import _server_wait
from novaclient_lite.v2._server_actions import ServerActions
from novaclient_lite.v2._server_attach import ServerAttach
from novaclient_lite.v2._server_consoles import ServerConsoles
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

    @property
    def networks(self) -> dict[str, list[str]]:
        """Addresses per network name, from ``addresses`` (empty when absent)."""
        addresses = self._info.get("addresses") or {}
        return {
            net: [str(a.get("addr")) for a in items if isinstance(a, Mapping)]
            for net, items in addresses.items()
        }


class ServerManager(
    ServerActions, ServerState, ServerTags, ServerConsoles, ServerAttach, ServerMoves
):
    """``/servers``: listing, lifecycle and actions."""

    resource_class = Server

    # -- reading ------------------------------------------------------------------------

    def list(
        self,
        *,
        detailed: bool = True,
        search_opts: dict[str, Any] | None = None,
        limit: int | None = None,
        marker: str | None = None,
        sort_keys: _Strings | None = None,
        sort_dirs: _Strings | None = None,
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
        *,
        detailed: bool = True,
        search_opts: dict[str, Any] | None = None,
        limit: int | None = None,
        marker: str | None = None,
        sort_keys: _Strings | None = None,
        sort_dirs: _Strings | None = None,
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
        return self._get(self._url(server), "server")

    def find(self, name_or_id: str, *, all_tenants: bool = False) -> Server:
        """Find one server by UUID (one GET) or by exact name.

        Args:
            name_or_id: a server UUID or name.
            all_tenants: look the name up in every project (admin; sends
                ``all_tenants=1``).  A UUID is found in any project anyway.

        Returns:
            The server.

        Raises:
            ResourceNotFound: "No server with a name or ID of 'x' exists."
            NoUniqueMatch: several servers have that name.
        """

        def by_name(name: str) -> ResourceList[Server]:
            # Nova's name filter is a regular expression: anchor it, escape it.
            opts: dict[str, Any] = {"name": f"^{re.escape(name)}$"}
            if all_tenants:
                opts["all_tenants"] = 1
            return self.list(search_opts=opts)

        return find_resource(
            name_or_id, kind="server", get=self.get, list_by_name=by_name, id_is_uuid=True
        )

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

    # -- lifecycle ----------------------------------------------------------------------

    def create(
        self,
        name: str,
        image: str | Resource | None,
        flavor: str | Resource,
        *,
        networks: str | builtins.list[dict[str, str]] | None = None,
        key_name: str | None = None,
        user_data: str | bytes | None = None,
        metadata: dict[str, str] | None = None,
        security_groups: _Strings | None = None,
        availability_zone: str | None = None,
        block_device_mapping_v2: builtins.list[dict[str, Any]] | None = None,
        description: str | None = None,
        tags: _Strings | None = None,
        min_count: int | None = None,
        max_count: int | None = None,
        config_drive: bool | None = None,
        admin_pass: str | None = None,
        hostname: str | None = None,
        scheduler_hints: dict[str, Any] | None = None,
        return_reservation_id: bool = False,
    ) -> Server:
        """Boot a server (POST ``/servers``).  Everything is validated before sending.

        Args:
            name: 1 to 255 characters.
            image: an image or its id; None to boot from a volume given in
                ``block_device_mapping_v2`` (``imageRef`` is then omitted).
            flavor: a flavor or its id.
            networks: "auto", "none" (both 2.37+) or a list of
                ``{"uuid"|"port"|"fixed_ip"|"tag": ...}``.  When None: "auto"
                from 2.37 (where Nova requires the key), omitted before.
            user_data: text or bytes; base64-encoded here.
            metadata: keys matching ``^[a-zA-Z0-9-_:. ]{1,255}$``, values of at
                most 255 characters.
            security_groups: names (or ids) of security groups.
            description: at most 255 characters (2.19+).
            tags: server tags (2.52+).
            min_count, max_count: positive, ``min_count <= max_count``.
            hostname: 2.90+.
            scheduler_hints: sent as ``os:scheduler_hints`` next to ``server``.
            return_reservation_id: return only ``reservation_id``.

        Returns:
            The new server (``id``, ``links``, ``adminPass`` when Nova generated
            one); with ``return_reservation_id``, a Server holding ``reservation_id``.

        Raises:
            ValidationError: a bad argument (nothing is sent).
            UnsupportedAttribute: an argument the negotiated microversion lacks.
            BadRequest, Forbidden (over quota), Conflict: from Nova.
        """
        validators.name(name, "name")
        if image is None and not block_device_mapping_v2:
            raise validators.fail(
                "image", "given unless block_device_mapping_v2 gives a boot volume", echo=False
            )
        # Everything that needs no microversion is checked before discovery.
        server = bodies.boot(
            name,
            None if image is None else str(getid(image)),
            str(getid(flavor)),
            metadata=metadata,
            user_data=user_data,
            security_groups=security_groups,
            min_count=min_count,
            max_count=max_count,
            key_name=key_name,
            availability_zone=availability_zone,
            admin_pass=admin_pass,
            config_drive=config_drive,
            return_reservation_id=return_reservation_id,
        )
        if description is not None:
            validators.text(description, "description")
        if tags is not None:
            tags = bodies.check_tags(tags)
        version = self.api_version
        nets = bodies.networks(networks, version)
        if nets is not None:
            server["networks"] = nets
        if block_device_mapping_v2 is not None:
            server["block_device_mapping_v2"] = bodies.block_devices(
                block_device_mapping_v2, version
            )
        for label, value, since in (
            ("description", description, V2_19),
            ("tags", tags, V2_52),
            ("hostname", hostname, V2_90),
        ):
            if value is not None:
                self._require(label, since=since)
                server[label] = value
        body: dict[str, Any] = {"server": bodies.in_boot_order(server)}
        if scheduler_hints:
            body["os:scheduler_hints"] = dict(scheduler_hints)
        response = self._create_raw("/servers", body)
        if return_reservation_id:
            return self._wrap(
                {"reservation_id": self._envelope(response, "reservation_id")}, response.request_ids
            )
        return self._one(response, "server")

    def update(
        self,
        server: str | Server,
        *,
        name: str | None = None,
        description: str | Unset | None = UNSET,
    ) -> Server:
        """Rename a server or change its description (PUT ``/servers/{id}``).

        Args:
            server: a server or its id.
            name: the new name (1 to 255 characters).
            description: the new description (2.19+); None clears it.

        Returns:
            The updated server.

        Raises:
            ValidationError: nothing to change, or a bad value (nothing is sent).
            UnsupportedAttribute: description before 2.19.
            NotFound: no such server.
        """
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = validators.name(name, "name")
        if not isinstance(description, Unset):
            self._require("description", since=V2_19)
            if description is not None:
                validators.text(description, "description")
            body["description"] = description
        if not body:
            raise validators.fail(
                "name or description", "given (there is nothing to update)", echo=False
            )
        return self._update(self._url(server), {"server": body}, "server")

    def delete(self, server: str | Server) -> _Strings:
        """Delete a server (DELETE ``/servers/{id}``; Nova deletes it asynchronously).

        Args:
            server: a server or its id.

        Returns:
            The request ids of the response.

        Raises:
            NotFound: no such server.  Conflict: the server is locked or busy.
        """
        return self._delete(self._url(server)).request_ids


__all__ = ["UNSET", "Server", "ServerManager"]
