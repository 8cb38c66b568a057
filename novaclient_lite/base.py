"""``Resource`` (a thin JSON wrapper) and the generic base ``Manager``.

A manager turns one resource's URLs into typed methods using the six helpers
below; it never looks at a status code (the HTTP layer raises) and a resource
never calls the network by itself.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar

from novaclient_lite import api_versions, exceptions, validators

if TYPE_CHECKING:
    from novaclient_lite.api_versions import APIVersion
    from novaclient_lite.http import HTTPClient, Response


class Unset:
    """The type of :data:`UNSET`: "argument not given" where None has a meaning."""

    def __repr__(self) -> str:
        return "UNSET"


#: Default of arguments for which None means "clear the value" (e.g. description).
UNSET: Final = Unset()


class Resource:
    """One API object: attributes come from its JSON document.

    ``server.status`` reads ``info["status"]``; keys that are not Python names
    are read with ``server["OS-EXT-STS:task_state"]`` or through a property.
    Equality is by type and id.  ``request_ids`` holds the ids of the
    response that produced it.
    """

    #: Keys shown in ``repr`` (besides the id).
    repr_keys: ClassVar[tuple[str, ...]] = ("name",)

    def __init__(
        self,
        manager: Manager[Any] | None,
        info: Mapping[str, Any],
        *,
        request_ids: list[str] | None = None,
    ) -> None:
        if type(info) is not dict:  # NOTE: the exact check first: it is 10x cheaper
            if not isinstance(info, Mapping):
                raise exceptions.InvalidResponse(
                    f"Expected a JSON object for {type(self).__name__}, "
                    f"got {type(info).__name__}."
                )
            info = info if isinstance(info, dict) else dict(info)
        self.manager = manager
        # NOTE: no copy: a page of 1000 servers is wrapped without duplicating it.
        self._info = info
        self.request_ids = request_ids or []

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_info", "manager", "request_ids"):
            raise AttributeError(name)
        info = self.__dict__.get("_info", {})
        if name in info:
            return info[name]
        raise AttributeError(
            f"{type(self).__name__} has no attribute {name!r}. Its keys are "
            f"{sorted(info)}; objects from a list may hold less than a get() returns."
        )

    def __getitem__(self, key: str) -> Any:
        return self._info[key]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of a raw JSON key, or ``default``."""
        return self._info.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._info

    def __dir__(self) -> list[str]:
        names = [k for k in self._info if str(k).isidentifier()]
        return sorted(set(super().__dir__()) | set(names))

    def to_dict(self) -> dict[str, Any]:
        """A deep-enough copy of the JSON document."""
        import copy

        return copy.deepcopy(self._info)

    @property
    def id(self) -> Any:
        return self._info.get("id")

    def __repr__(self) -> str:
        shown = [f"id={self.id!r}"] if "id" in self._info else []
        shown += [f"{k}={self._info[k]!r}" for k in self.repr_keys if k in self._info]
        return f"<{type(self).__name__} {' '.join(shown)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Resource) or type(other) is not type(self):
            return NotImplemented
        if self.id is not None and other.id is not None:
            return bool(self.id == other.id)
        return self._info == other._info

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.id))


R = TypeVar("R", bound=Resource)


class ResourceList(list[R]):
    """A list of resources that also carries the request ids of every page."""

    def __init__(self, items: list[R] | None = None, request_ids: list[str] | None = None):
        super().__init__(items or [])
        self.request_ids: list[str] = request_ids or []


def getid(obj: Any) -> Any:
    """The id of a resource, or the value itself when it is already an id."""
    return getattr(obj, "id", obj) if isinstance(obj, Resource) else obj


def quote(value: Any) -> str:
    """Percent-encode one path segment (an id can be any string)."""
    return urllib.parse.quote(str(value), safe="")


_MARKER_GONE = re.compile(r"marker.*not found", re.IGNORECASE)
#: How many times a listing may step back over vanished markers without getting any
#: new item before giving up.
MAX_MARKER_RECOVERIES = 20
#: Pages in a row that bring nothing new (all duplicates) before paging is declared stuck.
MAX_STALE_PAGES = 2


class Manager(Generic[R]):
    """Typed base for resource managers.

    Subclasses set ``resource_class`` and implement public methods with the
    helpers ``_list``, ``_iter``, ``_get``, ``_create``, ``_update``,
    ``_delete`` and ``_action``.
    """

    resource_class: ClassVar[type[Resource]]

    def __init__(self, api: HTTPClient) -> None:
        self.api = api

    @property
    def api_version(self) -> APIVersion:
        """The negotiated compute API version."""
        return self.api.api_version

    def _require(
        self,
        option: str,
        *,
        since: APIVersion | None = None,
        until: APIVersion | None = None,
        also: tuple[APIVersion, APIVersion] | None = None,
    ) -> None:
        """The microversion gate: "``option`` needs 2.N" (or "this method needs 2.N").

        Call it, before sending, wherever an argument (or a whole method) exists
        only in a range of microversions; spell the versions with the
        constants of :mod:`novaclient_lite.api_versions`::

            if description is not None:
                self._require("description", since=V2_19)
            self._require("rxtx_factor", until=V2_101)   # removed at 2.102

        ``also`` adds an older window (network tags: ``since=V2_42,
        also=(V2_32, V2_36)``).  Reading ``api_version`` may send the version
        discovery (once per client), never the request itself.

        Raises:
            UnsupportedAttribute: ``'<option>' needs compute API microversion
                2.N or later. This session uses 2.M.``
        """
        api_versions.require(option, self.api_version, since=since, until=until, also=also)

    def _wrap(self, info: Any, request_ids: list[str] | None = None) -> R:
        return self.resource_class(self, info, request_ids=request_ids)  # type: ignore[return-value]

    def _envelope(self, response: Response, key: str) -> Any:
        body = response.body
        if not isinstance(body, Mapping) or key not in body:
            raise exceptions.InvalidResponse(
                f"Expected a '{key}' key in the response to {response.method} {response.url}.",
                url=response.url, method=response.method, request_id=response.request_id,
            )
        return body[key]

    def _items(self, response: Response, key: str) -> list[Any]:
        """The list under ``key``.  Raises InvalidResponse when it is not a list."""
        items = self._envelope(response, key)
        if not isinstance(items, list):
            raise exceptions.InvalidResponse(
                f"Expected a list under '{key}' in the response to {response.method} "
                f"{response.url}.",
                url=response.url, method=response.method, request_id=response.request_id,
            )
        return items

    # -- listing ----------------------------------------------------------------

    def _iter(
        self,
        url: str,
        response_key: str,
        *,
        params: Mapping[str, Any] | None = None,
        limit: int | None = None,
        page_size: int | None = None,
    ) -> Iterator[R]:
        """Yield resources page by page, following ``<key>_links`` "next" links.

        With ``limit`` only that many items are fetched (one page when the
        server's page is large enough); ``page_size`` asks for pages of that
        size (the server may cap it, e.g. Nova's ``max_limit`` of 1000).

        A vanished marker (the item that ended the previous page was deleted
        meanwhile) restarts from an item before it (one back, then twice as far
        each time it vanishes again), skipping what was already yielded.  An
        empty page ends the loop.  A next link that repeats with nothing new (or
        a second time), pages that bring nothing new, or too many vanished
        markers without progress raise, so paging always terminates.

        Raises:
            InvalidResponse: on a malformed page or a paging loop.
        """
        query: dict[str, Any] = {k: v for k, v in (params or {}).items() if v is not None}
        if limit is not None:
            query["limit"] = validators.positive_int(limit, "limit")
        if page_size is not None:
            query["limit"] = min(validators.positive_int(page_size, "page_size"),
                                 limit or page_size)
        seen: dict[Any, None] = {}
        order: list[Any] = []
        next_url: str | None = url
        next_query: Mapping[str, Any] | None = query
        recoveries = pages = stale = 0
        step = 1  # how far back the next recovery jumps; doubles while markers keep vanishing
        stale_allowed = MAX_STALE_PAGES
        visited: dict[str, int] = {}
        remaining = limit
        while next_url is not None:
            try:
                response = self.api.get(next_url, params=next_query)
            except exceptions.BadRequest as exc:
                marker = _marker_of(next_url, next_query)
                if marker is None or not _MARKER_GONE.search(exc.message):
                    raise
                if query.get("marker") is not None and str(query["marker"]) == marker:
                    raise  # the caller's own marker: nothing to step back to
                recoveries += 1
                if recoveries > MAX_MARKER_RECOVERIES:
                    raise
                previous = _previous_marker(order, marker, step)
                step *= 2
                next_url, next_query = url, dict(query)
                if previous is not None:
                    next_query["marker"] = previous
                # Re-walking pages already seen is expected now (dedup drops them).
                visited.clear()
                stale_allowed = pages + MAX_STALE_PAGES
                continue
            pages += 1
            step = 1
            items = self._envelope(response, response_key)
            if not isinstance(items, list):
                raise exceptions.InvalidResponse(
                    f"Expected a list under '{response_key}' from {response.url}.",
                    url=response.url, method="GET", request_id=response.request_id,
                )
            new = 0
            for info in items:
                resource = self._wrap(info, response.request_ids)
                key = resource.id
                if isinstance(key, (dict, list)):
                    raise exceptions.InvalidResponse(
                        f"Expected a string or number as the id of each of '{response_key}' "
                        f"from {response.url}, got {type(key).__name__}.",
                        url=response.url, method="GET", request_id=response.request_id,
                    )
                if key is not None and key in seen:
                    continue
                if key is not None:
                    seen[key] = None
                    order.append(key)
                new += 1
                yield resource
                if remaining is not None:
                    remaining -= 1
                    if remaining <= 0:
                        return
            link = _next_link(response.body, response_key)
            if link is None or not items:
                return
            # NOTE: a link may repeat once when a page repeats items (seen on Nova while
            # servers are building); the second repeat, or one with nothing new, stops.
            if link in visited and (not new or visited[link] >= 2):
                raise exceptions.InvalidResponse(
                    f"The server returned the same next link twice ({link}); stopping.",
                    url=response.url, method="GET", request_id=response.request_id,
                )
            visited[link] = visited.get(link, 0) + 1
            stale = stale + 1 if new == 0 else 0
            if new:
                stale_allowed = MAX_STALE_PAGES
                recoveries = 0
            elif stale > stale_allowed:
                raise exceptions.InvalidResponse(
                    f"Paging through {url} makes no progress ({stale} pages in a row "
                    "repeat items already listed); stopping.",
                    url=response.url, method="GET", request_id=response.request_id,
                )
            next_url, next_query = link, None
            if remaining is not None:
                next_url = _with_limit(link, min(remaining, page_size or remaining))

    def _list(
        self,
        url: str,
        response_key: str,
        *,
        params: Mapping[str, Any] | None = None,
        limit: int | None = None,
        page_size: int | None = None,
    ) -> ResourceList[R]:
        """All resources (every page) as a list; see ``_iter`` for the paging rules."""
        result: ResourceList[R] = ResourceList()
        ids: list[str] = []
        for item in self._iter(url, response_key, params=params, limit=limit,
                               page_size=page_size):
            result.append(item)
            if item.request_ids and (not ids or ids[-1] != item.request_ids[0]):
                ids.append(item.request_ids[0])
        result.request_ids = ids
        return result

    # -- single objects -----------------------------------------------------------

    def _get(self, url: str, response_key: str) -> R:
        """GET one resource.  Raises NotFound when it does not exist."""
        response = self.api.get(url)
        return self._wrap(self._envelope(response, response_key), response.request_ids)

    def _create(
        self, url: str, body: Any, response_key: str, *, return_raw: bool = False
    ) -> Any:
        """POST a new resource; returns it, or the raw JSON under ``response_key``."""
        response = self.api.post(url, json=body)
        info = self._envelope(response, response_key)
        return info if return_raw else self._wrap(info, response.request_ids)

    def _update(
        self, url: str, body: Any, response_key: str | None = None, *, method: str = "PUT"
    ) -> Any:
        """PUT (or POST) an update; returns the resource when the server sends one back."""
        response = self.api.request(method, url, json=body)
        if response_key is None:
            return response
        return self._wrap(self._envelope(response, response_key), response.request_ids)

    def _delete(self, url: str) -> Response:
        """DELETE a resource.  Raises NotFound when it is already gone."""
        return self.api.delete(url)

    def _action(self, url: str, action: str, info: Any = None) -> Response:
        """POST ``{action: info}`` to an action URL (e.g. ``/servers/{id}/action``)."""
        return self.api.post(url, json={action: info})


def _next_link(body: Any, response_key: str) -> str | None:
    links = body.get(f"{response_key}_links") if isinstance(body, Mapping) else None
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
    may still exist) -- the caller drops whatever it already yielded.
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
