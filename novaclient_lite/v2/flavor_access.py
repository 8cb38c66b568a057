"""``cs.flavor_access``: python-novaclient's manager of private flavors' access lists.

The requests are :class:`~novaclient_lite.v2.flavors.FlavorManager`'s
(``access_list``, ``add_access``, ``remove_access``); this manager only gives
them python-novaclient's names and arguments.
"""

from __future__ import annotations

import builtins
from typing import Any

from novaclient_lite.base import Manager
from novaclient_lite.v2.flavors import Flavor, FlavorAccess, FlavorManager


class FlavorAccessManager(Manager[FlavorAccess]):
    """``/flavors/{id}/os-flavor-access`` and the add/removeTenantAccess actions."""

    resource_class = FlavorAccess

    @property
    def _flavors(self) -> FlavorManager:
        return FlavorManager(self.api)

    def list(self, **kwargs: Any) -> builtins.list[FlavorAccess]:
        """The projects that may use a private flavor: ``list(flavor=flavor)``.

        Raises:
            NotImplementedError: without ``flavor=`` (python-novaclient's
                "Unknown list options."; it never listed by tenant).
            NotFound: no such flavor, or the flavor is public.
        """
        flavor: str | Flavor | None = kwargs.get("flavor")
        if not flavor:
            raise NotImplementedError("Unknown list options.")
        return self._flavors.access_list(flavor)

    def find(self, **kwargs: Any) -> FlavorAccess:
        """python-novaclient's inherited ``find``, which lists with no flavor.

        Raises:
            NotImplementedError: always, as python-novaclient's does ("Unknown list options.").
        """
        return self.list()[0]

    def findall(self, **kwargs: Any) -> builtins.list[FlavorAccess]:
        """python-novaclient's inherited ``findall``, which lists with no flavor.

        Raises:
            NotImplementedError: always, as python-novaclient's does ("Unknown list options.").
        """
        return self.list()

    def add_tenant_access(self, flavor: str | Flavor, tenant: str) -> builtins.list[FlavorAccess]:
        """Give project ``tenant`` access to a private flavor; returns the new access list.

        Raises:
            NotFound: no such flavor.  Conflict: the project already has access.
        """
        return self._flavors.add_access(flavor, tenant)

    def remove_tenant_access(
        self, flavor: str | Flavor, tenant: str
    ) -> builtins.list[FlavorAccess]:
        """Take project ``tenant``'s access to a private flavor away; returns the new list.

        Raises:
            NotFound: no such flavor, or the project has no access.
        """
        return self._flavors.remove_access(flavor, tenant)
