"""novaclient_lite: a lean, fast client for the OpenStack Compute (Nova) API.

``from novaclient_lite import Client`` is the entry point for scripts; the
``nova`` command line lives in :mod:`novaclient_lite.shell`, which this package
never imports.  Importing this package is cheap: ``Client`` is resolved on
first use, so ``import novaclient_lite`` loads neither requests nor
keystoneauth1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Client", "__version__"]

if TYPE_CHECKING:
    from novaclient_lite.client import Client


def __getattr__(name: str) -> Any:
    if name == "Client":
        from novaclient_lite.client import Client

        return Client
    if name in ("API_MIN_VERSION", "API_MAX_VERSION"):  # python-novaclient's names
        from novaclient_lite import api_versions

        return getattr(api_versions, name)
    raise AttributeError(f"module 'novaclient_lite' has no attribute {name!r}")
