"""API versions: the version documents of the compute endpoint."""

from __future__ import annotations

import re
from collections.abc import Iterator

from novaclient_lite import exceptions
from novaclient_lite.base import Resource
from novaclient_lite.find import ManagerWithFind

_VERSION_SEGMENT = re.compile(r"/v\d+(?:\.\d+)?(?:/.*)?$")


class Version(Resource):
    """One API version: ``id`` ("v2.1"), ``status``, ``version`` (max) and ``min_version``."""

    repr_keys = ("status", "version", "min_version")


class VersionManager(ManagerWithFind[Version]):
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
        return self._many(self._get_raw(self._root(), versioned=False), "versions")

    def iter(self) -> Iterator[Version]:
        """Like :meth:`list`, lazily (the service root is one document).

        Returns:
            An iterator of versions; the GET is sent on the first ``next()``.

        Raises:
            NotFound: as for :meth:`list`, while iterating.
        """
        yield from self.list()

    def get_current(self) -> Version:
        """The version document of this endpoint (GET ``<endpoint>/``).

        Returns:
            The version this endpoint serves, with its microversion range.

        Raises:
            InvalidResponse: the document has no ``version`` entry.
        """
        try:
            response = self._get_raw(self.api.endpoint + "/", versioned=False)
        except exceptions.NotFound:
            # An endpoint that ends in a project id: its parent is the version document.
            response = self._get_raw(self.api.endpoint.rsplit("/", 1)[0] + "/", versioned=False)
        return self._one(response, "version")


__all__ = ["Version", "VersionManager"]
