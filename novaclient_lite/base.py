"""``Resource`` (a thin JSON wrapper) and the generic base ``Manager``.

A manager turns one resource's URLs into typed methods using the helpers of
:class:`Manager`; it never looks at a status code (the HTTP layer raises) and
a resource never calls the network by itself.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Generic, TypeVar

from novaclient_lite import api_versions, exceptions, validators
from novaclient_lite.paging import Pager
from novaclient_lite.with_meta import DictWithMeta as DictWithMeta
from novaclient_lite.with_meta import RequestIds as RequestIds
from novaclient_lite.with_meta import StrWithMeta as StrWithMeta
from novaclient_lite.with_meta import TupleWithMeta as TupleWithMeta

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
    #: The manager class whose ``resource_class`` this is (set by ``Manager``).
    manager_class: ClassVar[type[Manager[Any]] | None] = None
    #: python-novaclient's switch for :attr:`human_id` (on for servers, flavors,
    #: images and networks), and the key it slugs.
    HUMAN_ID: ClassVar[bool] = False
    NAME_ATTR: ClassVar[str] = "name"

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
                    f"Expected a JSON object for {type(self).__name__}, got {type(info).__name__}."
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

    def get(self, key: str | None = None, default: Any = None) -> Any:
        """The value of a raw JSON key, or ``default``; without a key, reload in place.

        ``server.get()`` is python-novaclient's explicit refresh: one GET through
        the manager (``manager.get(self.id)``, or the resource's own ``_reload``),
        whose keys replace this object's; it returns None.  Nothing else ever
        fetches behind the caller's back.

        Raises:
            TypeError: a refresh of a resource that has no manager to ask.
            NotFound: the resource is gone (on a refresh).
        """
        if key is not None:
            return self._info.get(key, default)
        fresh = self._reload()
        self._info.update(fresh._info)
        self.request_ids = [*self.request_ids, *fresh.request_ids]
        return None

    def _reload(self) -> Resource:
        getter = getattr(self.manager, "get", None)
        if getter is None:
            raise TypeError(f"{type(self).__name__} has no manager to reload it from.")
        return getter(self.id)  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return key in self._info

    def __dir__(self) -> list[str]:
        names = [k for k in self._info if str(k).isidentifier()]
        return sorted(set(super().__dir__()) | set(names))

    def as_mapping(self) -> MappingProxyType[str, Any]:
        """The JSON document, read-only and not copied (nested values are shared).

        For code that reads many objects, e.g. a listing's rows; ``to_dict``
        is the copy to change.
        """
        return MappingProxyType(self._info)

    def to_dict(self) -> dict[str, Any]:
        """A deep-enough copy of the JSON document."""
        import copy

        return copy.deepcopy(self._info)

    @property
    def id(self) -> Any:
        return self._info.get("id")

    @property
    def human_id(self) -> str | None:
        """python-novaclient's slug of the name (``"My Server"`` -> ``"my-server"``),
        for the kinds that have one (``HUMAN_ID``); else None.  ``find(human_id=...)``
        compares it."""
        name = self._info.get(self.NAME_ATTR) if self.HUMAN_ID else None
        if name is None:
            return None
        from oslo_utils import strutils  # NOTE: only here: it imports oslo.i18n

        return str(strutils.to_slug(name))

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


def either(name: str, value: Any, alias: str, alias_value: Any, *, missing: Any = None) -> Any:
    """The value of an argument with two names: ours (``name``) and python-novaclient's.

    ``missing`` is what "not given" is (None, or :data:`UNSET`).

    Raises:
        TypeError: both names were given, naming both.
    """
    if value is not missing and alias_value is not missing:
        raise TypeError(f"give {name} or {alias} (the same argument), not both")
    return alias_value if value is missing else value


def getid(obj: Any) -> Any:
    """The id of a resource, or the value itself when it is already an id."""
    return getattr(obj, "id", obj) if isinstance(obj, Resource) else obj


def quote(value: Any) -> str:
    """Percent-encode one path segment (an id can be any string)."""
    return urllib.parse.quote(str(value), safe="")


class Manager(Generic[R]):
    """Typed base for resource managers.

    Subclasses set ``resource_class`` and implement public methods with the
    helpers, never with ``self.api`` directly: ``_list``/``_iter`` (paged
    lists), ``_get``, ``_create``, ``_update`` (one resource, typed ``R``),
    ``_delete``, ``_action`` (the ``Response``); for documents that are not one
    resource ``_get_raw``/``_create_raw``/``_update_raw`` return the ``Response``, read with
    ``_one``, ``_many`` (a one-document list), ``_envelope`` or ``_items``.
    """

    resource_class: ClassVar[type[Resource]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        resource_class = cls.__dict__.get("resource_class")
        if resource_class is not None and "manager_class" not in resource_class.__dict__:
            resource_class.manager_class = cls

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
                url=response.url,
                method=response.method,
                request_id=response.request_id,
            )
        return body[key]

    def _items(self, response: Response, key: str) -> list[Any]:
        """The list under ``key``.  Raises InvalidResponse when it is not a list."""
        items = self._envelope(response, key)
        if not isinstance(items, list):
            raise exceptions.InvalidResponse(
                f"Expected a list under '{key}' in the response to {response.method} "
                f"{response.url}.",
                url=response.url,
                method=response.method,
                request_id=response.request_id,
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
        links_key: str | None = None,
    ) -> Iterator[R]:
        """Resources page by page, each page fetched when the caller reaches it.

        With ``limit`` only that many items are fetched (one page when the
        server's page is large enough); ``page_size`` asks for pages of that
        size.  ``links_key`` names the next links (default ``<response_key>_links``).
        The paging rules (vanished markers, loops) are
        :class:`~novaclient_lite.paging.Pager`'s.  The arguments are checked
        here, before anything is sent.

        Raises:
            ValidationError: ``limit`` or ``page_size`` is not a positive integer.
            InvalidResponse, BadRequest: while iterating, see ``Pager``.
        """
        query: dict[str, Any] = {k: v for k, v in (params or {}).items() if v is not None}
        if limit is not None:
            query["limit"] = validators.positive_int(limit, "limit")
        if page_size is not None:
            query["limit"] = min(
                validators.positive_int(page_size, "page_size"), limit or page_size
            )
        return iter(
            Pager(
                self,
                url,
                response_key,
                query=query,
                limit=limit,
                page_size=page_size,
                links_key=links_key,
            )
        )

    def _list(
        self,
        url: str,
        response_key: str,
        *,
        params: Mapping[str, Any] | None = None,
        limit: int | None = None,
        page_size: int | None = None,
        links_key: str | None = None,
    ) -> ResourceList[R]:
        """All resources (every page) as a list; see ``_iter`` for the paging rules."""
        result: ResourceList[R] = ResourceList()
        ids: list[str] = []
        for item in self._iter(
            url, response_key, params=params, limit=limit, page_size=page_size, links_key=links_key
        ):
            result.append(item)
            if item.request_ids and (not ids or ids[-1] != item.request_ids[0]):
                ids.append(item.request_ids[0])
        result.request_ids = ids
        return result

    def _many(self, response: Response, response_key: str) -> ResourceList[R]:
        """The resources of a list that Nova sends in one document (no paging).

        Raises:
            InvalidResponse: no list under ``response_key``.
        """
        return ResourceList(
            [
                self._wrap(info, response.request_ids)
                for info in self._items(response, response_key)
            ],
            response.request_ids,
        )

    # -- single objects -----------------------------------------------------------

    def _one(self, response: Response, response_key: str) -> R:
        """The object under ``response_key`` as a resource with the response's request ids.

        Raises:
            InvalidResponse: no such key, or not a JSON object under it.
        """
        return self._wrap(self._envelope(response, response_key), response.request_ids)

    def _get(self, url: str, response_key: str, *, params: Mapping[str, Any] | None = None) -> R:
        """GET one resource.  Raises NotFound when it does not exist."""
        return self._one(self._get_raw(url, params=params), response_key)

    def _get_raw(
        self, url: str, *, params: Mapping[str, Any] | None = None, versioned: bool = True
    ) -> Response:
        """GET a document that is not one resource (read it with ``_envelope``/``_many``).

        ``versioned=False`` sends no microversion (the version documents).
        """
        return self.api.get(url, params=params, versioned=versioned)

    def _create(self, url: str, body: Any, response_key: str) -> R:
        """POST a new resource and return it (the object under ``response_key``).

        Raises:
            InvalidResponse: the answer holds no such object.
        """
        return self._one(self._create_raw(url, body), response_key)

    def _create_raw(self, url: str, body: Any) -> Response:
        """POST ``body``; the response as it is (for answers that are not one resource)."""
        return self.api.post(url, json=body)

    def _update(
        self,
        url: str,
        body: Any,
        response_key: str,
        *,
        method: str = "PUT",
        params: Mapping[str, Any] | None = None,
    ) -> R:
        """PUT (or ``method``) an update and return the resource the server sends back.

        Raises:
            InvalidResponse: the answer holds no object under ``response_key``.
        """
        return self._one(self._update_raw(url, body, method=method, params=params), response_key)

    def _update_raw(
        self,
        url: str,
        body: Any,
        *,
        method: str = "PUT",
        params: Mapping[str, Any] | None = None,
    ) -> Response:
        """PUT (or ``method``) ``body``; the response as it is (for answers that are not one
        resource)."""
        return self.api.request(method, url, json=body, params=params)

    def _delete(self, url: str, *, params: Mapping[str, Any] | None = None) -> Response:
        """DELETE a resource.  Raises NotFound when it is already gone."""
        return self.api.delete(url, params=params)

    @staticmethod
    def _nothing(response: Response) -> TupleWithMeta:
        """python-novaclient's result of a call that answers nothing: ``()`` with request ids."""
        return TupleWithMeta((), response.request_ids)

    def _action(self, url: str, action: str, info: Any = None) -> Response:
        """POST ``{action: info}`` to an action URL (e.g. ``/servers/{id}/action``)."""
        return self.api.post(url, json={action: info})
