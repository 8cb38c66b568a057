"""``novaclient`` -> ``novaclient_lite``: the compatibility suite's alias, one line per module.

Put this directory on ``sys.path`` and a script's ``from novaclient import client``
gets :mod:`novaclient_lite.client` (likewise ``exceptions`` and ``api_versions``).
"""

import sys

from novaclient_lite import __version__, api_versions, client, exceptions  # noqa: F401

sys.modules["novaclient.client"] = client
sys.modules["novaclient.exceptions"] = exceptions
sys.modules["novaclient.api_versions"] = api_versions
API_MIN_VERSION, API_MAX_VERSION = api_versions.MIN_API_VERSION, api_versions.MAX_API_VERSION
