"""Limits: the absolute quota limits (and usage) of a project."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from novaclient_lite.api_versions import V2_74
from novaclient_lite.base import Manager, Resource, either


class AbsoluteLimit(str):
    """One absolute limit's name (a ``str``, so it is also the key) with python-novaclient's
    ``.name`` and ``.value``."""

    value: Any

    def __new__(cls, name: str, value: Any) -> AbsoluteLimit:
        self = super().__new__(cls, name)
        self.value = value
        return self

    @property
    def name(self) -> str:
        return str(self)


class AbsoluteLimits(dict[str, Any]):
    """``{"maxTotalCores": 20, ...}``; iterating yields :class:`AbsoluteLimit` keys, so
    python-novaclient's ``{x.name: x.value for x in limits.absolute}`` works too."""

    def __iter__(self) -> Iterator[str]:
        return (AbsoluteLimit(k, v) for k, v in self.items())


class Limits(Resource):
    """``{"absolute": {...}, "rate": [...]}``; rate limits are always empty on modern Nova."""

    repr_keys = ()

    @property
    def absolute(self) -> AbsoluteLimits:
        """e.g. ``{"maxTotalCores": 20, ...}`` (see :class:`AbsoluteLimits`)."""
        return AbsoluteLimits(self._info.get("absolute") or {})

    @property
    def rate(self) -> list[Any]:
        """Rate limits (an empty list since Nova dropped them)."""
        return list(self._info.get("rate") or [])

    @property
    def rate_limits(self) -> list[dict[str, Any]]:
        """The rate limits flattened as python-novaclient shows them: one per verb and URI.

        Each has ``verb``, ``uri``, ``regex``, ``value``, ``remain``, ``unit`` and
        ``next_available``; groups without a ``limit`` list add nothing.
        """
        flat: list[dict[str, Any]] = []
        for group in self.rate:
            if not isinstance(group, dict):
                continue
            for rate in group.get("limit") or []:
                flat.append(
                    {
                        "verb": rate.get("verb"),
                        "uri": group.get("uri"),
                        "regex": group.get("regex"),
                        "value": rate.get("value"),
                        "remain": rate.get("remaining"),
                        "unit": rate.get("unit"),
                        "next_available": rate.get("next-available"),
                    }
                )
        return flat


class LimitsManager(Manager[Limits]):
    """``/limits``."""

    resource_class = Limits

    def get(
        self, reserved: bool = False, tenant_id: str | None = None, *, project_id: str | None = None
    ) -> Limits:
        """Get the limits of the current project, or of ``project_id`` (admin).

        Args:
            reserved: python-novaclient's legacy ``reserved=1`` query flag;
                current Nova ignores it, and rejects it from 2.75 (unknown
                query parameters are refused there).
            tenant_id: python-novaclient's name of ``project_id``.
            project_id: another project (sent as ``tenant_id``).

        Returns:
            The limits.

        Raises:
            UnsupportedAttribute: ``reserved`` at 2.75 or later.  Forbidden:
            another project's limits without the admin role.  TypeError:
            both ``tenant_id`` and ``project_id``.
        """
        project_id = either("project_id", project_id, "tenant_id", tenant_id)
        params: dict[str, Any] = {}
        if reserved:
            self._require("reserved", until=V2_74)
            params["reserved"] = 1
        if project_id is not None:
            params["tenant_id"] = project_id
        return self._get("/limits", "limits", params=params or None)


__all__ = ["AbsoluteLimit", "AbsoluteLimits", "Limits", "LimitsManager"]
