"""Networks through the Network API (Neutron v2.0): ``cs.neutron``.

python-novaclient's ``NeutronManager``: network names to IDs for
``boot --nic net-name=``, from the catalog's ``network`` service (see
:mod:`novaclient_lite.services`), not from Nova's proxy (``/os-networks``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from novaclient_lite import validators
from novaclient_lite.base import Manager, Resource, ResourceList
from novaclient_lite.find import looks_like_uuid, one_named

NETWORKS = "/v2.0/networks"
#: The hint of the error raised when the catalog has no network service.
MISSING = "pass a network ID (net-id=)"


class Network(Resource):
    """A Neutron network: ``id``, ``name``, ``status``, ``project_id``, ``shared``, ``subnets``."""

    HUMAN_ID = True


class NeutronManager(Manager[Network]):
    """Networks of the Network API (python-novaclient's ``cs.neutron``)."""

    resource_class = Network

    def find_network(self, name: str) -> Network:
        """One network by ID or exact name (``name``: python-novaclient's argument name).

        A UUID is taken as the ID without a request (Nova checks it when it
        uses it), so the result holds only ``id``.  A name costs one
        ``GET /v2.0/networks?name=<name>``.

        Raises:
            ValidationError: a blank or over-long value (nothing sent).
            ResourceNotFound: no network has that name.
            NoUniqueMatch: several networks have that name.
            EndpointNotFound: a name, and no network service in the catalog.
        """
        validators.name(name, "network")
        if looks_like_uuid(name):
            return self._wrap({"id": name})
        found = self._many(self._get_raw(NETWORKS, params={"name": name}), "networks")
        return one_named(found, name, kind="network", plural="networks")

    def iter(self, *, filters: Mapping[str, Any] | None = None) -> Iterator[Network]:
        """Networks page by page (lazy), following Neutron's ``networks_links``.

        Raises:
            InvalidResponse: a malformed page or a paging loop.
            EndpointNotFound: no network service in the catalog.
        """
        return self._iter(NETWORKS, "networks", params=filters)

    def list(self, *, filters: Mapping[str, Any] | None = None) -> ResourceList[Network]:
        """Every network the project sees (all pages), with Neutron's query ``filters``.

        Raises:
            InvalidResponse: a malformed page or a paging loop.
            EndpointNotFound: no network service in the catalog.
        """
        return self._list(NETWORKS, "networks", params=filters)
