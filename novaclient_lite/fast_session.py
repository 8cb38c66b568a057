"""A lean HTTP transport on :mod:`http.client`, and a fixed-token session over it.

``TokenSession`` duck-types the part of a keystoneauth1 ``Session`` that
:class:`novaclient_lite.http.HTTPClient` uses (``request``, ``get_endpoint``,
``get_auth_headers``, ``timeout``), with a known token and compute endpoint.
It lets the shell skip importing keystoneauth1 and requests (about 70 ms of
a command's start-up) when it can log in itself (:func:`password_login`) or
has a cached token.  On a 401 it calls ``reauth`` once (a real login) and
resends the request once, like keystoneauth1.

The transport keeps one keep-alive connection per host; TLS follows the same
options as requests (``verify``: True, False or a CA bundle path; ``cert``:
a PEM path or a (cert, key) pair; ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE``
and certifi's bundle when verify is True).  Proxies are not supported: callers
check :func:`proxy_configured` and use keystoneauth1 + requests instead.
"""

from __future__ import annotations

import http.client
import json as jsonlib
import os
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

DEFAULT_TIMEOUT = 60.0
#: Idle keep-alive connections kept per host (urllib3's default pool size).
POOL_SIZE = 10
#: Seconds before a known expiry at which the session logs in again first.
EXPIRY_MARGIN = 30.0
_PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy")


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


def proxy_configured(env: Mapping[str, str]) -> bool:
    """True when ``env`` sets an HTTP proxy (requests would use it; this transport cannot)."""
    return any(env.get(name) or env.get(name.upper()) for name in _PROXY_VARS)


class Headers(Mapping[str, str]):
    """Case-insensitive, read-only response headers (repeated ones joined with ', ')."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._items: dict[str, tuple[str, str]] = {}
        for key, value in pairs:
            low = key.lower()
            if low in self._items:
                value = f"{self._items[low][1]}, {value}"
                key = self._items[low][0]
            self._items[low] = (key, value)

    def __getitem__(self, key: str) -> str:
        return self._items[key.lower()][1]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._items

    def get(self, key: str, default: Any = None) -> Any:
        item = self._items.get(key.lower())
        return default if item is None else item[1]

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class FastResponse:
    """The parts of ``requests.Response`` that HTTPClient reads."""

    def __init__(self, raw: http.client.HTTPResponse, method: str, url: str,
                 elapsed: float, done: Callable[[FastResponse], None]) -> None:
        self.raw = raw
        self.status_code = raw.status
        self.reason = raw.reason
        self.headers = Headers(raw.getheaders())
        self.method = method
        self.url = url
        self.elapsed = elapsed
        self._done: Callable[[FastResponse], None] | None = done
        self._content: bytes | None = None
        self.encoding = _charset(self.headers.get("content-type", ""))

    def iter_content(self, chunk_size: int = 64 * 1024) -> Iterator[bytes]:
        if self._content is not None:
            yield self._content
            return
        # NOTE: few, large reads; a declared length is read at once (one buffer, and
        # b"".join of a single chunk does not copy it).
        size = max(chunk_size, 1 << 20, self.raw.length or 0)
        while True:
            try:
                chunk = self.raw.read(size)
            except (TimeoutError, OSError, http.client.HTTPException) as exc:
                self.raw.close()
                raise _error(exc, self.method, self.url, sent=True) from exc
            if not chunk:
                missing = self.raw.length
                if missing:  # http.client does not raise for a short body read in parts
                    self.raw.close()
                    raise TransportError(
                        f"The connection broke during {self.method} {self.url}: the body "
                        f"ended {missing} bytes before its Content-Length.")
                return
            yield chunk

    @property
    def content(self) -> bytes:
        if self._content is None:
            self._content = b"".join(self.iter_content())
            self.close()
        return self._content

    def json(self) -> Any:
        return jsonlib.loads(self.content)

    def close(self) -> None:
        """Release the connection for reuse (or drop it when the body was not read); once."""
        done, self._done = self._done, None
        if done is not None:
            done(self)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return "ISO-8859-1" if content_type.startswith("text/") else None


def _error(exc: BaseException, method: str, url: str, *, sent: bool) -> TransportError:
    import ssl

    if isinstance(exc, TimeoutError):
        what = "reading the response" if sent else "connecting"
        return TransportError(f"{method} {url} timed out {what}.", timeout=True,
                              never_sent=not sent)
    if isinstance(exc, ssl.SSLError) or isinstance(exc, ssl.CertificateError):
        return TransportError(f"TLS error talking to {url}: {exc}", tls=True,
                              never_sent=not sent)
    text = " ".join(str(exc).split()) or type(exc).__name__
    if sent:
        return TransportError(f"The connection broke during {method} {url}: {text}")
    return TransportError(f"Unable to reach {url}: {text}", never_sent=True)


class Transport:
    """HTTP/1.1 with one keep-alive connection per (scheme, host, port)."""

    def __init__(self, *, verify: bool | str = True, cert: str | tuple[str, str] | None = None,
                 timeout: float | None = None) -> None:
        self.verify = verify
        self.cert = cert
        self.timeout = timeout or DEFAULT_TIMEOUT
        # NOTE: a small pool per host: the shell's multi-target commands send from threads.
        self._idle: dict[tuple[str, str, int], list[http.client.HTTPConnection]] = {}
        self._tls: Any = None

    def _context(self) -> Any:
        if self._tls is None:
            import ssl

            if self.verify is False:
                ctx = ssl.create_default_context()
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
            else:
                bundle = self.verify if isinstance(self.verify, str) else _default_bundle()
                if bundle and os.path.isdir(bundle):
                    ctx = ssl.create_default_context(capath=bundle)
                else:
                    ctx = ssl.create_default_context(cafile=bundle)
            if self.cert:
                certfile, keyfile = (self.cert if isinstance(self.cert, tuple)
                                     else (self.cert, None))
                ctx.load_cert_chain(certfile, keyfile)
            self._tls = ctx
        return self._tls

    def _connection(self, key: tuple[str, str, int], timeout: float) -> http.client.HTTPConnection:
        idle = self._idle.setdefault(key, [])
        while True:
            try:
                conn = idle.pop()
            except IndexError:
                break
            if conn.sock is not None and not _dropped(conn.sock):
                conn.sock.settimeout(timeout)
                return conn
            conn.close()
        scheme, host, port = key
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=timeout,
                                               context=self._context())
        return http.client.HTTPConnection(host, port, timeout=timeout)

    def request(self, method: str, url: str, *, body: bytes | None = None,
                headers: Mapping[str, str] | None = None,
                timeout: float | None = None) -> FastResponse:
        """Send one request; the response body is read lazily (``iter_content``).

        Raises:
            TransportError: connect, TLS, timeout or a broken connection.
        """
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise TransportError(f"Unsupported URL {url!r}.", never_sent=True)
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as exc:
            raise TransportError(f"Unsupported URL {url!r}: {exc}", never_sent=True) from exc
        key = (scheme, parts.hostname, port)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = self._connection(key, timeout or self.timeout)
        started = time.monotonic()
        try:
            if conn.sock is None:
                conn.connect()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise _error(exc, method, url, sent=False) from exc
        try:
            conn.request(method, target, body=body, headers=dict(headers or {}))
            raw = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            raise _error(exc, method, url, sent=True) from exc

        def done(response: FastResponse) -> None:
            if raw.isclosed() and not raw.will_close and conn.sock is not None:
                idle = self._idle.setdefault(key, [])
                if len(idle) < POOL_SIZE:
                    idle.append(conn)  # fully read: reuse
                    return
            if not raw.isclosed():
                raw.close()
            conn.close()

        return FastResponse(raw, method, url, time.monotonic() - started, done)

    def close(self) -> None:
        for idle in self._idle.values():
            while idle:
                idle.pop().close()
        self._idle.clear()


class RequestsTransport:
    """The same interface over a ``requests.Session`` (proxies, mounted adapters, mocks)."""

    def __init__(self, session: Any, *, verify: bool | str = True,
                 cert: str | tuple[str, str] | None = None, timeout: float | None = None) -> None:
        self.session = session
        self.verify = verify
        self.cert = cert
        self.timeout = timeout or DEFAULT_TIMEOUT

    def request(self, method: str, url: str, *, body: bytes | None = None,
                headers: Mapping[str, str] | None = None, timeout: float | None = None) -> Any:
        import requests

        try:
            return self.session.request(method, url, data=body, headers=dict(headers or {}),
                                        timeout=timeout or self.timeout, verify=self.verify,
                                        cert=self.cert, allow_redirects=False, stream=True)
        except requests.exceptions.SSLError as exc:
            raise TransportError(f"TLS error talking to {url}: {exc}", tls=True,
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


def make_transport(env: Mapping[str, str], *, verify: bool | str = True,
                   cert: str | tuple[str, str] | None = None,
                   timeout: float | None = None) -> Transport | RequestsTransport:
    """The lean transport, or requests when it is loaded already or a proxy is set.

    The lean transport exists to spare a command the import of requests; once
    requests is loaded (by a plugin, an embedding program, a test's mock) it
    costs nothing more, and it honours proxies and mounted adapters.
    """
    import sys

    if "requests" in sys.modules or proxy_configured(env):
        import requests

        return RequestsTransport(requests.Session(), verify=verify, cert=cert, timeout=timeout)
    return Transport(verify=verify, cert=cert, timeout=timeout)


def _dropped(sock: Any) -> bool:
    """An idle keep-alive socket that is readable was closed (or garbled) by the peer."""
    import select

    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _default_bundle() -> str | None:
    """The CA bundle requests would use with ``verify=True``."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import certifi
    except ImportError:
        return None
    return str(certifi.where())


def user_agent(app: str = "nova") -> str:
    from novaclient_lite import __version__

    return f"{app}/{__version__} novaclient-lite/{__version__}"


class TokenSession:
    """A session with a fixed token and compute endpoint (see the module docstring).

    Args:
        transport: the connections.
        token: the X-Auth-Token to send.
        endpoint: the compute endpoint ``get_endpoint`` returns.
        reauth: called on a 401 (or near ``expires_at``, or with no token yet) to
            log in; returns a :class:`Grant`.
        on_response: called as (method, url, status, seconds) for every response.
    """

    def __init__(self, transport: Transport | RequestsTransport, token: str | None,
                 endpoint: str | None, *,
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
        import threading

        self._lock = threading.Lock()  # one re-login at a time (multi-target commands)

    def get_endpoint(self, **filters: Any) -> str | None:
        if self.token is None and self.endpoint is None and self.reauth is not None:
            self._relogin(self.token)  # the endpoint comes from the login's catalog
        return self.endpoint

    def get_auth_headers(self, **kwargs: Any) -> dict[str, str]:
        return {"X-Auth-Token": self.get_token()}

    def get_project_id(self) -> str | None:
        if self.project_id is None and self.token is None and self.reauth is not None:
            self._relogin(self.token)
        return self.project_id

    def get_user_id(self) -> str | None:
        if self.user_id is None and self.token is None and self.reauth is not None:
            self._relogin(self.token)
        return self.user_id

    def get_token(self) -> str:
        if self.token is None:
            if self.reauth is None:
                raise TransportError("No token and no way to log in.", never_sent=True)
            self._relogin(self.token)
        assert self.token is not None
        return self.token

    def request(self, url: str, method: str, *, data: Any = None, json: Any = None,
                params: Any = None, headers: Mapping[str, str] | None = None,
                raise_exc: bool = False, authenticated: bool = True,
                timeout: float | None = None, **_ignored: Any) -> Any:
        """Send (like keystoneauth1's ``Session.request``, never raising for a status).

        Raises:
            TransportError: the request could not be completed.
        """
        if params:
            url = url + ("&" if "?" in url else "?") + _encode(params)
        all_headers = {"User-Agent": self.user_agent}
        if headers:
            all_headers.update(headers)
        if json is not None:
            data = jsonlib.dumps(json)
            all_headers.setdefault("Content-Type", "application/json")
        body = data.encode() if isinstance(data, str) else data
        if authenticated and self.expires_at is not None and self.reauth is not None \
                and time.time() >= self.expires_at - EXPIRY_MARGIN:
            self._relogin(self.token)  # about to expire: log in first, as keystoneauth1 does
        if authenticated:
            all_headers["X-Auth-Token"] = self.get_token()
        response = self._send(method, url, body, all_headers, timeout)
        if response.status_code == 401 and authenticated and self.reauth is not None:
            response.content  # noqa: B018 - read, so the connection is reused
            self._relogin(stale=all_headers["X-Auth-Token"])  # once per request, as keystoneauth1
            all_headers["X-Auth-Token"] = self.get_token()
            response = self._send(method, url, body, all_headers, timeout)
        return response

    def _relogin(self, stale: str | None) -> None:
        """Log in again, unless another thread already replaced the ``stale`` token."""
        assert self.reauth is not None
        with self._lock:
            if self.token != stale:
                return
            self._apply(self.reauth())

    def _apply(self, grant: Grant) -> None:
        self.token, self.expires_at = grant.token, grant.expires_at
        self.endpoint = grant.endpoint or self.endpoint
        self.project_id = grant.project_id or self.project_id
        self.user_id = grant.user_id or self.user_id

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
              timeout: float | None) -> Any:
        started = time.monotonic()
        response = self.transport.request(method, url, body=body, headers=headers,
                                          timeout=timeout)
        if self.on_response is not None:
            self.on_response(method, url, response.status_code, time.monotonic() - started)
        return response


def _encode(params: Any) -> str:
    """requests' query encoding: None values dropped, sequences repeated."""
    from urllib.parse import urlencode

    pairs = params.items() if isinstance(params, Mapping) else params
    out: list[tuple[str, Any]] = []
    for key, value in pairs:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            out.extend((key, v) for v in value if v is not None)
        else:
            out.append((key, value))
    return urlencode(out)


# -- keystoneauth1 sessions -------------------------------------------------------------


def lean_sender(session: Any) -> KeystoneSender | None:
    """A lean sender for a plain keystoneauth1 ``Session``, or None to use the session.

    Plain: exactly keystoneauth1's Session over an unmodified ``requests.Session``
    (no hooks, proxies, auth, cookies, params, extra adapters) and requests itself
    not patched (requests-mock, responses, vcrpy...).  Anything else keeps every
    request on the session, as given.
    """
    import sys

    ksa = sys.modules.get("keystoneauth1.session")
    requests = sys.modules.get("requests")
    if ksa is None or requests is None or type(session) is not ksa.Session:
        return None
    http: Any = getattr(session, "session", None)
    if type(http) is not requests.Session:
        return None
    adapters = requests.adapters
    patched = any(getattr(fn, "__module__", None) != module for fn, module in (
        (requests.Session.send, "requests.sessions"),
        (requests.Session.request, "requests.sessions"),
        (requests.Session.get_adapter, "requests.sessions"),
        (adapters.HTTPAdapter.send, "requests.adapters")))
    if patched or any(http.hooks.values()) or http.proxies or http.auth is not None \
            or http.params or len(http.cookies) or http.cert is not None \
            or http.verify is not True or getattr(session, "_split_loggers", None):
        return None
    if http.trust_env and proxy_configured(os.environ):
        return None
    kinds = (adapters.HTTPAdapter, getattr(ksa, "TCPKeepAliveAdapter", adapters.HTTPAdapter))
    if set(http.adapters) != {"https://", "http://"} or any(
            type(a) not in kinds or a.max_retries.total not in (0, False, None)
            for a in http.adapters.values()):
        return None
    return KeystoneSender(session)


class KeystoneSender:
    """keystoneauth1 ``Session.request`` semantics (auth headers, one re-login on a 401)
    over the lean :class:`Transport`, with the session's TLS settings and auth plugin."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.timeout = session.timeout
        self.transport = Transport(verify=session.verify, cert=session.cert,
                                   timeout=session.timeout)
        self.user_agent: str = session.user_agent or user_agent(
            getattr(session, "app_name", None) or "novaclient_lite")

    def get_endpoint(self, **filters: Any) -> Any:
        return self.session.get_endpoint(**filters)

    def request(self, url: str, method: str, *, data: Any = None, params: Any = None,
                headers: Mapping[str, str] | None = None, authenticated: bool = True,
                timeout: float | None = None, **_ignored: Any) -> FastResponse:
        if params:
            url = url + ("&" if "?" in url else "?") + _encode(params)
        all_headers = {"User-Agent": self.user_agent,
                       **(getattr(self.session, "additional_headers", None) or {}),
                       **(headers or {})}
        body = data.encode() if isinstance(data, str) else data
        if authenticated:
            all_headers.update(self._auth_headers())
        response = self.transport.request(method, url, body=body, headers=all_headers,
                                          timeout=timeout)
        if response.status_code == 401 and authenticated and self.session.invalidate():
            response.content  # noqa: B018 - read, so the connection is reused
            all_headers.update(self._auth_headers())
            response = self.transport.request(method, url, body=body, headers=all_headers,
                                              timeout=timeout)
        return response

    def _auth_headers(self) -> dict[str, str]:
        found = self.session.get_auth_headers()
        if found is None:
            from keystoneauth1 import exceptions as ksa_exc

            raise ksa_exc.AuthorizationFailure("No valid authentication is available")
        return dict(found)


class Grant:
    """A usable login: token, expiry (epoch seconds), compute endpoint, scope ids."""

    def __init__(self, token: str, expires_at: float | None, endpoint: str | None = None,
                 project_id: str | None = None, user_id: str | None = None) -> None:
        self.token = token
        self.expires_at = expires_at
        self.endpoint = endpoint
        self.project_id = project_id
        self.user_id = user_id
