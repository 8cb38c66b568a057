"""Simple tenant usage: server hours, RAM, vCPU and disk use of projects over a window."""

from __future__ import annotations

import builtins
import datetime
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_40
from novaclient_lite.base import Resource, ResourceList, quote
from novaclient_lite.find import ManagerWithFind

_URL = "/os-simple-tenant-usage"
#: The totals a later page of the same project adds to the first one.
_TOTALS = ("total_hours", "total_memory_mb_usage", "total_vcpus_usage", "total_local_gb_usage")
#: Pages fetched at most when following markers (Nova's max_limit is 1000 servers a page).
MAX_PAGES = 1000

Window = datetime.datetime | str


class Usage(Resource):
    """One project's usage: ``tenant_id``, ``server_usages`` and the ``total_*`` figures."""

    repr_keys = ("tenant_id",)

    @property
    def id(self) -> Any:
        """Usage has no ``id``; the project identifies it."""
        return self._info.get("tenant_id")

    def _reload(self) -> Resource:
        # NOTE: python-novaclient's Usage.get(): the same project and window again.
        if not isinstance(self.manager, UsageManager):
            raise TypeError("Usage has no manager to reload it from.")
        return self.manager.get(self.tenant_id, self.start, self.stop)

    @property
    def server_usages(self) -> list[dict[str, Any]]:
        """Per-server usage (only with ``detailed`` for a listing)."""
        return list(self._info.get("server_usages") or [])


def _stamp(value: Window, label: str) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return validators.name(value, label)


def _marker(usages: builtins.list[Usage]) -> str | None:
    """python-novaclient's marker: the last server of the last project of a page."""
    servers = usages[-1].server_usages if usages else []
    return str(servers[-1].get("instance_id")) if servers else None


class UsageManager(ManagerWithFind[Usage]):
    """``/os-simple-tenant-usage[/{tenant_id}]``."""

    resource_class = Usage

    def _merge(self, into: Usage, page: Usage) -> Usage:
        """``into`` with the servers and totals of a later page of the same project."""
        info = into.to_dict()
        info["server_usages"] = into.server_usages + page.server_usages
        for key in _TOTALS:
            info[key] = (info.get(key) or 0) + (page.get(key) or 0)
        ids = into.request_ids + [i for i in page.request_ids if i not in into.request_ids]
        return self._wrap(info, ids)

    def _query(
        self,
        start: Window,
        end: Window,
        marker: str | None,
        limit: int | None,
        detailed: bool | None = None,
    ) -> dict[str, Any]:
        query: dict[str, Any] = {"start": _stamp(start, "start"), "end": _stamp(end, "end")}
        if limit is not None:
            self._require("limit", since=V2_40)
            query["limit"] = validators.positive_int(limit, "limit")
        if marker is not None:
            self._require("marker", since=V2_40)
            query["marker"] = marker
        if detailed is not None:
            query["detailed"] = int(bool(detailed))
        return query

    def list(
        self,
        start: Window,
        end: Window,
        detailed: bool = False,
        marker: str | None = None,
        limit: int | None = None,
    ) -> ResourceList[Usage]:
        """One page of every project's usage between ``start`` and ``end`` (admin).

        Args:
            start, end: the window (a UTC ``datetime``, or Nova's ISO 8601 text).
            detailed: include ``server_usages`` (sent as ``detailed=0|1``).
            marker, limit: paging by server (2.40+; a page holds at most
                ``limit`` servers, so a project may continue on the next page).

        Raises:
            ValidationError: an empty start/end or a limit below 1 (nothing is sent).
            UnsupportedAttribute: marker or limit before 2.40 (nothing is sent).
            BadRequest: a window Nova cannot parse.  Forbidden: not an admin.
        """
        query = self._query(start, end, marker, limit, detailed)
        return self._many(self._get_raw(_URL, params=query), "tenant_usages")

    def get(
        self,
        tenant_id: str,
        start: Window,
        end: Window,
        marker: str | None = None,
        limit: int | None = None,
    ) -> Usage:
        """One page of one project's usage between ``start`` and ``end``.

        Args: as :meth:`list`, with the project id first (Nova answers an
            empty object for a project without servers in the window).

        Raises:
            ValidationError: an empty project id, start or end (nothing is sent).
            UnsupportedAttribute: marker or limit before 2.40 (nothing is sent).
            Forbidden: another project without the admin role.
        """
        url = f"{_URL}/{quote(validators.name(tenant_id, 'tenant_id'))}"
        return self._get(url, "tenant_usage", params=self._query(start, end, marker, limit))

    def list_all(self, start: Window, end: Window) -> ResourceList[Usage]:
        """Every project's detailed usage over all pages, a project's pages merged.

        Before 2.40 Nova sends everything at once; from 2.40 the pages are
        followed by marker (the last server of a page) as python-novaclient does;
        a marker seen before ends the walk, so it always terminates.

        Raises:
            as :meth:`list`.
        """
        usages = self.list(start, end, detailed=True)
        merged: dict[Any, Usage] = {}
        pages = [usages]
        seen: set[str] = set()
        marker = _marker(usages) if self.api_version >= V2_40 else None
        while marker is not None and marker not in seen and len(pages) < MAX_PAGES:
            seen.add(marker)
            pages.append(self.list(start, end, detailed=True, marker=marker))
            marker = _marker(pages[-1])
        for page in pages:
            for usage in page:
                done = merged.get(usage.id)
                merged[usage.id] = usage if done is None else self._merge(done, usage)
        ids = [i for page in pages for i in page.request_ids]
        return ResourceList(builtins.list(merged.values()), ids)

    def get_all(self, tenant_id: str, start: Window, end: Window) -> Usage:
        """One project's usage over all pages (merged; from 2.40 followed by marker).

        Raises:
            as :meth:`get`.
        """
        usage = self.get(tenant_id, start, end)
        seen: set[str] = set()
        marker = _marker([usage]) if self.api_version >= V2_40 else None
        pages = 1
        while marker is not None and marker not in seen and pages < MAX_PAGES:
            seen.add(marker)
            page = self.get(tenant_id, start, end, marker=marker)
            pages += 1
            marker = _marker([page])
            usage = self._merge(usage, page)
        return usage


__all__ = ["Usage", "UsageManager"]
