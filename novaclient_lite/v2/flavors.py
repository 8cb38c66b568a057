"""Flavors: sizes of servers, their extra specs and their access lists."""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterator
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_55, V2_101
from novaclient_lite.base import (
    DictWithMeta,
    RequestIds,
    Resource,
    ResourceList,
    TupleWithMeta,
    getid,
    quote,
)
from novaclient_lite.find import ManagerWithFind, find_resource
from novaclient_lite.resource_methods import attach


class Flavor(Resource):
    """A flavor.  ``ephemeral``, ``is_public`` and ``disabled`` read namespaced keys."""

    HUMAN_ID = True

    @property
    def ephemeral(self) -> int:
        """Ephemeral disk size in GiB (``OS-FLV-EXT-DATA:ephemeral``)."""
        return int(self._info.get("OS-FLV-EXT-DATA:ephemeral", 0) or 0)

    @property
    def is_public(self) -> bool:
        """Whether every project may use it (``os-flavor-access:is_public``)."""
        return bool(self._info.get("os-flavor-access:is_public", True))

    @property
    def disabled(self) -> bool:
        """``OS-FLV-DISABLED:disabled`` (absent from 2.102 on: False)."""
        return bool(self._info.get("OS-FLV-DISABLED:disabled", False))


class FlavorAccess(Resource):
    """One project's access to a private flavor."""

    repr_keys = ("flavor_id", "tenant_id")


class FlavorManager(ManagerWithFind[Flavor]):
    """``/flavors``: list, get, create, update, delete, extra specs and access."""

    resource_class = Flavor

    def list(
        self,
        detailed: bool = True,
        is_public: bool | None = True,
        marker: str | None = None,
        min_disk: int | None = None,
        min_ram: int | None = None,
        limit: int | None = None,
        sort_key: str | None = None,
        sort_dir: str | None = None,
        *,
        page_size: int | None = None,
    ) -> ResourceList[Flavor]:
        """List flavors: all pages unless ``limit`` is given.

        Args:
            is_public: True (default) lists public flavors, False private ones,
                None both (admin only).
            limit: stop after this many flavors.
            page_size: flavors per request (Nova caps it at its ``max_limit``).

        Returns:
            The flavors, with ``request_ids`` of every page.

        Raises:
            BadRequest: an invalid filter or an unknown marker that cannot be recovered.
        """
        url, params = self._list_args(
            detailed, is_public, min_disk, min_ram, marker, sort_key, sort_dir
        )
        return self._list(url, "flavors", params=params, limit=limit, page_size=page_size)

    def iter(
        self,
        detailed: bool = True,
        is_public: bool | None = True,
        marker: str | None = None,
        min_disk: int | None = None,
        min_ram: int | None = None,
        limit: int | None = None,
        sort_key: str | None = None,
        sort_dir: str | None = None,
        *,
        page_size: int | None = None,
    ) -> Iterator[Flavor]:
        """Like :meth:`list`, but lazily: each page is fetched when it is reached.

        Args:
            detailed, is_public, marker, min_disk, min_ram, limit, sort_key,
                sort_dir, page_size: as for :meth:`list`.

        Returns:
            An iterator of flavors.

        Raises:
            ValidationError: a bad limit or page_size (at the call, nothing sent).
            BadRequest: as for :meth:`list`, while iterating.
        """
        url, params = self._list_args(
            detailed, is_public, min_disk, min_ram, marker, sort_key, sort_dir
        )
        return self._iter(url, "flavors", params=params, limit=limit, page_size=page_size)

    @staticmethod
    def _list_args(
        detailed: bool,
        is_public: bool | None,
        min_disk: int | None,
        min_ram: int | None,
        marker: str | None,
        sort_key: str | None,
        sort_dir: str | None,
    ) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {
            "minDisk": min_disk,
            "minRam": min_ram,
            "marker": marker,
            "sort_key": sort_key,
            "sort_dir": sort_dir,
        }
        if is_public is None:
            params["is_public"] = "None"
        elif not is_public:
            params["is_public"] = "false"
        return ("/flavors/detail" if detailed else "/flavors"), params

    def _findall_query(self, attrs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        # NOTE: as python-novaclient: is_public picks the listing (None: public and
        # private), and is matched too unless it is None.
        if "is_public" not in attrs:
            return {}, attrs
        if attrs["is_public"] is None:
            return {"is_public": attrs.pop("is_public")}, attrs
        return {"is_public": attrs["is_public"]}, attrs

    def get(self, flavor: str | Flavor) -> Flavor:
        """Get one flavor.  Raises NotFound when it does not exist."""
        return self._get(f"/flavors/{quote(getid(flavor))}", "flavor")

    def _find_name_or_id(self, name_or_id: str) -> Flavor:
        """Find one flavor by ID or exact name (public and, for admins, private).

        Raises:
            ResourceNotFound, NoUniqueMatch.
        """
        return find_resource(
            name_or_id,
            kind="flavor",
            get=self.get,
            list_by_name=lambda _name: self.list(is_public=None),
        )

    def create(
        self,
        name: str,
        ram: int,
        vcpus: int,
        disk: int,
        flavorid: str | int | None = "auto",
        ephemeral: int = 0,
        swap: int = 0,
        rxtx_factor: float | None = 1.0,
        is_public: bool = True,
        description: str | None = None,
    ) -> Flavor:
        """Create a flavor (admin); the arguments are python-novaclient's, in its order.

        Args:
            flavorid: the new id; "auto" or None lets Nova generate a UUID.
            rxtx_factor: sent up to 2.101 (1.0, the default, as python-novaclient
                sends it); Nova removed it at 2.102, where only the default (or
                None: never sent) is accepted.
            description: needs 2.55 or later.

        Raises:
            ValidationError: for a bad size or name (nothing is sent).
            UnsupportedAttribute: description before 2.55, rxtx_factor from 2.102.
            Conflict: a flavor with that name or id already exists.
        """
        validators.name(name, "Flavor name")
        sizes = {
            label: validators.integer(value, label, minimum=minimum, from_text=True)
            for label, value, minimum in (
                ("ram", ram, 1),
                ("vcpus", vcpus, 1),
                ("disk", disk, 0),
                ("ephemeral", ephemeral, 0),
                ("swap", swap, 0),
            )
        }
        body: dict[str, Any] = {
            "name": name,
            "ram": sizes["ram"],
            "vcpus": sizes["vcpus"],
            "disk": sizes["disk"],
            "id": _flavor_id(flavorid),
            "OS-FLV-EXT-DATA:ephemeral": sizes["ephemeral"],
            "swap": sizes["swap"],
            "os-flavor-access:is_public": bool(is_public),
        }
        if rxtx_factor is not None and (rxtx_factor != 1.0 or self.api_version <= V2_101):
            self._require("rxtx_factor", until=V2_101)
            if (
                isinstance(rxtx_factor, bool)
                or not isinstance(rxtx_factor, (int, float))
                or rxtx_factor <= 0
            ):
                raise validators.fail("rxtx_factor", "a positive number", rxtx_factor)
            body["rxtx_factor"] = float(rxtx_factor)
        if description is not None:
            self._require("description", since=V2_55)
            body["description"] = _check_description(description)
        return self._create("/flavors", {"flavor": body}, "flavor")

    def update(self, flavor: str | Flavor, description: str | None = None) -> Flavor:
        """Change a flavor's description (2.55+).

        Raises:
            UnsupportedAttribute: before 2.55.  NotFound: no such flavor.
        """
        self._require("description", since=V2_55)
        return self._update(
            f"/flavors/{quote(getid(flavor))}",
            {"flavor": {"description": _check_description(description)}},
            "flavor",
        )

    def delete(self, flavor: str | Flavor) -> RequestIds:
        """Delete a flavor (admin); returns the request ids.  Raises NotFound."""
        return RequestIds(self._delete(f"/flavors/{quote(getid(flavor))}").request_ids)

    # -- extra specs ------------------------------------------------------------------

    def get_keys(self, flavor: str | Flavor) -> DictWithMeta:
        """The flavor's extra specs.  Raises NotFound for an unknown flavor."""
        response = self._get_raw(f"/flavors/{quote(getid(flavor))}/os-extra_specs")
        return DictWithMeta(self._envelope(response, "extra_specs"), response.request_ids)

    def set_keys(self, flavor: str | Flavor, metadata: dict[str, str]) -> DictWithMeta:
        """Add or replace extra specs; returns them as the server stored them.

        Raises:
            ValidationError: no specs, or a key or value outside 1-255 / 0-255
                characters (nothing is sent).  NotFound, BadRequest.
        """
        if not metadata:
            raise validators.fail("extra specs", "at least one key=value item", metadata)
        for key, value in metadata.items():
            validators.name(str(key), "extra spec key")
            validators.text(str(value), f"extra spec {str(key)!r}")
        response = self._create_raw(
            f"/flavors/{quote(getid(flavor))}/os-extra_specs",
            {"extra_specs": {str(k): str(v) for k, v in metadata.items()}},
        )
        return DictWithMeta(self._envelope(response, "extra_specs"), response.request_ids)

    def unset_keys(self, flavor: str | Flavor, keys: builtins.list[str]) -> TupleWithMeta:
        """Remove extra specs, one DELETE each; ``()`` with every DELETE's request ids.

        Raises:
            NotFound: an unknown flavor or key.
        """
        ids: builtins.list[str] = []
        for key in keys:
            url = f"/flavors/{quote(getid(flavor))}/os-extra_specs/{quote(key)}"
            ids += self._delete(url).request_ids
        return TupleWithMeta((), ids)

    # -- access -------------------------------------------------------------------------

    def access_list(self, flavor: str | Flavor) -> builtins.list[FlavorAccess]:
        """Projects that may use a private flavor.  Raises NotFound for a public one."""
        response = self._get_raw(f"/flavors/{quote(getid(flavor))}/os-flavor-access")
        return [FlavorAccess(self, i) for i in self._items(response, "flavor_access")]

    def add_access(self, flavor: str | Flavor, project: str) -> builtins.list[FlavorAccess]:
        """Give a project access to a private flavor; returns the new access list.

        Raises:
            NotFound: no such flavor.  Conflict: the project already has access.
        """
        return self._access_action(flavor, "addTenantAccess", project)

    def remove_access(self, flavor: str | Flavor, project: str) -> builtins.list[FlavorAccess]:
        """Take a project's access away; returns the new access list.

        Raises:
            NotFound: no such flavor or the project has no access.
        """
        return self._access_action(flavor, "removeTenantAccess", project)

    def _access_action(
        self, flavor: str | Flavor, action: str, project: str
    ) -> builtins.list[FlavorAccess]:
        response = self._action(
            f"/flavors/{quote(getid(flavor))}/action", action, {"tenant": project}
        )
        return [FlavorAccess(self, i) for i in self._items(response, "flavor_access")]


#: Nova's flavor id pattern (schemas/flavors.py): no leading or trailing space.
_FLAVOR_ID = re.compile(r"^(?! )[a-zA-Z0-9. _-]+(?<! )$")
#: Nova's limit for a flavor description (2.55+).
MAX_DESCRIPTION = 65535


def _flavor_id(flavorid: str | int | None) -> str | None:
    if flavorid in (None, "auto"):
        return None
    text = str(flavorid)
    if len(text) > 255 or not _FLAVOR_ID.match(text):
        raise validators.fail(
            "Flavor id", "1 to 255 letters, digits, '.', '_', '-' or inner spaces (or 'auto')", text
        )
    return text


def _check_description(description: str | None) -> str | None:
    if description is None:
        return None
    return validators.text(description, "Flavor description", max_length=MAX_DESCRIPTION)


#: python-novaclient's Flavor methods: each calls the manager's method of that name
#: with the flavor first.
attach(Flavor, ("get_keys", "set_keys", "unset_keys", "delete", "update"))


__all__ = ["Flavor", "FlavorAccess", "FlavorManager"]
