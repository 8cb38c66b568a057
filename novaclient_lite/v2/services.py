"""Compute services (nova-compute, nova-scheduler, ...): list, enable/disable, force down.

Before 2.53 a service is named by ``host`` and ``binary`` (PUT
``/os-services/enable`` and friends); from 2.53 by its UUID (PUT
``/os-services/{id}`` with ``status``/``forced_down``).  The methods keep
python-novaclient's positional signatures for both: ``enable(host, binary)``
before 2.53, ``enable(service_uuid)`` from 2.53.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_11, V2_53
from novaclient_lite.base import RequestIds, Resource, ResourceList, quote
from novaclient_lite.find import ManagerWithFind, looks_like_uuid


class Service(Resource):
    """A service: ``binary``, ``host``, ``zone``, ``status``, ``state``, ``forced_down`` (2.11+)."""

    repr_keys = ("binary", "host")


class ServiceManager(ManagerWithFind[Service]):
    """``/os-services``."""

    resource_class = Service

    def list(self, host: str | None = None, binary: str | None = None) -> ResourceList[Service]:
        """List services, optionally of one host and/or binary.

        Raises:
            Forbidden: without the admin role.
        """
        return self._list("/os-services", "services", params={"host": host, "binary": binary})

    def iter(self, host: str | None = None, binary: str | None = None) -> Iterator[Service]:
        """Like :meth:`list`, lazily: the GET is sent on the first ``next()``.

        Raises:
            Forbidden: without the admin role, while iterating.
        """
        return self._iter("/os-services", "services", params={"host": host, "binary": binary})

    def _target(self, service: str, binary: str | None, what: str) -> str:
        """The URL tail for ``service``: ``{uuid}`` from 2.53, else the action ``what``."""
        if self.api_version >= V2_53:
            if binary is not None:
                raise validators.fail(
                    "binary",
                    "left out from microversion 2.53 (the service is named by its UUID)",
                    binary,
                )
            if not looks_like_uuid(str(service)):
                raise validators.fail("Service id", "a UUID from microversion 2.53", service)
            return quote(service)
        validators.name(service, "Host")
        validators.name(binary, "Binary")
        return what

    def _put(
        self, service: str, binary: str | None, what: str, old: dict[str, Any], new: dict[str, Any]
    ) -> Service:
        tail = self._target(service, binary, what)
        body = new if self.api_version >= V2_53 else {"host": service, "binary": binary, **old}
        updated: Service = self._update(f"/os-services/{tail}", body, "service")
        return updated

    def enable(self, service_uuid: str, binary: str | None = None) -> Service:
        """Enable a service: ``enable(host, binary)`` before 2.53, ``enable(uuid)`` from 2.53.

        Raises:
            ValidationError: the wrong identification for the version (nothing is
            sent).  NotFound: no such service.
        """
        return self._put(service_uuid, binary, "enable", {}, {"status": "enabled"})

    def disable(
        self, service_uuid: str, binary: str | None = None, *, reason: str | None = None
    ) -> Service:
        """Disable a service (the scheduler stops picking a disabled nova-compute).

        Args:
            reason: recorded as ``disabled_reason`` (1 to 255 characters).

        Raises:
            ValidationError: the wrong identification for the version, or a bad
            reason (nothing is sent).  NotFound: no such service.
        """
        if reason is None:
            return self._put(service_uuid, binary, "disable", {}, {"status": "disabled"})
        validators.name(reason, "Disabled reason")
        return self._put(
            service_uuid,
            binary,
            "disable-log-reason",
            {"disabled_reason": reason},
            {"status": "disabled", "disabled_reason": reason},
        )

    def disable_log_reason(self, service_uuid: str, *args: str) -> Service:
        """python-novaclient's form: ``(host, binary, reason)`` before 2.53, ``(uuid, reason)``.

        Raises:
            ValidationError: the wrong number of arguments for the version, or a
            bad value (nothing is sent).  NotFound: no such service.
        """
        wanted = 1 if self.api_version >= V2_53 else 2
        if len(args) != wanted:
            raise validators.fail(
                "disable_log_reason arguments",
                "(uuid, reason)" if wanted == 1 else "(host, binary, reason)",
                (service_uuid, *args),
            )
        return self.disable(service_uuid, None if wanted == 1 else args[0], reason=args[-1])

    def force_down(
        self, service_uuid: str, force_down: bool | str | None = None, *args: bool | None
    ) -> Service:
        """Set or clear ``forced_down`` (2.11+): ``(host, binary, force_down)`` before
        2.53, ``(uuid, force_down)`` from 2.53 (python-novaclient's two forms).

        Raises:
            UnsupportedAttribute: before 2.11.  ValidationError: the wrong
            identification for the version, or no boolean (nothing is sent).
            NotFound: no such service.
        """
        self._require("force_down", since=V2_11)
        binary: str | None = None
        if isinstance(force_down, str) or (force_down is None and args):
            # (host, binary, force_down); a None binary is the 2.53+ form
            binary, force_down = force_down, (args[0] if args else None)
        flag = validators.boolean(force_down, "force_down")
        return self._put(
            service_uuid, binary, "force-down", {"forced_down": flag}, {"forced_down": flag}
        )

    def delete(self, service_id: str | int) -> RequestIds:
        """Delete a service record: an integer id before 2.53, a UUID from 2.53.

        Stop the nova-compute process on the host first, or it re-creates its records.

        Returns:
            The request ids.

        Raises:
            ValidationError: an id of the wrong kind for the version (nothing is
            sent).  NotFound: no such service.  Conflict: the compute host still
            has servers.
        """
        if self.api_version >= V2_53:
            if not looks_like_uuid(str(service_id)):
                raise validators.fail("Service id", "a UUID from microversion 2.53", service_id)
        else:
            validators.positive_int(service_id, "Service id", from_text=True)
        return RequestIds(self._delete(f"/os-services/{quote(service_id)}").request_ids)


__all__ = ["Service", "ServiceManager"]
