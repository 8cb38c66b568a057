"""Failures below HTTP, and the one rule for "this request provably never left".

Every session :class:`~novaclient_lite.http.HTTPClient` sends over (a
keystoneauth1 ``Session``, or the shell's warm ``--os-cache`` session) fails
through :func:`classify`, so a POST is resent after a failure only when
:func:`never_sent` says so, whatever the session.  A session adapter of one's
own may raise :class:`TransportError` itself; its ``never_sent`` flag is then
trusted.

This module imports nothing heavy: requests, urllib3 and keystoneauth1 are
imported only when a failure is classified.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from novaclient_lite import exceptions

#: Seconds for connect and for each read when neither the caller nor the session gives one.
DEFAULT_TIMEOUT = 60.0


class TransportError(Exception):
    """The request failed below HTTP (connect, TLS, timeout, broken connection).

    ``never_sent``: provably not received by the server (safe to resend a POST).
    ``timeout``: a connect or read timeout.  ``tls``: the TLS layer failed.
    """

    def __init__(
        self, message: str, *, never_sent: bool = False, timeout: bool = False, tls: bool = False
    ) -> None:
        super().__init__(message)
        self.never_sent = never_sent
        self.timeout = timeout
        self.tls = tls


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it wraps: causes, contexts, and requests'/urllib3's wrapped reasons."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 32:
        link = todo.pop(0)
        if id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        wrapped = [link.__cause__, link.__context__, getattr(link, "reason", None)]
        wrapped += list(link.args[:1])
        todo += [w for w in wrapped if isinstance(w, BaseException)]


def never_sent(exc: BaseException) -> bool:
    """True when the request provably did not reach the server (safe to resend a POST).

    Only a failure to open the connection proves it: refused, unreachable, the
    name not resolved, or a connect timeout.  A reset, a read timeout or a TLS
    error may come after the server got the request, so they do not.
    """
    import requests
    from urllib3.exceptions import ConnectTimeoutError

    for link in _chain(exc):
        if isinstance(link, TransportError):
            return link.never_sent
        # NOTE: urllib3's NewConnectionError (refused, unreachable) and NameResolutionError
        # (DNS) are ConnectTimeoutErrors: all are raised before a byte of the request is sent.
        if isinstance(link, (requests.exceptions.ConnectTimeout, ConnectTimeoutError)):
            return True
    return False


def classify(exc: BaseException, method: str, url: str) -> TransportError | None:
    """The :class:`TransportError` for a requests/urllib3 failure (also one keystoneauth1
    wrapped), or None when ``exc`` is not one.
    """
    import requests
    from urllib3.exceptions import NewConnectionError, ReadTimeoutError

    links = list(_chain(exc))
    for link in links:
        if isinstance(link, TransportError):
            return link
    failure = next(
        (link for link in links if isinstance(link, requests.exceptions.RequestException)), None
    )
    if failure is None:
        return None
    if never_sent(failure):
        if any(isinstance(link, NewConnectionError) for link in links):
            return TransportError(f"Unable to reach {url}: {reason(failure)}", never_sent=True)
        return TransportError(
            f"{method} {url} timed out connecting.", never_sent=True, timeout=True
        )
    if isinstance(failure, requests.exceptions.SSLError):
        return TransportError(f"TLS error talking to {url}: {short(failure)}", tls=True)
    # NOTE: requests reports a read timeout while the body streams as a ConnectionError
    # around urllib3's ReadTimeoutError.
    if isinstance(failure, requests.exceptions.Timeout) or any(
        isinstance(link, ReadTimeoutError) for link in links
    ):
        return TransportError(f"{method} {url} timed out reading the response.", timeout=True)
    return TransportError(f"The connection broke during {method} {url}: {_detail(failure)}")


def as_client_error(exc: BaseException, method: str, url: str) -> exceptions.ClientException:
    """Map a session's failure onto this library's error classes.

    Raises:
        ``exc`` itself when it is none of the failures a session can raise.
    """
    if isinstance(exc, exceptions.ClientException):
        return exc
    failure = classify(exc, method, url)
    if failure is not None:
        kind = exceptions.Timeout if failure.timeout else exceptions.ConnectionError
        return kind(str(failure), url=url, method=method)
    error = _from_keystoneauth(exc, method, url)
    if error is None:
        raise exc
    return error


_KSA_SUFFIX = re.compile(r"\s*\(HTTP \d+\)(\s*\(Request-ID: [^)]*\))?\s*$")


def _from_keystoneauth(
    exc: BaseException, method: str, url: str
) -> exceptions.ClientException | None:
    """keystoneauth1's own errors (a login refused, no endpoint, ...), else None."""
    from keystoneauth1 import exceptions as ksa_exc

    kwargs: dict[str, Any] = {"url": url, "method": method}
    if isinstance(exc, ksa_exc.HttpError):
        # NOTE: keystoneauth1 already appends "(HTTP 401) (Request-ID: ...)" to its
        # message; strip it so that our __str__ does not say it twice.
        message = _KSA_SUFFIX.sub("", exc.message or "").strip()
        if not exc.http_status:
            return exceptions.ClientException(message or short(exc), **kwargs)
        headers = {"x-openstack-request-id": exc.request_id} if exc.request_id else {}
        return exceptions.from_response(
            exc.http_status, headers, None, message, exc.url or url, exc.method or method
        )
    # Raised without the requests error that caused it (classify found none).
    if isinstance(exc, ksa_exc.ConnectTimeout):
        return exceptions.Timeout(f"{method} {url} timed out.", **kwargs)
    if isinstance(exc, ksa_exc.SSLError):
        return exceptions.ConnectionError(f"TLS error talking to {url}: {short(exc)}", **kwargs)
    if isinstance(exc, (ksa_exc.ConnectFailure, ksa_exc.UnknownConnectionError)):
        return exceptions.ConnectionError(f"Unable to reach {url}: {reason(exc)}", **kwargs)
    if isinstance(exc, ksa_exc.EndpointNotFound):
        return exceptions.EndpointNotFound(f"No compute endpoint found: {short(exc)}", **kwargs)
    if isinstance(exc, ksa_exc.ClientException):
        return exceptions.ClientException(short(exc), **kwargs)
    return None


def short(exc: object, limit: int = 300) -> str:
    """``exc`` as one line of at most ``limit`` characters (whitespace folded)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_ERRNO = re.compile(r"\[Errno -?\d+\][^'\")\]]*")


def reason(exc: BaseException) -> str:
    """The useful part of a connection error ("[Errno 111] Connection refused")."""
    match = _ERRNO.search(str(exc))
    return match.group(0).strip() if match else short(exc)


def _detail(exc: BaseException) -> str:
    """The innermost message of a requests/urllib3 error (they wrap the interesting one)."""
    inner: BaseException = exc
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    return short(inner.args[0] if inner.args and isinstance(inner.args[0], str) else inner)
