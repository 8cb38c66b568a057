"""The one HTTP choke point: every compute request goes through ``HTTPClient.request``.

It adds the microversion headers, sends JSON, parses JSON, retries only what is
safe to retry, logs with secrets masked, and turns every failure into a typed
:mod:`novaclient_lite.exceptions` error.  Managers never see a status code.

Failures below HTTP are classified by :mod:`novaclient_lite.transport` (which
also decides whether a POST provably never left); bodies are read and parsed
by :mod:`novaclient_lite._body`.
"""

from __future__ import annotations

import json as jsonlib
import logging
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import _body, api_versions, exceptions, exchange_log, redaction, transport
from novaclient_lite import dry_run as _dry_run
from novaclient_lite._body import Response
from novaclient_lite.transport import DEFAULT_TIMEOUT
from novaclient_lite.values import FrozenValue

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_BODY_BYTES",
    "NO_RETRIES",
    "HTTPClient",
    "Response",
    "RetryPolicy",
    "new_request_id",
]

if TYPE_CHECKING:
    import requests
    from keystoneauth1.session import Session


IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: The whole-response deadline, as a multiple of the per-read timeout.
BODY_TIMEOUT_FACTOR = 5
#: Bodies above this size are refused rather than parsed (a hostile or broken server);
#: the body is streamed, so a larger one is never held in memory.  Per client:
#: ``HTTPClient.max_body_bytes``.
MAX_BODY_BYTES = 64 * 1024 * 1024
#: Same-host redirects followed per request; a redirect to another host is refused
#: (it would carry the token there).
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RetryPolicy(FrozenValue):
    """When a request is sent again.

    Idempotent requests (GET, HEAD, PUT, DELETE) are retried on connection
    errors and on ``retry_statuses``.  A POST is retried only when it provably
    never reached the server (the connection could not be opened:
    :func:`novaclient_lite.transport.never_sent`, the same rule for every
    session), or on a 429/413 that the server answered without acting.
    429/413 wait for the server's Retry-After when it is at most
    ``max_retry_after`` seconds.  Otherwise retry N waits ``backoff * 2**(N-1)`` seconds, at most
    ``max_backoff``, give or take ``jitter`` (a fraction: 0.2 is +-20%).
    """

    __slots__ = ("backoff", "jitter", "max_backoff", "max_retry_after", "retries", "retry_statuses")
    retries: int
    backoff: float
    max_backoff: float
    retry_statuses: frozenset[int]
    max_retry_after: float
    jitter: float

    def __init__(
        self,
        retries: int = 3,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        retry_statuses: frozenset[int] = frozenset({502, 503, 504}),
        max_retry_after: float = 30.0,
        jitter: float = 0.2,
    ) -> None:
        self._set(
            retries=retries,
            backoff=backoff,
            max_backoff=max_backoff,
            retry_statuses=retry_statuses,
            max_retry_after=max_retry_after,
            jitter=jitter,
        )

    def delay(self, attempt: int) -> float:
        """Exponential backoff with a little jitter, for retry number ``attempt`` (1-based)."""
        base: float = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        if not self.jitter:
            return base
        import random

        return base * (1 - self.jitter + 2 * self.jitter * random.random())


NO_RETRIES = RetryPolicy(retries=0)


class HTTPClient:
    """Sends compute API requests over one keystoneauth1 session.

    Args:
        session: a keystoneauth1 ``Session`` (it owns auth, TLS and the
            connection pool, so connections are reused).
        version_request: the version asked for; negotiated lazily with ONE
            GET of the endpoint's version document, on first need.
        endpoint_override: a fixed compute endpoint instead of the catalog's.
        retry: the retry policy (``NO_RETRIES`` to switch retries off).
        timeout: seconds for connect and read of each request.
        dry_run: True or a sink: hold back every POST/PUT/PATCH/DELETE (raises
            ``RequestNotSent``; see :mod:`novaclient_lite.dry_run`).
    """

    def __init__(
        self,
        session: Session,
        *,
        version_request: api_versions.VersionRequest,
        endpoint_override: str | None = None,
        service_type: str = "compute",
        service_name: str | None = None,
        interface: str | None = None,
        region_name: str | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | None = None,
        global_request_id: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        dry_run: bool | _dry_run.Sink | None = None,
    ) -> None:
        self.session = session
        self.version_request = version_request
        self.endpoint_override = endpoint_override.rstrip("/") if endpoint_override else None
        self.endpoint_filter: dict[str, Any] = {
            k: v
            for k, v in (
                ("service_type", service_type),
                ("service_name", service_name),
                ("interface", interface),
                ("region_name", region_name),
            )
            if v
        }
        self.retry = retry or RetryPolicy()
        # NOTE: never None: a request without a timeout can hang forever.
        self.timeout: float = (
            timeout if timeout is not None else getattr(session, "timeout", None) or DEFAULT_TIMEOUT
        )
        self.max_body_bytes = MAX_BODY_BYTES
        #: A whole response must arrive within this many seconds; the timeout
        #: above bounds each read only.
        self.body_timeout: float = self.timeout * BODY_TIMEOUT_FACTOR
        self.global_request_id = global_request_id
        self._sleep = sleep
        self.dry_run = _dry_run.sink_of(dry_run)
        self._endpoint: str | None = self.endpoint_override
        self._api_version: api_versions.APIVersion | None = None
        self._server_versions: api_versions.ServerVersions | None = None
        self.times: list[tuple[str, float, float]] | None = None
        if not version_request.needs_discovery and version_request.version is not None:
            self._api_version = version_request.version

    # -- endpoint and version -------------------------------------------------

    @property
    def endpoint(self) -> str:
        """The compute endpoint (from the override or the service catalog).

        Raises:
            EndpointNotFound: when the catalog has none.
        """
        if self._endpoint is None:
            try:
                url = self.session.get_endpoint(**self.endpoint_filter)
            except Exception as exc:  # keystoneauth1 raises many kinds here
                # NOTE: the first get_endpoint() logs in: failures here are Keystone's.
                raise transport.as_client_error(exc, "POST", "the identity service") from exc
            if not url:
                raise exceptions.EndpointNotFound(
                    f"No {self.endpoint_filter.get('service_type', 'compute')} endpoint found "
                    "in the service catalog "
                    f"({', '.join(f'{k}={v}' for k, v in self.endpoint_filter.items())})."
                )
            self._endpoint = url.rstrip("/")
        return self._endpoint

    @property
    def api_version(self) -> api_versions.APIVersion:
        """The negotiated version; the first access may send one discovery GET.

        Raises:
            UnsupportedVersion: when client and server share no version.
        """
        if self._api_version is None:
            self._api_version = api_versions.negotiate(self.version_request, self.server_versions)
        return self._api_version

    @api_version.setter
    def api_version(self, version: api_versions.APIVersion) -> None:
        self._api_version = version

    @property
    def server_versions(self) -> api_versions.ServerVersions:
        """The server's advertised microversion range (one GET, then cached).

        Set it when the range is already known (the shell's token cache does), so
        that no discovery GET is sent; the version is then negotiated against it.

        Raises:
            InvalidResponse: the version document is unreadable.
        """
        if self._server_versions is None:
            self._server_versions = self._discover()
        return self._server_versions

    @server_versions.setter
    def server_versions(self, versions: api_versions.ServerVersions) -> None:
        self._server_versions = versions
        if self.version_request.needs_discovery:
            self._api_version = None  # negotiated again, against this range

    @property
    def known_server_versions(self) -> api_versions.ServerVersions | None:
        """The range if it was discovered or set already, else None (never sends)."""
        return self._server_versions

    def _discover(self) -> api_versions.ServerVersions:
        url = self.endpoint + "/"
        try:
            response = self._send("GET", url, versioned=False)
        except exceptions.NotFound:
            # An endpoint that ends in a project id: its parent is the version document.
            parent = self.endpoint.rsplit("/", 1)[0] + "/"
            response = self._send("GET", parent, versioned=False)
        return api_versions.ServerVersions.from_document(response.body)

    # -- requests ---------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        versioned: bool = True,
    ) -> Response:
        """Send one compute request; ``path`` is relative to the endpoint or absolute.

        ``versioned=False`` sends no microversion headers (and so needs no
        negotiation), for the unversioned version documents.

        Raises:
            HTTPException subclasses for statuses >= 400, ``ConnectionError``,
            ``Timeout`` and ``InvalidResponse`` for transport and parsing failures.
            ``RequestNotSent`` in a dry run, for a method that changes something.
        """
        url = path if path.startswith(("http://", "https://")) else self.endpoint + path
        started = time.time()
        response = self._send(
            method, url, json=json, params=params, headers=headers, versioned=versioned
        )
        if self.times is not None:  # python-novaclient's timings (Client(timings=True))
            import urllib.parse

            query = "?" + urllib.parse.urlencode(params, doseq=True) if params else ""
            self.times.append((f"{method} {path}{query}", started, time.time()))
        return response

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Response:
        return self.request("DELETE", path, **kwargs)

    def _send(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | list[tuple[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        versioned: bool = True,
    ) -> Response:
        all_headers = {"Accept": "application/json"}
        if versioned:
            all_headers.update(self.api_version.headers())
        if self.global_request_id:
            all_headers["X-OpenStack-Request-ID"] = self.global_request_id
        data = None
        if json is not None:
            all_headers["Content-Type"] = "application/json"
            data = jsonlib.dumps(json)
        for name, value in (headers or {}).items():  # the caller's win, in any case
            for same in [k for k in all_headers if k.lower() == name.lower()]:
                del all_headers[same]
            all_headers[name] = value
        # NOTE: before the retry loop, so a dry run records a change once and never sends it.
        _dry_run.hold(self.dry_run, method, url, params=params, headers=all_headers, body=json)
        secrets = redaction.secret_values(json) if json is not None else []
        attempt = redirects = 0
        while True:
            attempt += 1
            if exchange_log.LOG.isEnabledFor(logging.DEBUG):
                exchange_log.request(method, url, params, all_headers, json)
            started = time.monotonic()
            try:
                # NOTE: redirects are followed below (same host only) and the body is
                # streamed so that its size can be capped while it is read.
                raw = self.session.request(
                    url,
                    method,
                    data=data,
                    params=params,
                    headers=all_headers,
                    raise_exc=False,
                    authenticated=True,
                    connect_retries=0,
                    timeout=self.timeout,
                    log=False,
                    redirect=False,
                    stream=True,
                )
                _body.read_body(
                    raw, method, url, self.max_body_bytes, deadline=started + self.body_timeout
                )
            except exceptions.ClientException:
                raise
            except Exception as exc:
                error = transport.as_client_error(exc, method, url)
                delay = self._retry_delay(method, attempt, error=exc)
                if delay is None:
                    raise error from exc
                exchange_log.LOG.debug(
                    "retry %d/%d of %s %s in %.1fs after: %s",
                    attempt,
                    self.retry.retries,
                    method,
                    url,
                    delay,
                    error,
                )
                self._sleep(delay)
                continue
            if exchange_log.LOG.isEnabledFor(logging.DEBUG):
                exchange_log.response(raw, time.monotonic() - started, secrets)
            if 300 <= raw.status_code < 400:
                url = _redirect_target(raw, method, url, redirects)
                params = None  # the Location carries the whole query
                redirects += 1
                attempt -= 1  # a redirect is not a retry
                continue
            if raw.status_code >= 400:
                error = exchange_log.scrub_error(_body.error_from(raw, method, url), secrets)
                delay = self._retry_delay(method, attempt, error=error)
                if delay is None:
                    raise error
                exchange_log.LOG.debug(
                    "retry %d/%d of %s %s in %.1fs after HTTP %d",
                    attempt,
                    self.retry.retries,
                    method,
                    url,
                    delay,
                    raw.status_code,
                )
                self._sleep(delay)
                continue
            return _body.parse_success(raw, method, url)

    def _retry_delay(self, method: str, attempt: int, *, error: BaseException) -> float | None:
        """Seconds to wait before sending again, or None when it must not be sent again."""
        if attempt > self.retry.retries:
            return None
        if isinstance(error, exceptions.RetryAfterException):
            if error.code == 413 and not error.retry_after:
                return None  # a size limit, not a rate limit: retrying cannot help
            if error.retry_after > self.retry.max_retry_after:
                return None
            return error.retry_after or self.retry.delay(attempt)
        if isinstance(error, exceptions.HTTPException):
            if method in IDEMPOTENT_METHODS and error.code in self.retry.retry_statuses:
                return self.retry.delay(attempt)
            return None
        if method in IDEMPOTENT_METHODS or transport.never_sent(error):
            return self.retry.delay(attempt)
        return None


def _redirect_target(raw: requests.Response, method: str, url: str, redirects: int) -> str:
    """The URL to follow a 3xx to; raises for a loop, a missing Location or another host."""
    import urllib.parse

    location = raw.headers.get("location")
    target = urllib.parse.urljoin(url, location) if location else ""
    old, new = urllib.parse.urlsplit(url), urllib.parse.urlsplit(target)
    if (
        raw.status_code in _REDIRECT_STATUSES
        and redirects < MAX_REDIRECTS
        and new.hostname == old.hostname
        and (new.scheme, old.scheme) in (("http", "http"), ("https", "https"), ("https", "http"))
    ):
        exchange_log.LOG.debug(
            "following HTTP %d redirect of %s %s to %s", raw.status_code, method, url, target
        )
        return target
    if not location or raw.status_code not in _REDIRECT_STATUSES:
        why = "an unexpected redirect"
    elif redirects >= MAX_REDIRECTS:
        why = f"more than {MAX_REDIRECTS} redirects (a redirect loop?)"
    else:
        why = f"a redirect to another host ({new.scheme}://{new.netloc}), which is not followed"
    raise exceptions.InvalidResponse(
        f"{method} {url} answered HTTP {raw.status_code} with {why}.",
        code=raw.status_code,
        url=url,
        method=method,
        request_id=exceptions.request_id_from(raw.headers),
    )


def new_request_id() -> str:
    """A global request id in the only format Nova accepts (``req-<uuid4>``)."""
    # NOTE: uuid4's bits from os.urandom, as uuid.uuid4() makes them, without importing
    # uuid (and platform with it: ~3 ms of every command's start-up).
    import os

    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = raw.hex()
    return f"req-{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
