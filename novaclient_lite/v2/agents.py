"""Guest agent builds (``/os-agents``): an API Nova removed, kept so callers get a clear error.

Nova 22.0.0 (Victoria) removed ``os-agents`` with the XenAPI driver; every
call answers ``410 Gone``.  Victoria's highest microversion was 2.87, so a
server that advertises 2.88 or later certainly lacks the API and nothing is
sent; an older server is asked, and its 410 becomes the same error.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any, NoReturn

from novaclient_lite import exceptions
from novaclient_lite.api_versions import V2_88
from novaclient_lite.base import Resource, quote
from novaclient_lite.find import ManagerWithFind

#: The one line every agent method raises.
REMOVED = (
    "Nova removed the os-agents API in 22.0.0 (Victoria), with the XenAPI driver; "
    "there are no agent builds to manage."
)


class Agent(Resource):
    """An agent build (``agent_id``, ``hypervisor``, ``os``, ``architecture``, ...)."""

    repr_keys = ("hypervisor", "os", "architecture")

    @property
    def id(self) -> Any:
        """Agent builds are identified by ``agent_id``."""
        return self._info.get("agent_id", self._info.get("id"))


class AgentsManager(ManagerWithFind[Agent]):
    """``/os-agents``: removed from Nova; every method raises APIRemoved."""

    resource_class = Agent

    def _removed(self, send: Callable[[], object]) -> NoReturn:
        """Raise :data:`REMOVED`, after ``send()`` only to a server that may predate the removal."""
        newest = self.api.server_versions.max_version
        if newest is None or newest < V2_88:
            try:
                send()
            except exceptions.HTTPException as exc:
                if exc.code != 410:
                    raise
                raise exceptions.APIRemoved(
                    REMOVED, code=410, request_id=exc.request_id, url=exc.url, method=exc.method
                ) from None
        raise exceptions.APIRemoved(REMOVED)

    def list(self, hypervisor: str | None = None) -> builtins.list[Agent]:
        """List agent builds.

        Raises:
            APIRemoved: always (:data:`REMOVED`); nothing is sent to a
            Nova that advertises 2.88 or later.
        """
        self._removed(lambda: self._get_raw("/os-agents", params={"hypervisor": hypervisor}))

    def create(
        self, os: str, architecture: str, version: str, url: str, md5hash: str, hypervisor: str
    ) -> Agent:
        """Create an agent build.

        Raises:
            APIRemoved: always (:data:`REMOVED`); see :meth:`list`.
        """
        body = {
            "agent": {
                "hypervisor": hypervisor,
                "os": os,
                "architecture": architecture,
                "version": version,
                "url": url,
                "md5hash": md5hash,
            }
        }
        self._removed(lambda: self._create_raw("/os-agents", body))

    def update(self, id: str, version: str, url: str, md5hash: str) -> Agent:
        """Modify an agent build.

        Raises:
            APIRemoved: always (:data:`REMOVED`); see :meth:`list`.
        """
        body = {"para": {"version": version, "url": url, "md5hash": md5hash}}
        self._removed(lambda: self._update(f"/os-agents/{quote(id)}", body, "agent"))

    def delete(self, id: str) -> None:
        """Delete an agent build.

        Raises:
            APIRemoved: always (:data:`REMOVED`); see :meth:`list`.
        """
        self._removed(lambda: self._delete(f"/os-agents/{quote(id)}"))


__all__ = ["REMOVED", "Agent", "AgentsManager"]
