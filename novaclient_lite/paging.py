"""Marker paging: one :class:`Pager` walks a listing page by page.

Nova pages a list by ``limit`` and ``marker`` (the id of the last item seen)
and puts the URL of the next page in ``<key>_links``.  While a walk is under
way the list may change under it; the pager's steps keep the walk correct and
finite:

* :meth:`Pager.fetch` GETs the next page;
* :meth:`Pager.recover` restarts before a marker that was deleted meanwhile;
* :meth:`Pager.accept` yields the page's items, dropping the ones already yielded;
* :meth:`Pager.next_request` follows the next link, or ends the walk.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from novaclient_lite import exceptions

if TYPE_CHECKING:
    from novaclient_lite.base import Manager, Resource
    from novaclient_lite.http import Response

    R = TypeVar("R", bound=Resource)
else:  # NOTE: a string bound would compile a ForwardRef at import: ~2 ms of every command
    R = TypeVar("R")

_MARKER_GONE = re.compile(r"marker.*not found", re.IGNORECASE)
#: How many times a listing may step back over vanished markers without getting any
#: new item before giving up.
MAX_MARKER_RECOVERIES = 20
#: Pages in a row that bring nothing new (all duplicates) before paging is declared stuck.
MAX_STALE_PAGES = 2

#: The next request: a URL and its query (None: the query is in the URL).
_Request = tuple[str, Mapping[str, Any] | None]


class Pager(Generic[R]):
    """One walk through a listing; iterate it once.

    ``limit`` stops after that many items (and asks the server for no more than
    are still wanted); ``page_size`` asks for pages of that size (the server may
    cap it, e.g. Nova's ``max_limit`` of 1000).  ``query`` is the first
    request's query, the caller's own ``marker`` included.

    A vanished marker (the item that ended the previous page was deleted
    meanwhile) restarts from an item before it (one back, then twice as far
    each time it vanishes again), skipping what was already yielded.  An empty
    page ends the walk.  A next link that repeats with nothing new (or a second
    time), pages that bring nothing new, or too many vanished markers without
    progress raise, so a walk always ends.

    Raises (while iterating):
        InvalidResponse: a malformed page or a paging loop.
        BadRequest: the caller's own marker is unknown, or markers keep vanishing.
    """

    def __init__(
        self,
        manager: Manager[R],
        url: str,
        key: str,
        *,
        query: Mapping[str, Any],
        limit: int | None = None,
        page_size: int | None = None,
        links_key: str | None = None,
    ) -> None:
        self._manager = manager
        self.url = url
        self.key = key
        self.links_key = links_key or f"{key}_links"
        self.query = dict(query)
        self.page_size = page_size
        #: Items still wanted (None: all of them).
        self.remaining = limit
        self._seen: dict[Any, None] = {}
        #: Ids yielded, in order: the restart points after a vanished marker.
        self._order: list[Any] = []
        #: Next links followed since the last restart, and how often.
        self._visited: dict[str, int] = {}
        self._pages = self._stale = self._recoveries = 0
        self._step = 1  # how far back the next recovery jumps; doubles while markers vanish
        self._stale_allowed = MAX_STALE_PAGES

    def __iter__(self) -> Iterator[R]:
        request: _Request | None = (self.url, self.query)
        while request is not None:
            try:
                response = self.fetch(*request)
            except exceptions.BadRequest as exc:
                request = self.recover(exc, *request)
                continue
            items = self._manager._items(response, self.key)
            new = 0
            for resource in self.accept(items, response):
                new += 1
                yield resource
                if self.remaining is not None:
                    self.remaining -= 1
                    if self.remaining <= 0:
                        return
            request = self.next_request(response, bool(items), new)

    # -- the steps ------------------------------------------------------------------------

    def fetch(self, url: str, query: Mapping[str, Any] | None) -> Response:
        """GET one page.

        Raises:
            BadRequest: e.g. its marker vanished (see :meth:`recover`).
        """
        response = self._manager.api.get(url, params=query)
        self._pages += 1
        self._step = 1
        return response

    def recover(
        self, exc: exceptions.BadRequest, url: str, query: Mapping[str, Any] | None
    ) -> _Request:
        """The request that restarts before the marker that ``exc`` says vanished.

        Raises:
            BadRequest: ``exc`` again when it is not a vanished marker, when the
                marker is the caller's own, or after too many recoveries in a row.
        """
        marker = _marker_of(url, query)
        if marker is None or not _MARKER_GONE.search(exc.message):
            raise exc
        if self.query.get("marker") is not None and str(self.query["marker"]) == marker:
            raise exc  # the caller's own marker: nothing to step back to
        self._recoveries += 1
        if self._recoveries > MAX_MARKER_RECOVERIES:
            raise exc
        previous = _previous_marker(self._order, marker, self._step)
        self._step *= 2
        query = dict(self.query)
        if previous is not None:
            query["marker"] = previous
        # Re-walking pages already seen is expected now (accept drops them).
        self._visited.clear()
        self._stale_allowed = self._pages + MAX_STALE_PAGES
        return self.url, query

    def accept(self, items: list[Any], response: Response) -> Iterator[R]:
        """Yield the page's items as resources, except those already yielded.

        Raises:
            InvalidResponse: an item's id is an object or a list.
        """
        for info in items:
            resource = self._manager._wrap(info, response.request_ids)
            key = resource.id
            if isinstance(key, (dict, list)):
                raise _invalid(
                    response,
                    f"Expected a string or number as the id of each of "
                    f"'{self.key}' from {response.url}, got {type(key).__name__}.",
                )
            if key is not None:
                if key in self._seen:
                    continue
                self._seen[key] = None
                self._order.append(key)
            yield resource

    def next_request(self, response: Response, items: bool, new: int) -> _Request | None:
        """The request for the page after ``response`` (None: the walk is over).

        ``items`` tells whether the page had any item, ``new`` how many were not
        yielded before.

        Raises:
            InvalidResponse: the same next link again, or pages that bring nothing new.
        """
        link = _next_link(response.body, self.links_key)
        if link is None or not items:
            return None
        # NOTE: a link may repeat once when a page repeats items (seen on Nova while
        # servers are building); the second repeat, or one with nothing new, stops.
        if link in self._visited and (not new or self._visited[link] >= 2):
            raise _invalid(
                response, f"The server returned the same next link twice ({link}); stopping."
            )
        self._visited[link] = self._visited.get(link, 0) + 1
        self._check_progress(response, new)
        if self.remaining is None:
            return link, None
        return _with_limit(link, min(self.remaining, self.page_size or self.remaining)), None

    def _check_progress(self, response: Response, new: int) -> None:
        if new:
            # NOTE: the allowance a recovery gave stays: a re-walk can meet an item
            # inserted meanwhile and must still be allowed the pages it repeats after it.
            self._stale = 0
            self._recoveries = 0
            return
        self._stale += 1
        if self._stale > self._stale_allowed:
            raise _invalid(
                response,
                f"Paging through {self.url} makes no progress ({self._stale} pages "
                "in a row repeat items already listed); stopping.",
            )


def _invalid(response: Response, message: str) -> exceptions.InvalidResponse:
    return exceptions.InvalidResponse(
        message, url=response.url, method="GET", request_id=response.request_id
    )


def _next_link(body: Any, links_key: str) -> str | None:
    links = body.get(links_key) if isinstance(body, Mapping) else None
    if not isinstance(links, list):
        return None
    for link in links:
        if isinstance(link, Mapping) and link.get("rel") == "next" and link.get("href"):
            return str(link["href"])
    return None


def _marker_of(url: str, query: Mapping[str, Any] | None) -> str | None:
    if query and query.get("marker") is not None:
        return str(query["marker"])
    values = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("marker")
    return values[-1] if values else None


def _previous_marker(order: list[Any], vanished: str, step: int = 1) -> Any:
    """The id ``step`` places before ``vanished`` in what was already seen (None: start over).

    ``vanished`` is forgotten as a restart point; items skipped over are not (they
    may still exist) -- the pager drops whatever it already yielded.
    """
    try:
        index = [str(i) for i in order].index(vanished)
    except ValueError:
        index = len(order)
    else:
        del order[index]
    back = index - step
    return order[back] if back >= 0 else None


def _with_limit(link: str, limit: int) -> str:
    parts = urllib.parse.urlsplit(link)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "limit"]
    query.append(("limit", str(limit)))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


__all__ = ["MAX_MARKER_RECOVERIES", "MAX_STALE_PAGES", "Pager"]
