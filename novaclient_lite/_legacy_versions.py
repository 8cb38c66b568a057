"""python-novaclient's module-level version helpers, for scripts that call them.

Re-exported by :mod:`novaclient_lite.api_versions` (``api_versions.get_api_version``
and the rest); the library itself negotiates through
:class:`~novaclient_lite.api_versions.VersionRequest` and
:func:`~novaclient_lite.api_versions.negotiate`, which these call.
"""

from __future__ import annotations

from typing import Any

from novaclient_lite import api_versions, exceptions

__all__ = [
    "API_MAX_VERSION",
    "API_MIN_VERSION",
    "HEADER_NAME",
    "LEGACY_HEADER_NAME",
    "MAX_API_VERSION",
    "MIN_API_VERSION",
    "check_major_version",
    "check_version",
    "discover_version",
    "get_api_version",
    "get_available_major_versions",
    "update_headers",
]


LEGACY_HEADER_NAME = api_versions.LEGACY_HEADER
HEADER_NAME = api_versions.HEADER
#: python-novaclient's names of the client's range (also ``novaclient.API_M*_VERSION``).
MIN_API_VERSION = API_MIN_VERSION = api_versions.MIN_VERSION
MAX_API_VERSION = API_MAX_VERSION = api_versions.MAX_VERSION


def get_available_major_versions() -> list[str]:
    """The major versions this client speaks: ``["2"]``."""
    return ["2"]


def check_major_version(api_version: api_versions.APIVersion) -> None:
    """Refuse a major version other than 2 (the null version passes).

    Raises:
        UnsupportedVersion: ``Invalid client version '3.0'. Major part should be '2'``.
    """
    if not api_version.is_null() and api_version.major != 2:
        raise exceptions.UnsupportedVersion(
            f"Invalid client version '{api_version.get_string()}'. Major part should be '2'"
        )


def check_version(api_version: api_versions.APIVersion) -> None:
    """Refuse a version outside 2.0 .. :data:`api_versions.MAX_VERSION` (the null version passes).

    Raises:
        UnsupportedVersion: naming the version and the bound it crosses.
    """
    if api_version.is_null():
        return
    if api_version < api_versions.APIVersion(2, 0):
        raise exceptions.UnsupportedVersion(
            f"Invalid client version '{api_version.get_string()}'. "
            f"Min version supported is '{api_versions.MIN_VERSION}'"
        )
    if api_version > api_versions.MAX_VERSION:
        raise exceptions.UnsupportedVersion(
            f"Invalid client version '{api_version.get_string()}'. "
            f"Max version supported is '{api_versions.MAX_VERSION}'"
        )


def get_api_version(version_string: str | int | float) -> api_versions.APIVersion:
    """python-novaclient's parser: ``"2"`` is 2.0, ``"2.45"``, ``"2.latest"``.

    Raises:
        UnsupportedVersion: malformed, or a major version other than 2.
    """
    text = str(version_string)
    version = api_versions.APIVersion(f"{text}.0" if text.strip().isdigit() else text)
    check_major_version(version)
    return version


def discover_version(
    client: Any, requested_version: api_versions.APIVersion
) -> api_versions.APIVersion:
    """The version to speak with ``client``'s server: ``requested_version`` if the
    server has it, or (for ``2.latest``) the newest both sides share.

    Sends the one discovery GET of the client, unless its range is known already.

    Raises:
        UnsupportedVersion: no version fits (both ranges in the message).
    """
    return api_versions.negotiate(
        api_versions.VersionRequest.parse(requested_version), client.api.server_versions
    )


def update_headers(headers: dict[str, str], api_version: api_versions.APIVersion) -> None:
    """Add the microversion headers of ``api_version`` to ``headers`` (none for 2.0 and null)."""
    if not api_version.is_latest():
        headers.update(api_version.headers())
