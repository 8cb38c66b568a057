"""Server tags (``/servers/{id}/tags``, 2.26+): list, add, replace, delete.

A base of :class:`novaclient_lite.v2.servers.ServerManager`, like
:mod:`novaclient_lite.v2._server_actions`.  Every tag is checked with
``validators.tag`` (Nova's rule: 1 to 60 characters, no ``/`` and no ``,``)
before anything is sent, and every method needs 2.26, as in python-novaclient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from novaclient_lite import validators
from novaclient_lite.api_versions import V2_26
from novaclient_lite.base import Manager, RequestIds, TupleWithMeta, quote
from novaclient_lite.v2._paths import server_url

if TYPE_CHECKING:
    from novaclient_lite.v2.servers import Server


class ServerTags(Manager["Server"]):
    """The tags of one server; every method takes a server or its id."""

    def _tags_url(self, server: str | Server) -> str:
        return f"{server_url(server)}/tags"

    def tag_list(self, server: str | Server) -> list[str]:
        """The server's tags (``GET /servers/{id}/tags``).

        Raises:
            UnsupportedAttribute: before 2.26 (nothing is sent).
            NotFound: no such server.  InvalidResponse: no ``tags`` list.
        """
        self._require("tag_list", since=V2_26)
        return [str(tag) for tag in self._items(self._get_raw(self._tags_url(server)), "tags")]

    def add_tag(self, server: str | Server, tag: str) -> TupleWithMeta:
        """Add one tag (``PUT /servers/{id}/tags/{tag}``); adding a present tag is no change.

        Raises:
            UnsupportedAttribute: before 2.26.  ValidationError: a tag Nova
                refuses (both before sending).
            NotFound: no such server.  BadRequest: the server has 50 tags.
            Conflict: the server is in a state that forbids it.
        """
        self._require("add_tag", since=V2_26)
        validators.tag(tag)
        return self._nothing(self._update_raw(f"{self._tags_url(server)}/{quote(tag)}", None))

    def set_tags(self, server: str | Server, tags: list[str]) -> Server:
        """Replace all the server's tags (``PUT /servers/{id}/tags``); ``[]`` removes them.

        Returns:
            As python-novaclient: a ``Server`` holding only ``tags``, the
            server's tags as Nova stored them.

        Raises:
            UnsupportedAttribute: before 2.26.  ValidationError: not a list,
                more than 50 tags or a bad tag (both before sending).
            NotFound: no such server.  Conflict: a state that forbids it.
            InvalidResponse: Nova's answer holds no ``tags`` list.
        """
        self._require("set_tags", since=V2_26)
        body = {"tags": validators.tags(tags)}
        response = self._update_raw(self._tags_url(server), body)
        return self._wrap({"tags": self._items(response, "tags")}, response.request_ids)

    def delete_tag(self, server: str | Server, tag: str) -> RequestIds:
        """Remove one tag (``DELETE /servers/{id}/tags/{tag}``).

        Raises:
            UnsupportedAttribute: before 2.26.  ValidationError: a tag Nova
                would never have stored (both before sending).
            NotFound: no such server, or the server has no such tag.
        """
        self._require("delete_tag", since=V2_26)
        validators.tag(tag)
        return RequestIds(self._delete(f"{self._tags_url(server)}/{quote(tag)}").request_ids)

    def delete_all_tags(self, server: str | Server) -> RequestIds:
        """Remove every tag of the server (``DELETE /servers/{id}/tags``).

        Raises:
            UnsupportedAttribute: before 2.26 (nothing is sent).
            NotFound: no such server.  Conflict: a state that forbids it.
        """
        self._require("delete_all_tags", since=V2_26)
        return RequestIds(self._delete(self._tags_url(server)).request_ids)
