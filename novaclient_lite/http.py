"""The one HTTP choke point: every compute request goes through ``HTTPClient.request``.

It adds the microversion headers, sends JSON, parses JSON, retries only what is
safe to retry, logs with secrets masked, and turns every failure into a typed
:mod:`novaclient_lite.exceptions` error.  Managers never see a status code.
"""

from __future__ import annotations

import json as jsonlib
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from novaclient_lite import api_versions, exceptions, redaction
from novaclient_lite import dry_run as _dry_run

if TYPE_CHECKING:
    import requests
    from keystoneauth1.session import Session

LOG = logging.getLogger("novaclient_lite.http")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Bodies above this size are refused rather than parsed (a hostile or broken server);
#: the body is streamed, so a larger one is never held in memory.
#: The whole-response deadline, as a multiple of the per-read timeout.
BODY_TIMEOUT_FACTOR = 5
MAX_BODY_BYTES = 64 * 1024 * 1024
#: Seconds for connect and for each read when neither the caller nor the session gives one.
DEFAULT_TIMEOUT = 60.0
#: Same-host redirects followed per request; a redirect to another host is refused
#: (it would carry the token there).
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class RetryPolicy:
    """When a request is sent again.

    Idempotent requests (GET, HEAD, PUT, DELETE) are retried on connection
    errors and on ``retry_statuses``.  A POST is retried only when it provably
    never reached the server (connection refused or connect timeout), or on a
    429/413 that the server answered without acting.  429/413 wait for the
    server's Retry-After when it is at most ``max_retry_after`` seconds.
    """

    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    retry_statuses: frozenset[int] = frozenset({502, 503, 504})
    max_retry_after: float = 30.0

    def delay(self, attempt: int) -> float:
        """Exponential backoff with a little jitter, for retry number ``attempt`` (1-based)."""
        base: float = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        import random

        return base * (0.8 + 0.4 * random.random())


NO_RETRIES = RetryPolicy(retries=0)


@dataclass
class Response:
    """A successful response: status, headers, parsed JSON body (or None)."""

    status: int
    headers: Mapping[str, str]
    body: Any
    url: str
    method: str
    request_ids: list[str] = field(default_factory=list)

    @property
    def request_id(self) -> str | None:
        return self.request_ids[0] if self.request_ids else None


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
            timeout if timeout is not None
            else getattr(session, "timeout", None) or DEFAULT_TIMEOUT
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
        if not version_request.needs_discovery and version_request.version is not None:
            self._api_version = version_request.version

    # -- endpoint and version -------------------------------------------------

    @property
    def endpoint(self) -> str:
        """The compute endpoint (from the override or the service catalog).

        Raises:
            EndpointNotFound-like ``ClientException`` when the catalog has none.
        """
        if self._endpoint is None:
            try:
                url = self.session.get_endpoint(**self.endpoint_filter)
            except Exception as exc:  # keystoneauth1 raises many kinds here
                # NOTE: the first get_endpoint() logs in: failures here are Keystone's.
                raise _translate_transport_error(exc, "POST", "the identity service") from exc
            if not url:
                raise exceptions.ClientException(
                    "No compute endpoint found in the service catalog "
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

    @property
    def server_versions(self) -> api_versions.ServerVersions:
        """The server's advertised microversion range (one GET, then cached)."""
        if self._server_versions is None:
            self._server_versions = self._discover()
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
        return self._send(method, url, json=json, params=params, headers=headers,
                          versioned=versioned)

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
        if headers:
            all_headers.update(headers)
        data = None
        if json is not None:
            all_headers["Content-Type"] = "application/json"
            data = jsonlib.dumps(json)
        # NOTE: before the retry loop, so a dry run records a change once and never sends it.
        _dry_run.hold(self.dry_run, method, url, params=params, headers=all_headers, body=json)
        secrets = redaction.secret_values(json) if json is not None else []
        attempt = redirects = 0
        while True:
            attempt += 1
            if LOG.isEnabledFor(logging.DEBUG):
                _log_request(method, url, params, all_headers, json)
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
                _read_body(raw, method, url, self.max_body_bytes,
                           deadline=started + self.body_timeout)
            except exceptions.ClientException:
                raise
            except Exception as exc:
                error = _translate_transport_error(exc, method, url)
                delay = self._retry_delay(method, attempt, error=exc)
                if delay is None:
                    raise error from exc
                LOG.debug("retry %d/%d of %s %s in %.1fs after: %s",
                          attempt, self.retry.retries, method, url, delay, error)
                self._sleep(delay)
                continue
            if LOG.isEnabledFor(logging.DEBUG):
                _log_response(raw, time.monotonic() - started, secrets)
            if 300 <= raw.status_code < 400:
                url = _redirect_target(raw, method, url, redirects)
                params = None  # the Location carries the whole query
                redirects += 1
                attempt -= 1  # a redirect is not a retry
                continue
            if raw.status_code >= 400:
                error = _scrub_error(_error_from(raw, method, url), secrets)
                delay = self._retry_delay(method, attempt, error=error)
                if delay is None:
                    raise error
                LOG.debug("retry %d/%d of %s %s in %.1fs after HTTP %d",
                          attempt, self.retry.retries, method, url, delay, raw.status_code)
                self._sleep(delay)
                continue
            return _parse_success(raw, method, url)

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
        if method in IDEMPOTENT_METHODS or _never_sent(error):
            return self.retry.delay(attempt)
        return None


def _read_body(raw: requests.Response, method: str, url: str, limit: int, *,
               deadline: float) -> None:
    """Read the streamed body into ``raw.content``, refusing more than ``limit`` bytes.

    Raises:
        InvalidResponse: the body is larger than ``limit``.
        Timeout: the body was still arriving at ``deadline`` (time.monotonic()).
    """
    from novaclient_lite._deadline import WATCHDOG

    declared = raw.headers.get("content-length", "").strip()
    too_big = declared.isdigit() and int(declared) > limit
    chunks: list[bytes] = []
    total = 0
    token = WATCHDOG.watch(deadline, raw)
    try:
        if not too_big:
            for chunk in raw.iter_content(64 * 1024):
                total += len(chunk)
                if total > limit:
                    too_big = True
                    break
                chunks.append(chunk)
        if too_big:
            raise exceptions.InvalidResponse(
                f"Response body of {method} {url} is larger than the {limit} bytes allowed.",
                code=raw.status_code, url=url, method=method,
                request_id=exceptions.request_id_from(raw.headers),
            )
    except Exception:
        if not WATCHDOG.release(token):
            raise  # a failure of its own, not the deadline's doing
        cut = True
    else:
        cut = WATCHDOG.release(token)  # a cut can also look like a short, clean body
    finally:
        raw.close()  # releases the connection (or drops it when the body was not read)
    if cut:
        raise exceptions.Timeout(
            f"{method} {url} timed out: the whole response did not arrive in time "
            f"({total} bytes read).",
            url=url, method=method, request_id=exceptions.request_id_from(raw.headers),
        )
    raw._content = b"".join(chunks)


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
        LOG.debug("following HTTP %d redirect of %s %s to %s",
                  raw.status_code, method, url, target)
        return target
    if not location or raw.status_code not in _REDIRECT_STATUSES:
        why = "an unexpected redirect"
    elif redirects >= MAX_REDIRECTS:
        why = f"more than {MAX_REDIRECTS} redirects (a redirect loop?)"
    else:
        why = f"a redirect to another host ({new.scheme}://{new.netloc}), which is not followed"
    raise exceptions.InvalidResponse(
        f"{method} {url} answered HTTP {raw.status_code} with {why}.",
        code=raw.status_code, url=url, method=method,
        request_id=exceptions.request_id_from(raw.headers),
    )


def _scrub_error(
    error: exceptions.ClientException, secrets: list[str]
) -> exceptions.ClientException:
    """Remove secrets the request carried (adminPass, user_data...) from an error Nova echoed."""
    if secrets:
        error.message = redaction.scrub(error.message, secrets)
        if error.details:
            error.details = redaction.scrub(error.details, secrets)
        error.args = (error.message,)
    return error


def _never_sent(exc: BaseException) -> bool:
    """True when the request provably did not reach the server (safe to resend a POST)."""
    from novaclient_lite.token_session import TransportError

    if isinstance(exc, TransportError):  # the shell's TokenSession knows
        return exc.never_sent
    import requests

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, requests.exceptions.ConnectTimeout):
            return True
        if isinstance(cause, requests.exceptions.ConnectionError):
            reason = str(cause)
            return "NewConnectionError" in reason or "Connection refused" in reason
        cause = cause.__cause__ or cause.__context__
    return False


_KSA_SUFFIX = re.compile(r"\s*\(HTTP \d+\)(\s*\(Request-ID: [^)]*\))?\s*$")


_ERRNO = re.compile(r"\[Errno -?\d+\][^'\")\]]*")


def _reason(exc: BaseException) -> str:
    """The useful part of a connection error ("[Errno 111] Connection refused")."""
    text = str(exc)
    match = _ERRNO.search(text)
    return match.group(0).strip() if match else _short(exc)


def _translate_transport_error(
    exc: BaseException, method: str, url: str
) -> exceptions.ClientException:
    """Map keystoneauth1/requests failures onto this library's error classes."""
    if isinstance(exc, exceptions.ClientException):
        return exc
    from novaclient_lite.token_session import TransportError

    if isinstance(exc, TransportError):
        kind = exceptions.Timeout if exc.timeout else exceptions.ConnectionError
        return kind(str(exc), url=url, method=method)
    from keystoneauth1 import exceptions as ksa_exc

    kwargs: dict[str, Any] = {"url": url, "method": method}
    if isinstance(exc, ksa_exc.HttpError):
        # NOTE: keystoneauth1 already appends "(HTTP 401) (Request-ID: ...)" to its
        # message; strip it so that our __str__ does not say it twice.
        message = _KSA_SUFFIX.sub("", exc.message or "").strip()
        if not exc.http_status:
            return exceptions.ClientException(message or _short(exc), **kwargs)
        headers = {"x-openstack-request-id": exc.request_id} if exc.request_id else {}
        return exceptions.from_response(
            exc.http_status, headers, None, message, exc.url or url, exc.method or method
        )
    if isinstance(exc, ksa_exc.ConnectTimeout):
        return exceptions.Timeout(f"{method} {url} timed out.", **kwargs)
    if isinstance(exc, ksa_exc.SSLError):
        return exceptions.ConnectionError(f"TLS error talking to {url}: {_short(exc)}", **kwargs)
    if isinstance(exc, (ksa_exc.ConnectFailure, ksa_exc.UnknownConnectionError)):
        return exceptions.ConnectionError(f"Unable to reach {url}: {_reason(exc)}", **kwargs)
    if isinstance(exc, ksa_exc.EndpointNotFound):
        return exceptions.ClientException(f"No compute endpoint found: {_short(exc)}", **kwargs)
    if isinstance(exc, ksa_exc.ClientException):
        return exceptions.ClientException(_short(exc), **kwargs)
    import requests

    # Raised while the streamed body is read (requests reports a read timeout there
    # as a ConnectionError).
    if isinstance(exc, requests.exceptions.RequestException):
        if isinstance(exc, requests.exceptions.Timeout) or "timed out" in str(exc):
            return exceptions.Timeout(f"{method} {url} timed out reading the response.", **kwargs)
        reason: BaseException = exc
        while reason.args and isinstance(reason.args[0], BaseException):
            reason = reason.args[0]  # requests and urllib3 wrap the interesting one
        detail = reason.args[0] if reason.args and isinstance(reason.args[0], str) else reason
        return exceptions.ConnectionError(
            f"The connection broke while reading the response to {method} {url}: "
            f"{_short(detail)}", **kwargs,
        )
    raise exc


def _short(exc: object, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _text(raw: requests.Response, limit: int = 64 * 1024) -> str:
    """The start of a body as text (enough for an excerpt; no charset guessing on megabytes)."""
    try:
        return raw.content[:limit].decode(raw.encoding or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        return raw.content[:limit].decode("utf-8", "replace")


def _decode_json(raw: requests.Response, method: str, url: str) -> Any:
    content = raw.content
    if len(content) > MAX_BODY_BYTES:
        raise exceptions.InvalidResponse(
            f"Response body of {len(content)} bytes is larger than the {MAX_BODY_BYTES} allowed.",
            code=raw.status_code, url=url, method=method,
            request_id=exceptions.request_id_from(raw.headers),
        )
    if not content.strip():
        return None
    try:
        return jsonlib.loads(content)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return _NOT_JSON


_NOT_JSON = object()


def _error_from(raw: requests.Response, method: str, url: str) -> exceptions.ClientException:
    try:
        body = _decode_json(raw, method, url)
    except exceptions.InvalidResponse as exc:
        return exc
    text = _text(raw) if body is _NOT_JSON else ""
    return exceptions.from_response(
        raw.status_code, raw.headers, None if body is _NOT_JSON else body, text, url, method
    )


def _parse_success(raw: requests.Response, method: str, url: str) -> Response:
    body = _decode_json(raw, method, url)
    request_id = exceptions.request_id_from(raw.headers)
    if body is _NOT_JSON:
        raise exceptions.InvalidResponse(
            f"Expected JSON from {method} {url}, got: "
            f"{exceptions.body_excerpt(_text(raw)) or '(unreadable body)'}",
            code=raw.status_code, url=url, method=method, request_id=request_id,
        )
    return Response(
        status=raw.status_code,
        headers=raw.headers,
        body=body,
        url=url,
        method=method,
        request_ids=[request_id] if request_id else [],
    )


def _log_request(method: str, url: str, params: Any, headers: Mapping[str, str], body: Any) -> None:
    import urllib.parse

    query = "?" + urllib.parse.urlencode(params, doseq=True) if params else ""
    parts = [f"REQ: {method} {url}{query}"]
    parts += [f"-H '{k}: {v}'" for k, v in redaction.redact_headers(headers).items()]
    if body is not None:
        parts.append("-d '" + jsonlib.dumps(redaction.redact_body(body)) + "'")
    LOG.debug(" ".join(parts))


def _log_response(raw: requests.Response, elapsed: float, secrets: list[str]) -> None:
    headers = redaction.redact_headers(raw.headers)
    text = ""
    try:
        body = jsonlib.loads(raw.content) if raw.content else None
        text = jsonlib.dumps(redaction.redact_body(body)) if body is not None else ""
    except (ValueError, RecursionError):
        text = exceptions.body_excerpt(_text(raw), 500)
    # NOTE: an error may echo what was sent (Nova's schema errors quote the whole body).
    text = redaction.scrub(text, secrets) if secrets else text
    LOG.debug("RESP: [%d] %.3fs %s %s", raw.status_code, elapsed, headers, text)


def new_request_id() -> str:
    """A global request id in the only format Nova accepts (``req-<uuid4>``)."""
    import uuid  # only a command that talks to Nova needs it

    return f"req-{uuid.uuid4()}"
