"""A session with a known token and compute endpoint, over a ``requests.Session``.

``TokenSession`` duck-types the part of a keystoneauth1 ``Session`` that
:class:`novaclient_lite.http.HTTPClient` uses (``request``, ``get_endpoint``,
``get_auth_headers``, ``timeout``).  The shell uses it only when the
``--os-cache`` token cache is warm: the token, its expiry, the compute
endpoint and the version range come from the cache, so the command imports
requests but none of keystoneauth1's identity plugins.  When the token is
refused (401) or about to expire, ``reauth`` logs in again (the shell does it
through keystoneauth1) once, and the request is resent once, as keystoneauth1
does.

HTTP is requests' (:class:`RequestsTransport`): TLS verification,
``--insecure``, ``--os-cacert``, client certificates and proxies work as they
do for every other command.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

DEFAULT_TIMEOUT = 60.0
#: Seconds before a known expiry at which the session logs in again first.
EXPIRY_MARGIN = 30.0


class TransportError(Exception):
    """The request failed below HTTP (connect, TLS, timeout, broken connection).

    ``never_sent``: provably not received by the server (safe to resend a POST).
    ``timeout``: a connect or read timeout.
    """

    def __init__(self, message: str, *, never_sent: bool = False, timeout: bool = False,
                 tls: bool = False) -> None:
        super().__init__(message)
        self.never_sent = never_sent
        self.timeout = timeout
        self.tls = tls


class RequestsTransport:
    """Sends over a ``requests.Session``; requests' failures become :class:`TransportError`."""

    def __init__(self, session: Any, *, verify: bool | str = True,
                 cert: str | tuple[str, str] | None = None, timeout: float | None = None) -> None:
        self.session = session
        self.verify = verify
        self.cert = cert
        self.timeout = timeout or DEFAULT_TIMEOUT

    def request(self, method: str, url: str, *, data: Any = None, params: Any = None,
                headers: Mapping[str, str] | None = None, timeout: float | None = None) -> Any:
        """One request; redirects are not followed and the body is streamed.

        Raises:
            TransportError: connect, TLS, timeout or a broken connection.
        """
        import requests

        try:
            return self.session.request(method, url, data=data, params=params,
                                        headers=dict(headers or {}),
                                        timeout=timeout or self.timeout, verify=self.verify,
                                        cert=self.cert, allow_redirects=False, stream=True)
        except requests.exceptions.SSLError as exc:
            raise TransportError(f"TLS error talking to {url}: {_short(exc)}", tls=True,
                                 never_sent=True) from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise TransportError(f"{method} {url} timed out connecting.", timeout=True,
                                 never_sent=True) from exc
        except requests.exceptions.Timeout as exc:
            raise TransportError(f"{method} {url} timed out reading the response.",
                                 timeout=True) from exc
        except requests.exceptions.ConnectionError as exc:
            never = any(sign in str(exc) for sign in (
                "NewConnectionError", "Connection refused", "NameResolutionError",
                "Failed to resolve"))
            if never:
                raise TransportError(f"Unable to reach {url}: {_short(exc)}",
                                     never_sent=True) from exc
            raise TransportError(f"The connection broke during {method} {url}: "
                                 f"{_short(exc)}") from exc

    def close(self) -> None:
        self.session.close()


def _short(exc: object, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def user_agent(app: str = "nova") -> str:
    from novaclient_lite import __version__

    return f"{app}/{__version__} novaclient-lite/{__version__}"


class Grant:
    """A usable login: token, expiry (epoch seconds), compute endpoint, scope ids."""

    def __init__(self, token: str, expires_at: float | None, endpoint: str | None = None,
                 project_id: str | None = None, user_id: str | None = None) -> None:
        self.token = token
        self.expires_at = expires_at
        self.endpoint = endpoint
        self.project_id = project_id
        self.user_id = user_id


class TokenSession:
    """A session with a fixed token and compute endpoint (see the module docstring).

    Args:
        transport: sends the requests.
        token: the X-Auth-Token to send.
        endpoint: the compute endpoint ``get_endpoint`` returns.
        reauth: called on a 401 (or near ``expires_at``) to log in again;
            returns a :class:`Grant`.
        on_response: called as (method, url, status, seconds) for every response.
    """

    def __init__(self, transport: RequestsTransport, token: str, endpoint: str | None, *,
                 reauth: Callable[[], Grant] | None = None,
                 expires_at: float | None = None, project_id: str | None = None,
                 user_id: str | None = None,
                 on_response: Callable[[str, str, int, float], None] | None = None,
                 app: str = "nova") -> None:
        self.transport = transport
        self.token = token
        self.endpoint = endpoint
        self.reauth = reauth
        self.expires_at = expires_at
        self.project_id = project_id
        self.user_id = user_id
        self.on_response = on_response
        self.timeout = transport.timeout
        self.user_agent = user_agent(app)
        self._lock = threading.Lock()  # one re-login at a time (multi-target commands)

    def get_endpoint(self, **filters: Any) -> str | None:
        return self.endpoint

    def get_auth_headers(self, **kwargs: Any) -> dict[str, str]:
        return {"X-Auth-Token": self.token}

    def get_project_id(self) -> str | None:
        return self.project_id

    def get_user_id(self) -> str | None:
        return self.user_id

    def get_token(self) -> str:
        return self.token

    def request(self, url: str, method: str, *, data: Any = None, params: Any = None,
                headers: Mapping[str, str] | None = None, authenticated: bool = True,
                timeout: float | None = None, **_ignored: Any) -> Any:
        """Send (like keystoneauth1's ``Session.request``, never raising for a status).

        Raises:
            TransportError: the request could not be completed.
        """
        all_headers = {"User-Agent": self.user_agent, **(headers or {})}
        if authenticated and self.expires_at is not None and self.reauth is not None \
                and time.time() >= self.expires_at - EXPIRY_MARGIN:
            self._relogin(self.token)  # about to expire: log in first, as keystoneauth1 does
        if authenticated:
            all_headers["X-Auth-Token"] = self.token
        response = self._send(method, url, data, params, all_headers, timeout)
        if response.status_code == 401 and authenticated and self.reauth is not None:
            response.close()
            self._relogin(stale=all_headers["X-Auth-Token"])  # once per request, as keystoneauth1
            all_headers["X-Auth-Token"] = self.token
            response = self._send(method, url, data, params, all_headers, timeout)
        return response

    def _relogin(self, stale: str) -> None:
        """Log in again, unless another thread already replaced the ``stale`` token."""
        assert self.reauth is not None
        with self._lock:
            if self.token != stale:
                return
            grant = self.reauth()
            self.token, self.expires_at = grant.token, grant.expires_at
            self.endpoint = grant.endpoint or self.endpoint
            self.project_id = grant.project_id or self.project_id
            self.user_id = grant.user_id or self.user_id

    def _send(self, method: str, url: str, data: Any, params: Any, headers: dict[str, str],
              timeout: float | None) -> Any:
        started = time.monotonic()
        response = self.transport.request(method, url, data=data, params=params,
                                          headers=headers, timeout=timeout)
        if self.on_response is not None:
            self.on_response(method, url, response.status_code, time.monotonic() - started)
        return response
