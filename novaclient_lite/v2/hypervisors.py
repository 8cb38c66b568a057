"""Hypervisors (compute nodes) and their statistics (admin only by default policy)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_33, V2_53, V2_87, V2_88
from novaclient_lite.base import Manager, Resource, ResourceList, getid, quote
from novaclient_lite.find import ManagerWithFind, find_resource, looks_like_uuid

#: The keys of ``uptime()`` from 2.88, where the uptime comes with the hypervisor itself.
UPTIME_KEYS = ("id", "hypervisor_hostname", "state", "status", "uptime")


class Hypervisor(Resource):
    """A compute node: ``hypervisor_hostname``, ``state``, ``status``; an integer id
    before 2.53, a UUID from 2.53."""

    repr_keys = ("hypervisor_hostname",)
    NAME_ATTR = "hypervisor_hostname"


class HypervisorManager(ManagerWithFind[Hypervisor]):
    """``/os-hypervisors``."""

    resource_class = Hypervisor

    def list(
        self, detailed: bool = True, marker: str | None = None, limit: int | None = None
    ) -> ResourceList[Hypervisor]:
        """List hypervisors (every page unless ``limit`` is given).

        Args:
            detailed: ``/os-hypervisors/detail`` (CPU, memory, disk, service).
            marker: the id of the last hypervisor of the previous page (2.33+;
                a UUID from 2.53).
            limit: at most this many (2.33+; Nova caps it at its max_limit).

        Raises:
            UnsupportedAttribute: marker or limit before 2.33 (nothing is sent).
            ValidationError: a limit below 1.  Forbidden: without the admin role.
        """
        return self._list(
            self._listing(detailed, marker, limit),
            "hypervisors",
            params={"marker": marker},
            limit=limit,
        )

    def iter(
        self, detailed: bool = True, marker: str | None = None, limit: int | None = None
    ) -> Iterator[Hypervisor]:
        """Like :meth:`list`, lazily, page by page (the gates run at the call).

        Raises:
            UnsupportedAttribute: marker or limit before 2.33 (nothing is sent).
            Forbidden: without the admin role, while iterating.
        """
        return self._iter(
            self._listing(detailed, marker, limit),
            "hypervisors",
            params={"marker": marker},
            limit=limit,
        )

    def _listing(self, detailed: bool, marker: str | None, limit: int | None) -> str:
        """The listing URL, once the paging arguments passed their 2.33 gate."""
        if marker is not None:
            self._require("marker", since=V2_33)
        if limit is not None:
            self._require("limit", since=V2_33)
        return "/os-hypervisors/detail" if detailed else "/os-hypervisors"

    def search(
        self, hypervisor_match: str, servers: bool = False, detailed: bool = False
    ) -> ResourceList[Hypervisor]:
        """The hypervisors whose hostname contains ``hypervisor_match`` (a SQL LIKE).

        From 2.53 this is ``GET /os-hypervisors?hypervisor_hostname_pattern=``
        (``with_servers=True`` for ``servers``); before, the old
        ``/os-hypervisors/{pattern}/search`` (or ``/servers``) URL.

        Args:
            servers: include each one's ``servers`` (``uuid`` and ``name``).
            detailed: the detailed view (2.53+).

        Raises:
            UnsupportedAttribute: detailed before 2.53 (nothing is sent).
            NotFound: no hypervisor matches.
        """
        if detailed:
            self._require("detailed", since=V2_53)
        if self.api_version >= V2_53:
            params: dict[str, Any] = {"hypervisor_hostname_pattern": hypervisor_match}
            if servers:
                params["with_servers"] = "True"
            url = "/os-hypervisors/detail" if detailed else "/os-hypervisors"
            return self._list(url, "hypervisors", params=params)
        target = "servers" if servers else "search"
        return self._list(f"/os-hypervisors/{quote(hypervisor_match)}/{target}", "hypervisors")

    def get(self, hypervisor: str | int | Hypervisor) -> Hypervisor:
        """One hypervisor with its details.

        Raises:
            NotFound: no such hypervisor.  BadRequest: a non-UUID id from 2.53.
        """
        return self._get(f"/os-hypervisors/{quote(getid(hypervisor))}", "hypervisor")

    def _find_name_or_id(self, name_or_id: str) -> Hypervisor:
        """One hypervisor (details) by id (an integer before 2.53, a UUID from 2.53) or exact
        hostname (a search, then a GET of the one found).

        Raises:
            ResourceNotFound: none matches.  NoUniqueMatch: several have the hostname.
        """
        text = str(name_or_id)
        is_id = looks_like_uuid(text) if self.api_version >= V2_53 else text.isdigit()

        def by_hostname(name: str) -> list[Hypervisor]:
            try:
                return self.search(name)
            except exceptions.NotFound:
                return []

        found = find_resource(
            text,
            kind="hypervisor",
            get=self.get if is_id else None,
            list_by_name=by_hostname,
            name_attr="hypervisor_hostname",
        )
        # NOTE: a search answers the short view; the details come with a GET by id.
        return found if "service" in found else self.get(found.id)

    def uptime(self, hypervisor: str | int | Hypervisor) -> Hypervisor:
        """The hypervisor's ``uptime`` (the output of ``uptime`` on the host).

        Before 2.88 ``GET /os-hypervisors/{id}/uptime``; from 2.88 (which
        removed that route) the ``uptime`` of ``GET /os-hypervisors/{id}``,
        reduced to the same keys.

        Raises:
            NotFound: no such hypervisor.  NotImplemented: (before 2.88) the
            virt driver cannot tell.
        """
        url = f"/os-hypervisors/{quote(getid(hypervisor))}"
        if self.api_version < V2_88:
            return self._get(url + "/uptime", "hypervisor")
        full = self._get(url, "hypervisor")
        return self._wrap({k: full[k] for k in UPTIME_KEYS if k in full}, full.request_ids)

    def statistics(self) -> HypervisorStats:
        """python-novaclient's alias of ``hypervisor_stats.statistics()``.

        Raises:
            UnsupportedAttribute: from 2.88, which removed the API (nothing is sent).
        """
        return HypervisorStatsManager(self.api).statistics()


class HypervisorStats(Resource):
    """Sums over all compute nodes: ``count``, ``vcpus``, ``memory_mb``, ``local_gb``, ..."""

    repr_keys = ("count",)


class HypervisorStatsManager(Manager[HypervisorStats]):
    """``/os-hypervisors/statistics`` (removed at 2.88)."""

    resource_class = HypervisorStats

    def statistics(self) -> HypervisorStats:
        """Totals over all compute nodes (2.87 or earlier).

        Raises:
            UnsupportedAttribute: from 2.88, which removed the API (nothing is sent).
        """
        self._require("hypervisor statistics", until=V2_87)
        return self._get("/os-hypervisors/statistics", "hypervisor_statistics")


__all__ = [
    "UPTIME_KEYS",
    "Hypervisor",
    "HypervisorManager",
    "HypervisorStats",
    "HypervisorStatsManager",
]
