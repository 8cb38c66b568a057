"""python-novaclient's results that carry ``request_ids``: strings, dicts, empty tuples.

Re-exported by :mod:`novaclient_lite.base` (where python-novaclient has them).
Lists of resources are :class:`~novaclient_lite.base.ResourceList`; every
``Resource`` has ``request_ids`` itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class StrWithMeta(str):
    """A string result (e.g. an image id) that carries the response's ``request_ids``."""

    request_ids: list[str]

    def __new__(cls, value: str, request_ids: list[str] | None = None) -> StrWithMeta:
        self = super().__new__(cls, value)
        self.request_ids = list(request_ids or [])
        return self


class DictWithMeta(dict[str, Any]):
    """A dict result (e.g. extra specs, metadata) that carries ``request_ids``."""

    def __init__(self, value: Mapping[str, Any], request_ids: list[str] | None = None) -> None:
        super().__init__(value)
        self.request_ids: list[str] = list(request_ids or [])


class RequestIds(list[str]):
    """The request ids of a delete: a list of ids that also answers ``.request_ids``
    (what scripts read on python-novaclient's ``TupleWithMeta`` results)."""

    @property
    def request_ids(self) -> list[str]:
        return list(self)


class TupleWithMeta(tuple[Any, ...]):
    """The result of a call that answers nothing (an action, a delete): ``()`` with
    ``request_ids``, as python-novaclient returns."""

    request_ids: list[str]

    def __new__(
        cls, value: tuple[Any, ...] = (), request_ids: list[str] | None = None
    ) -> TupleWithMeta:
        self = super().__new__(cls, value)
        self.request_ids = list(request_ids or [])
        return self


def response_and_body(response: Any) -> TupleWithMeta:
    """``(response, body)`` with the response's request ids: python-novaclient's result of
    the server actions whose answer carries data (rescue, evacuate)."""
    return TupleWithMeta((response, response.body), response.request_ids)


__all__ = ["DictWithMeta", "RequestIds", "StrWithMeta", "TupleWithMeta", "response_and_body"]
