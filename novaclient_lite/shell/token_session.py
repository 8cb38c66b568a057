"""A session with a known token and compute endpoint, over a ``requests.Session``.

``TokenSession`` duck-types the part of a keystoneauth1 ``Session`` that
:class:`novaclient_lite.http.HTTPClient` uses (``request``, ``get_endpoint``,
``get_auth_headers``, ``timeout``).  The shell uses it only when the
``--os-cache`` token cache is warm: the token, its expiry, the compute
endpoint and the version range come from the cache
(:class:`~novaclient_lite.shell.token_cache.Entry`), so the command imports
requests but none of keystoneauth1's identity plugins.  When the token is
refused (401) or about to expire, ``reauth`` logs in again (the shell does it
through keystoneauth1) once, and the request is resent once, as keystoneauth1
does.

HTTP is requests' (:class:`RequestsTransport`): TLS verification,
``--insecure``, ``--os-cacert``, client certificates and proxies work as they
do for every other command, and a failure is classified by
:mod:`novaclient_lite.transport`, as over keystoneauth1, so that the same
requests are retried.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import session as sessions
from novaclient_lite import transport as transports
from novaclient_lite.services import SERVICE_TYPES
from novaclient_lite.shell.token_cache import Entry

if TYPE_CHECKING:
    import requests

#: Seconds before a known expiry at which the session logs in again first.
EXPIRY_MARGIN = 30.0


class RequestsTransport:
    """Sends over a ``requests.Session``; its failures become ``TransportError``."""

    def __init__(
        self,
        session: requests.Session,
        *,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        timeout: float | None = None,
    ) -> None:
        self.session = session
        self.verify = verify
        self.cert = cert
        self.timeout = timeout or transports.DEFAULT_TIMEOUT

    def request(
        self,
        method: str,
        url: str,
        *,
        data: Any = None,
        params: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> requests.Response:
        """One request; redirects are not followed and the body is streamed.

        Raises:
            TransportError: connect, TLS, timeout or a broken connection
                (:func:`novaclient_lite.transport.classify`).
        """
        import requests

        try:
            return self.session.request(
                method,
                url,
                data=data,
                params=params,
                headers=dict(headers or {}),
                timeout=timeout or self.timeout,
                verify=self.verify,
                cert=self.cert,
                allow_redirects=False,
                stream=True,
            )
        except requests.exceptions.RequestException as exc:
            failure = transports.classify(exc, method, url)
            if failure is None:  # pragma: no cover - classify knows every RequestException
                raise
            raise failure from exc

    def close(self) -> None:
        self.session.close()


class TokenSession:
    """A session with a fixed token and compute endpoint (see the module docstring).

    Args:
        transport: sends the requests.
        login: the token, its expiry, the compute endpoint ``get_endpoint``
            returns and the scope ids.
        reauth: called on a 401 (or near the expiry) to log in again; returns
            the new :class:`~novaclient_lite.shell.token_cache.Entry`.
        on_response: called as (method, url, status, seconds) for every response.
        app: the application named in the User-Agent.
    """

    def __init__(
        self,
        transport: RequestsTransport,
        login: Entry,
        *,
        reauth: Callable[[], Entry] | None = None,
        on_response: Callable[[str, str, int, float], None] | None = None,
        app: str = "nova",
    ) -> None:
        self.transport = transport
        self.login = login
        self.reauth = reauth
        self.on_response = on_response
        self.timeout = transport.timeout
        self.user_agent = sessions.user_agent(app)
        self._lock = threading.Lock()  # one re-login at a time (multi-target commands)

    def get_endpoint(self, **filters: Any) -> str | None:
        """The compute endpoint; for the image or network service, the one the login saw."""
        kind = filters.get("service_type")
        if kind in SERVICE_TYPES:
            return self.login.services.get(kind)
        return self.login.endpoint

    def get_auth_headers(self, **kwargs: Any) -> dict[str, str]:
        return {"X-Auth-Token": self.login.token}

    def get_project_id(self) -> str | None:
        return self.login.project_id

    def get_user_id(self) -> str | None:
        return self.login.user_id

    def get_token(self) -> str:
        return self.login.token

    def request(
        self,
        url: str,
        method: str,
        *,
        data: Any = None,
        params: Any = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        timeout: float | None = None,
        **_ignored: Any,
    ) -> requests.Response:
        """Send (like keystoneauth1's ``Session.request``, never raising for a status).

        Raises:
            TransportError: the request could not be completed.
        """
        all_headers = {"User-Agent": self.user_agent, **(headers or {})}
        expires_at = self.login.expires_at
        if (
            authenticated
            and expires_at is not None
            and self.reauth is not None
            and time.time() >= expires_at - EXPIRY_MARGIN
        ):
            self._relogin(self.login.token)  # about to expire: log in first, as keystoneauth1
        if authenticated:
            all_headers["X-Auth-Token"] = self.login.token
        response = self._send(method, url, data, params, all_headers, timeout)
        if response.status_code == 401 and authenticated and self.reauth is not None:
            response.close()
            self._relogin(stale=all_headers["X-Auth-Token"])  # once per request, as keystoneauth1
            all_headers["X-Auth-Token"] = self.login.token
            response = self._send(method, url, data, params, all_headers, timeout)
        return response

    def _relogin(self, stale: str) -> None:
        """Log in again, unless another thread already replaced the ``stale`` token."""
        assert self.reauth is not None
        with self._lock:
            if self.login.token != stale:
                return
            fresh, old = self.reauth(), self.login
            self.login = fresh.replace(
                endpoint=fresh.endpoint or old.endpoint,
                project_id=fresh.project_id or old.project_id,
                user_id=fresh.user_id or old.user_id,
                versions=fresh.versions or old.versions,
            )

    def _send(
        self,
        method: str,
        url: str,
        data: Any,
        params: Any,
        headers: dict[str, str],
        timeout: float | None,
    ) -> requests.Response:
        started = time.monotonic()
        response = self.transport.request(
            method, url, data=data, params=params, headers=headers, timeout=timeout
        )
        if self.on_response is not None:
            self.on_response(method, url, response.status_code, time.monotonic() - started)
        return response
