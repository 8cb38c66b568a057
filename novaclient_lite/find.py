"""Name-or-ID lookup: the one place for the rules.

ID first (one GET), then an exact name match among the resources the server
returns for a name filter.  Nova's ``name`` filters are regular expressions
(``bob`` also matches ``bobby``), so the exact match is checked here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from novaclient_lite import exceptions
from novaclient_lite.base import Resource

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
