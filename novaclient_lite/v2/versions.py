"""API versions: the version documents of the compute endpoint."""

from __future__ import annotations

import re

from novaclient_lite import exceptions
from novaclient_lite.base import Manager, Resource

_VERSION_SEGMENT = re.compile(r"/v\d+(?:\.\d+)?(?:/.*)?$")


class Version(Resource):
    """One API version: ``id`` ("v2.1"), ``status``, ``version`` (max) and ``min_version``."""

    repr_keys = ("status", "version", "min_version")


class VersionManager(Manager[Version]):
    """The unversioned documents that describe the API versions (no microversion is sent)."""

    resource_class = Version

    def _root(self) -> str:
        endpoint = self.api.endpoint
        root = _VERSION_SEGMENT.sub("", endpoint)
        return (root if root != endpoint else endpoint.rsplit("/", 1)[0]) + "/"

    def list(self) -> list[Version]:
        """Every version the service offers (GET of the service root, e.g. ``http://nova/``).

        Returns:
            The versions, e.g. v2.0 (SUPPORTED) and v2.1 (CURRENT).

        Raises:
            NotFound: the root has no version list (a proxy in front of Nova).
        """
        response = self.api.request("GET", self._root(), versioned=False)
        return [self._wrap(v, response.request_ids)
                for v in self._items(response, "versions")]

    def get_current(self) -> Version:
        """The version document of this endpoint (GET ``<endpoint>/``).

        Returns:
            The version this endpoint serves, with its microversion range.

        Raises:
            InvalidResponse: the document has no ``version`` entry.
        """
        try:
            response = self.api.request("GET", self.api.endpoint + "/", versioned=False)
        except exceptions.NotFound:
            # An endpoint that ends in a project id: its parent is the version document.
            parent = self.api.endpoint.rsplit("/", 1)[0] + "/"
            response = self.api.request("GET", parent, versioned=False)
        return self._wrap(self._envelope(response, "version"), response.request_ids)


__all__ = ["Version", "VersionManager"]
