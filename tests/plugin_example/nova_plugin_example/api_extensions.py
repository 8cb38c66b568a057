"""``cs.api_extensions``: a manager that novaclient_lite itself does not have."""

from __future__ import annotations

from novaclient_lite.base import Manager, Resource, ResourceList


class ApiExtension(Resource):
    """One of Nova's legacy API extensions (``name``, ``alias``, ``updated``)."""

    repr_keys = ("alias",)


class ApiExtensionManager(Manager[ApiExtension]):
    """``/extensions``."""

    resource_class = ApiExtension

    def list(self) -> ResourceList[ApiExtension]:
        """List the API extensions Nova still advertises.

        Raises:
            Unauthorized: without a valid token.
        """
        return self._list("/extensions", "extensions")
