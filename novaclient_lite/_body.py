"""Reading a response body: streamed under a size cap and a deadline, then parsed as JSON.

:class:`~novaclient_lite.http.HTTPClient` reads every body through
:func:`read_body` (which enforces the client's ``max_body_bytes``, once) and
turns it into a :class:`Response` (:func:`parse_success`) or an error
(:func:`error_from`).
"""

from __future__ import annotations

import gc
import json as jsonlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from novaclient_lite import exceptions
from novaclient_lite.values import Value

if TYPE_CHECKING:
    import requests


class Response(Value):
    """A successful response: status, headers, parsed JSON body (or None)."""

    __slots__ = ("body", "headers", "method", "request_ids", "status", "url")

    def __init__(
        self,
        status: int,
        headers: Mapping[str, str],
        body: Any,
        url: str,
        method: str,
        request_ids: list[str] | None = None,
    ) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
        self.method = method
        self.request_ids = [] if request_ids is None else request_ids

    @property
    def request_id(self) -> str | None:
        return self.request_ids[0] if self.request_ids else None

    @property
    def status_code(self) -> int:
        """``status`` under requests' name, for scripts written for python-novaclient."""
        return self.status

    def json(self) -> Any:
        """The parsed body (requests' ``Response.json()``, already decoded)."""
        return self.body


def read_body(
    raw: requests.Response, method: str, url: str, limit: int, *, deadline: float
) -> None:
    """Read the streamed body into ``raw.content``, refusing more than ``limit`` bytes.

    Raises:
        InvalidResponse: the body is larger than ``limit``.
        Timeout: the body was still arriving at ``deadline`` (time.monotonic()).
    """
    from novaclient_lite._deadline import WATCHDOG

    headers = raw.headers
    declared = headers.get("content-length", "").strip()
    too_big = declared.isdigit() and int(declared) > limit
    # NOTE: a declared, uncompressed body cannot grow past its length: read it in one
    # call (~35 µs a request less than iter_content's generators); any other body is
    # counted chunk by chunk, so a compressed or undeclared one stops at the limit.
    encoding = headers.get("content-encoding", "identity").strip().lower()
    whole = declared.isdigit() and encoding == "identity"
    chunks: list[bytes] = []
    total = 0
    token = WATCHDOG.watch(deadline, raw)
    try:
        if whole and not too_big:
            chunks.append(_read_whole(raw))
            total = len(chunks[0])
        elif not too_big:
            for chunk in raw.iter_content(64 * 1024):
                total += len(chunk)
                if total > limit:
                    too_big = True
                    break
                chunks.append(chunk)
        if too_big:
            raise exceptions.InvalidResponse(
                f"Response body of {method} {url} is larger than the {limit} bytes allowed.",
                code=raw.status_code,
                url=url,
                method=method,
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
            url=url,
            method=method,
            request_id=exceptions.request_id_from(raw.headers),
        )
    raw._content = b"".join(chunks)


def _read_whole(raw: requests.Response) -> bytes:
    """The rest of the body in one read; urllib3's failures as requests' ``iter_content``
    raises them (the transport's error map reads those)."""
    try:
        data: bytes = raw.raw.read(decode_content=True)
    except Exception as exc:
        raise _as_requests_error(exc) from exc
    return data


def _as_requests_error(exc: Exception) -> Exception:
    import requests.exceptions as rex
    from urllib3 import exceptions as u3

    for source, target in (
        (u3.ProtocolError, rex.ChunkedEncodingError),
        (u3.DecodeError, rex.ContentDecodingError),
        (u3.ReadTimeoutError, rex.ConnectionError),
        (u3.SSLError, rex.SSLError),
    ):
        if isinstance(exc, source):
            return target(exc)
    return exc


def text(raw: requests.Response, limit: int = 64 * 1024) -> str:
    """The start of a body as text (enough for an excerpt; no charset guessing on megabytes)."""
    try:
        return raw.content[:limit].decode(raw.encoding or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        return raw.content[:limit].decode("utf-8", "replace")


#: What :func:`decode_json` returns for a body that is not JSON.
NOT_JSON = object()


def decode_json(raw: requests.Response) -> Any:
    """The JSON document of a body :func:`read_body` read (already size-capped), None when
    empty, :data:`NOT_JSON` when it is not JSON."""
    content = raw.content
    if not content or content.isspace():  # NOTE: not strip(): that copies a whole listing
        return None
    # NOTE: the parse creates objects and frees none, so each cyclic collection it
    # would trigger finds no garbage; a page of 1000 servers made CPython's full
    # collections fall inside listings (twice per 10,000 servers, ~0.2 s).  Paused
    # only inside the C parser: no other Python code runs meanwhile.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return jsonlib.loads(content)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return NOT_JSON
    finally:
        if collecting:
            gc.enable()


def error_from(raw: requests.Response, method: str, url: str) -> exceptions.ClientException:
    """The typed error for a status >= 400 (the body's message, else an excerpt)."""
    body = decode_json(raw)
    excerpt = text(raw) if body is NOT_JSON else ""
    return exceptions.from_response(
        raw.status_code, raw.headers, None if body is NOT_JSON else body, excerpt, url, method
    )


def parse_success(raw: requests.Response, method: str, url: str) -> Response:
    """The :class:`Response` of a 2xx.

    Raises:
        InvalidResponse: the body is not JSON.
    """
    body = decode_json(raw)
    request_id = exceptions.request_id_from(raw.headers)
    if body is NOT_JSON:
        raise exceptions.InvalidResponse(
            f"Expected JSON from {method} {url}, got: "
            f"{exceptions.body_excerpt(text(raw)) or '(unreadable body)'}",
            code=raw.status_code,
            url=url,
            method=method,
            request_id=request_id,
        )
    return Response(
        status=raw.status_code,
        headers=raw.headers,
        body=body,
        url=url,
        method=method,
        request_ids=[request_id] if request_id else [],
    )
