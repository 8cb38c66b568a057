"""The ``requests.Session`` under the sessions this library builds: it reads the
proxy environment once per host, not on every request.

requests consults the environment on every request it sends (``trust_env``):
it scans all of ``os.environ`` twice for ``*_proxy`` variables, matches
``no_proxy`` against the host and reads ``REQUESTS_CA_BUNDLE``.  On the
benchmark machine that is ~0.4 ms of a 2.5 ms GET, more than all of this
library's own work above keystoneauth1.  :class:`ProxyEnvironmentOnce` keeps
requests' own answer per origin and settings, and asks requests again when a
variable that decides it changes; a request then costs a dozen environment
lookups.  The environment still decides: ``HTTPS_PROXY``, ``NO_PROXY`` and
``REQUESTS_CA_BUNDLE`` work as they do with plain requests.

A caller's own keystoneauth1 session is used as it is (its requests session
is not swapped), so it pays requests' full price.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping
from typing import Any

import requests

#: The variables requests' environment answer depends on for http(s) URLs (it
#: prefers the lower-case spelling); ``REQUEST_METHOD`` marks a CGI process, where
#: ``HTTP_PROXY`` is ignored.  A mixed-case spelling (``Https_Proxy``), which urllib
#: also reads, and the system settings of macOS and Windows are read once per origin.
WATCHED_VARIABLES = (
    *(
        spelling
        for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
        for spelling in (name, name.upper())
    ),
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "REQUEST_METHOD",
)
#: Distinct (origin, settings) answers kept; more are a sign of churn, not of hosts.
MAX_ANSWERS = 64


class ProxyEnvironmentOnce(requests.Session):
    """A ``requests.Session`` whose environment lookup is remembered per origin."""

    def __init__(self) -> None:
        super().__init__()
        self._answers: dict[Hashable, dict[str, Any]] = {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """An unpickled session asks afresh (requests pickles only its own settings)."""
        super().__setstate__(state)  # type: ignore[misc]  # not in the requests stubs
        self._answers = {}

    def merge_environment_settings(
        self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any
    ) -> Any:
        """requests' ``merge_environment_settings``, computed once per origin and settings."""
        key = self._key(url, proxies, stream, verify, cert) if isinstance(url, str) else None
        if key is None:  # an unhashable setting: ask requests every time
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        answer: Any = self._answers.get(key)
        if answer is None:
            if len(self._answers) >= MAX_ANSWERS:
                self._answers.clear()
            given = dict(proxies) if proxies is not None else None  # requests fills it in
            answer = super().merge_environment_settings(url, given, stream, verify, cert)
            self._answers[key] = answer
        # NOTE: a copy of the proxies: the answer is shared by every later request.
        return {**answer, "proxies": dict(answer["proxies"])}

    def _key(self, url: str, proxies: Any, stream: Any, verify: Any, cert: Any) -> Hashable:
        """Everything requests' answer depends on, or None when a part is not hashable."""
        scheme, _, rest = url.partition("://")
        origin = (scheme.lower(), rest.split("/", 1)[0].split("?", 1)[0])
        environment = tuple(map(os.environ.get, WATCHED_VARIABLES))
        try:
            key = (
                origin,
                environment,
                self.trust_env,
                _frozen(proxies),
                _frozen(self.proxies),
                stream,
                self.stream,
                verify,
                self.verify,
                cert,
                self.cert,
            )
            hash(key)
        except TypeError:
            return None
        return key


def _frozen(proxies: Mapping[str, str] | None) -> tuple[tuple[str, str], ...] | None:
    return None if proxies is None else tuple(sorted(proxies.items()))


def new_session() -> requests.Session:
    """A :class:`ProxyEnvironmentOnce` with keystoneauth1's TCP keep-alive adapter, as
    keystoneauth1 mounts it on the sessions it builds itself."""
    from keystoneauth1.session import TCPKeepAliveAdapter

    http = ProxyEnvironmentOnce()
    adapter = TCPKeepAliveAdapter()
    for scheme in list(http.adapters):
        http.mount(scheme, adapter)
    return http
