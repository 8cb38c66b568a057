"""The versioned client factory: ``Client(version, ...)``.

    >>> from novaclient_lite import Client
    >>> nova = Client("2.latest", session=keystone_session)
    >>> nova.flavors.list()

It takes python-novaclient 18.13.1's form as it is:
``Client(version, username, password, project_id, auth_url, **kwargs)``; its
deprecated argument names are accepted with a ``DeprecationWarning`` (and
renamed, as python-novaclient renames them).  Only major version 2 exists;
``v2`` is imported here, on demand, so that ``import novaclient_lite`` stays
cheap.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

from novaclient_lite import api_versions

if TYPE_CHECKING:
    from novaclient_lite.v2.client import Client as ClientV2

#: python-novaclient's deprecated arguments: the name that replaces each, or None
#: (accepted and ignored: nothing here has that meaning any more).
DEPRECATED_ARGUMENTS: dict[str, str | None] = {
    "auth_plugin": None,
    "auth_system": None,
    "bypass_url": "endpoint_override",
    "api_key": "password",
    "tenant_name": "project_name",
    "tenant_id": "project_id",
    "proxy_tenant_id": None,
    "proxy_token": None,
    "connection_pool": None,
    "volume_service_name": None,
}
#: Accepted and dropped by python-novaclient's factory without a warning.
_DROPPED = ("direct_use", "profile")


def Client(  # capitalised: python-novaclient's name for the factory
    version: str | api_versions.APIVersion = "auto",
    username: str | None = None,
    password: str | None = None,
    project_id: str | None = None,
    auth_url: str | None = None,
    **kwargs: Any,
) -> ClientV2:
    """Build a compute client for ``version``.

    Args:
        version: ``"auto"`` (negotiate; the default), ``"2.latest"``, ``"2"``
            (no microversion), ``"2.N"`` or an ``APIVersion``.
        username, password: a Keystone password login (with ``auth_url``).
        project_id: the project's *ID*, as python-novaclient uses it (give
            ``project_name=`` for a name).
        auth_url: the Keystone URL.
        **kwargs: see :class:`novaclient_lite.v2.client.Client`; also
            python-novaclient's deprecated names (:data:`DEPRECATED_ARGUMENTS`,
            ``no_cache``), each with a ``DeprecationWarning``.

    Raises:
        UnsupportedVersion: for a malformed version or a major other than 2.
        TypeError: for an argument neither client knows (named in the message).
    """
    request = api_versions.VersionRequest.parse(version)
    for name, value in (
        ("username", username),
        ("password", password),
        ("project_id", project_id),
        ("auth_url", auth_url),
    ):
        if value is not None:
            kwargs[name] = value
    _rename_deprecated(kwargs)
    for name in _DROPPED:
        kwargs.pop(name, None)
    from novaclient_lite.v2.client import Client as ClientV2

    return ClientV2(version_request=request, **kwargs)


def _rename_deprecated(kwargs: dict[str, Any]) -> None:
    """Warn about and rename (or drop) python-novaclient's deprecated arguments."""
    if "no_cache" in kwargs:
        no_cache = kwargs.pop("no_cache")
        kwargs.setdefault("os_cache", not no_cache)
        _warn("no_cache", "os_cache")
    for old, new in DEPRECATED_ARGUMENTS.items():
        if old not in kwargs:
            continue
        value = kwargs.pop(old)
        if new is not None and new not in kwargs:
            kwargs[new] = value
        _warn(old, new, ignored=new is not None and kwargs[new] is not value)


def _warn(old: str, new: str | None, *, ignored: bool = False) -> None:
    if new is None:
        text = f"The '{old}' argument is deprecated and has no effect."
    elif ignored:
        text = f"The '{old}' argument is deprecated; as '{new}' is given, '{old}' is ignored."
    else:
        text = f"The '{old}' argument is deprecated; use '{new}' instead."
    # NOTE: stacklevel 4: the caller of Client(), past _warn and _rename_deprecated.
    warnings.warn(text, DeprecationWarning, stacklevel=4)
