"""Availability zones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from novaclient_lite.base import Resource
from novaclient_lite.find import ManagerWithFind


class AvailabilityZone(Resource):
    """A zone: ``zoneName``, ``zoneState`` (``{"available": bool}``), ``hosts`` (detail)."""

    repr_keys = ("zoneName",)
    NAME_ATTR = "display_name"

    @property
    def name(self) -> str:
        """The zone's name (``zoneName``)."""
        return str(self._info.get("zoneName", ""))

    @property
    def available(self) -> bool:
        """``zoneState.available``."""
        state: Any = self._info.get("zoneState") or {}
        return bool(state.get("available", False))


class AvailabilityZoneManager(ManagerWithFind[AvailabilityZone]):
    """``/os-availability-zone``."""

    resource_class = AvailabilityZone

    def list(self, detailed: bool = True) -> list[AvailabilityZone]:
        """List availability zones.

        Args:
            detailed: GET ``/os-availability-zone/detail`` (admin): also the
                internal zone and each zone's hosts and services (the default,
                as python-novaclient's; ``False`` for the user's view).

        Returns:
            The zones.

        Raises:
            Forbidden: ``detailed`` without the admin role.
        """
        url = "/os-availability-zone/detail" if detailed else "/os-availability-zone"
        return self._many(self._get_raw(url), "availabilityZoneInfo")

    def iter(self, detailed: bool = True) -> Iterator[AvailabilityZone]:
        """Like :meth:`list`, lazily (Nova sends every zone in one document).

        Args:
            detailed: as for :meth:`list`.

        Returns:
            An iterator of zones; the GET is sent on the first ``next()``.

        Raises:
            Forbidden: as for :meth:`list`, while iterating.
        """
        yield from self.list(detailed)


__all__ = ["AvailabilityZone", "AvailabilityZoneManager"]
