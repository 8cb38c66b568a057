"""Server metadata (``/servers/{id}/metadata``) and addresses (``/servers/{id}/ips``).

A base of :class:`novaclient_lite.v2.servers.ServerManager` (through
``ServerActions``), with python-novaclient's method names and arguments; each
result carries the response's ``request_ids``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import validators
from novaclient_lite.base import DictWithMeta, TupleWithMeta, quote
from novaclient_lite.find import ManagerWithFind
from novaclient_lite.v2 import _server_body as bodies
from novaclient_lite.v2._paths import server_url

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server


class ServerMetadata(ManagerWithFind["Server"]):
    """A server's metadata items and addresses; every method takes a server or its id."""

    def _meta_url(self, server: str | Server, key: str) -> str:
        return f"{server_url(server)}/metadata/{quote(validators.name(key, 'metadata key'))}"

    def list_meta(self, server: str | Server) -> DictWithMeta:
        """The server's metadata (GET ``/servers/{id}/metadata``).

        Returns:
            ``{"metadata": {...}}``, as python-novaclient returns it.

        Raises:
            NotFound: no such server.
        """
        response = self._get_raw(server_url(server) + "/metadata")
        return DictWithMeta(
            {"metadata": self._envelope(response, "metadata")}, response.request_ids
        )

    def get_meta(self, server: str | Server, key: str) -> DictWithMeta:
        """One metadata item (GET ``/servers/{id}/metadata/{key}``).

        Returns:
            ``{"meta": {key: value}}``, as python-novaclient returns it.

        Raises:
            ValidationError: an empty key (nothing is sent).  NotFound: no such
            server or key.
        """
        response = self._get_raw(self._meta_url(server, key))
        return DictWithMeta({"meta": self._envelope(response, "meta")}, response.request_ids)

    def set_meta(self, server: str | Server, metadata: dict[str, str]) -> DictWithMeta:
        """Add or replace metadata items (POST ``/servers/{id}/metadata``).

        Returns:
            The server's whole metadata after the change.

        Raises:
            ValidationError: empty or invalid metadata.  NotFound, Forbidden (quota).
        """
        if not metadata:
            raise validators.fail("metadata", "at least one key=value item", metadata)
        response = self._create_raw(
            server_url(server) + "/metadata", {"metadata": bodies.check_metadata(metadata)}
        )
        return DictWithMeta(self._envelope(response, "metadata"), response.request_ids)

    def set_meta_item(self, server: str | Server, key: str, value: str) -> DictWithMeta:
        """Set one metadata item (PUT ``/servers/{id}/metadata/{key}``).

        Returns:
            The item as Nova answers it, ``{key: value}``.

        Raises:
            ValidationError: an invalid key or value (nothing is sent).
            NotFound: no such server.  Forbidden: over the metadata quota.
        """
        item = bodies.check_metadata({key: value})
        updated = self._update(self._meta_url(server, key), {"meta": item}, "meta")
        return DictWithMeta(updated.as_mapping(), updated.request_ids)

    def delete_meta(self, server: str | Server, keys: list[str]) -> TupleWithMeta:
        """Delete metadata items, one DELETE per key.

        Returns:
            ``()`` with the request ids of every DELETE.

        Raises:
            NotFound: no such server or key.
        """
        ids: list[str] = []
        for key in keys:
            ids += self._delete(f"{server_url(server)}/metadata/{quote(key)}").request_ids
        return TupleWithMeta((), ids)

    def ips(self, server: str | Server) -> DictWithMeta:
        """The server's addresses per network (GET ``/servers/{id}/ips``), cheaper than a GET.

        Returns:
            ``{network name: [{"version": 4, "addr": ...}, ...]}``.

        Raises:
            NotFound: no such server.
        """
        response = self._get_raw(server_url(server) + "/ips")
        addresses: Any = self._envelope(response, "addresses")
        return DictWithMeta(addresses, response.request_ids)
