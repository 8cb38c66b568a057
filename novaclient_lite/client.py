"""The versioned client factory: ``Client(version, ...)``.

    >>> from novaclient_lite import Client
    >>> nova = Client("2.latest", session=keystone_session)
    >>> nova.flavors.list()

Only major version 2 exists; ``v2`` is imported here, on demand, so that
``import novaclient_lite`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from novaclient_lite import api_versions

if TYPE_CHECKING:
    from novaclient_lite.v2.client import Client as ClientV2

_POSITIONAL = ("username", "password", "project_name", "auth_url")


def Client(  # capitalised: python-novaclient's name for the factory
    version: str | api_versions.APIVersion = "auto", *args: Any, **kwargs: Any
) -> ClientV2:
    """Build a compute client for ``version``.

    Args:
        version: ``"auto"`` (negotiate; the default), ``"2.latest"``, ``"2"``
            (no microversion) or ``"2.N"``.
        *args: python-novaclient's positional form
            ``(username, password, project_name, auth_url)``.
        **kwargs: see :class:`novaclient_lite.v2.client.Client`.

    Raises:
        UnsupportedVersion: for a malformed version or a major other than 2.
    """
    request = api_versions.VersionRequest.parse(version)
    if len(args) > len(_POSITIONAL):
        raise TypeError(f"Client() takes at most {len(_POSITIONAL)} positional credentials")
    for name, value in zip(_POSITIONAL, args, strict=False):
        if name in kwargs:
            raise TypeError(f"Client() got multiple values for argument {name!r}")
        kwargs[name] = value
    from novaclient_lite.v2.client import Client as ClientV2

    return ClientV2(version_request=request, **kwargs)
