"""Name-or-ID lookup: the one place for the rules.

ID first (one GET), then an exact name match among the resources the server
returns for a name filter.  Nova's ``name`` filters are regular expressions
(``bob`` also matches ``bobby``), so the exact match is checked here.

python-novaclient's ``find(**attrs)``/``findall(**attrs)`` (its
``ManagerWithFind``) are :class:`ManagerWithFind`'s: one listing (server-side
filtered where Nova can), then :func:`has_attributes` on each resource.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from novaclient_lite import exceptions
from novaclient_lite.base import Manager, Resource, ResourceList

R = TypeVar("R", bound=Resource)

_UUID = re.compile(r"^[0-9a-fA-F]{8}-?([0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$")


def looks_like_uuid(value: str) -> bool:
    """True for a UUID with or without dashes."""
    return bool(_UUID.match(value))


def find_resource(
    name_or_id: str,
    *,
    kind: str,
    get: Callable[[str], R] | None,
    list_by_name: Callable[[str], Iterable[R]],
    name_attr: str = "name",
    id_is_uuid: bool = False,
) -> R:
    """Find exactly one resource by ID or by exact name.

    Args:
        name_or_id: what the user typed.
        kind: the resource's name for messages ("server", "flavor", ...).
        get: fetches by ID (raises NotFound); None when the kind has no GET by id.
        list_by_name: lists candidates for a name (server-side filtered when possible).
        id_is_uuid: skip the GET when the value cannot be an id (saves a request).

    Raises:
        ResourceNotFound: "No <kind> with a name or ID of 'x' exists." (a
            ``NotFound`` whose ``code`` is None).
        NoUniqueMatch: "Multiple <kind> matches found for 'x', use an ID to be more specific."
    """
    if get is not None and (not id_is_uuid or looks_like_uuid(name_or_id)):
        try:
            return get(name_or_id)
        except exceptions.NotFound:
            pass
    matches = [r for r in list_by_name(name_or_id) if r.get(name_attr) == name_or_id]
    if not matches:
        # NOTE: no code: the listing answered 200, no HTTP 404 happened.
        raise exceptions.ResourceNotFound(f"No {kind} with a name or ID of '{name_or_id}' exists.")
    if len(matches) > 1:
        raise exceptions.NoUniqueMatch(
            f"Multiple {kind} matches found for '{name_or_id}', use an ID to be more specific."
        )
    return matches[0]


def one_named(
    candidates: Iterable[R], name: str, *, kind: str, plural: str, name_attr: str = "name"
) -> R:
    """The one resource among ``candidates`` whose name is exactly ``name``.

    For the Image and Network APIs, whose ``name`` filters already match exactly
    (the check here also guards against a server that ignores the filter).

    Raises:
        ResourceNotFound: "No <kind> with a name or ID of 'x' exists."
        NoUniqueMatch: "Multiple <plural> match 'x'; use an ID."
    """
    matches = [r for r in candidates if r.get(name_attr) == name]
    if not matches:
        raise exceptions.ResourceNotFound(f"No {kind} with a name or ID of '{name}' exists.")
    if len(matches) > 1:
        raise exceptions.NoUniqueMatch(f"Multiple {plural} match '{name}'; use an ID.")
    return matches[0]


def has_attributes(resource: Resource, attrs: Mapping[str, Any]) -> bool:
    """True when every ``resource.<attr> == value`` (a missing attribute: False)."""
    for attr, value in attrs.items():
        try:
            if getattr(resource, attr) != value:
                return False
        except AttributeError:
            return False
    return True


class ManagerWithFind(Manager[R]):
    """A manager with python-novaclient's ``find(**attrs)`` and ``findall(**attrs)``.

    ``find("name-or-id")`` (ours, positional) stays the name-or-ID lookup of
    the managers that have one (``_find_name_or_id``).  A subclass moves the
    attributes Nova can filter on into its ``list()`` arguments with
    ``_findall_query``; the rest are matched here.
    """

    def find(self, name_or_id: str | None = None, /, **attrs: Any) -> R:
        """One resource: by name or ID (positional), or whose attributes equal ``attrs``.

        Args:
            name_or_id: a name or an ID (the managers that resolve names).
            attrs: attributes to match exactly, e.g. ``find(name="web-1")``.

        Returns:
            The one matching resource, with the listing's request ids.

        Raises:
            ResourceNotFound: "No <Class> matching {...}." (a ``NotFound``).
            NoUniqueMatch: several resources match.
            TypeError: both a name and attributes, or neither.
        """
        if name_or_id is not None:
            if attrs:
                raise TypeError("find() takes a name or ID, or attributes to match, not both")
            return self._find_name_or_id(name_or_id)
        if not attrs:
            raise TypeError("find() needs a name or ID, or attributes to match")
        matches = self.findall(**attrs)
        kind = self.resource_class.__name__
        if not matches:
            raise exceptions.ResourceNotFound(f"No {kind} matching {attrs}.")
        if len(matches) > 1:
            raise exceptions.NoUniqueMatch(
                f"Multiple {kind} matches found for {attrs}, use an ID to be more specific."
            )
        found = matches[0]
        found.request_ids = list(dict.fromkeys([*found.request_ids, *matches.request_ids]))
        return found

    def findall(self, **attrs: Any) -> ResourceList[R]:
        """Every resource whose attributes equal ``attrs`` (one listing, no GET per match).

        Returns:
            The matches, with the listing's request ids.

        Raises:
            What the manager's ``list()`` raises.
        """
        list_kwargs, remaining = self._findall_query(dict(attrs))
        listing: Iterable[R] = getattr(self, "list")(**list_kwargs)  # noqa: B009
        return ResourceList(
            [r for r in listing if has_attributes(r, remaining)],
            list(getattr(listing, "request_ids", [])),
        )

    def _findall_query(self, attrs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """``(list() keyword arguments, attributes left to match here)``."""
        return {}, attrs

    def _find_name_or_id(self, name_or_id: str) -> R:
        raise TypeError(
            f"{type(self).__name__}.find() matches attributes, e.g. find(name={name_or_id!r})"
        )
