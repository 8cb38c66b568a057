"""A hostile compute endpoint of our own: stdlib ``http.server`` on 127.0.0.1.

(Support for the reliability tests; their fixtures are in conftest.py.)

Each test registers what the server does for a (method, path) with
``hostile.on(...)``; the helpers below build the misbehaviours (stall, reset
mid-body, a Content-Length lie, a redirect loop, an HTML error page...).  Every
request is recorded, so a test can assert that a POST was sent exactly once.
Stalling handlers wait on an event that teardown sets, so nothing outlives a test.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from novaclient_lite import exceptions
from novaclient_lite.http import RetryPolicy

Action = Callable[["_Handler"], None]

#: A retry policy whose backoff costs milliseconds (the count is the default's).
FAST_RETRY = RetryPolicy(backoff=0.01, max_backoff=0.05)
#: The "nothing hangs" bound of every hostile case: generous, not a benchmark.
HANG_BOUND = 5.0


def version_document(max_version: str = "2.104") -> dict[str, Any]:
    return {
        "version": {
            "id": "v2.1",
            "status": "CURRENT",
            "version": max_version,
            "min_version": "2.1",
            "links": [],
        }
    }


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urllib.parse.urlsplit(self.path)
        self.server.hostile.record(
            Recorded(
                self.command,
                split.path,
                urllib.parse.parse_qs(split.query),
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
        )
        self.server.hostile.action_for(self.command, split.path)(self)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _dispatch


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hostile: Hostile


class Hostile:
    """The server's script and its record of requests."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str], list[Action]] = {}
        self.requests: list[Recorded] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.hostile = self
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.url + "/v2.1"
        self.on("GET", "/v2.1/", reply(200, version_document()))
        self.on("GET", "/v2.1", reply(200, version_document()))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def on(self, method: str, path: str, *actions: Action) -> None:
        """Serve ``actions`` in turn for ``method path`` (the last one repeats)."""
        with self._lock:
            self._routes[(method, path)] = list(actions)

    def action_for(self, method: str, path: str) -> Action:
        with self._lock:
            actions = self._routes.get((method, path))
            if not actions:
                return reply(404, {"itemNotFound": {"code": 404, "message": "no route"}})
            return actions.pop(0) if len(actions) > 1 else actions[0]

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def count(self, method: str, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.method == method and r.path == path)

    def close(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


# -- actions ----------------------------------------------------------------------


def _send(
    h: _Handler,
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    content_type: str = "application/json",
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.end_headers()
    h.wfile.write(body)


def reply(status: int, doc: Any, headers: dict[str, str] | None = None) -> Action:
    """A JSON answer."""
    return lambda h: _send(h, status, json.dumps(doc).encode(), headers)


def raw(
    status: int, body: bytes, headers: dict[str, str] | None = None, content_type: str = "text/html"
) -> Action:
    """Any bytes, with a truthful Content-Length."""
    return lambda h: _send(h, status, body, headers, content_type)


def stall(h: _Handler) -> None:
    """Accept the request and never answer (until teardown)."""
    h.server.hostile.release.wait(30)
    h.close_connection = True


def drip(h: _Handler) -> None:
    """Promise 1000 bytes and send one every 0.1 s: each read is quick, the body never ends."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    h.wfile.write(b"{")
    for _ in range(999):
        if h.server.hostile.release.wait(0.1):
            break
        with contextlib.suppress(OSError):
            h.wfile.write(b" ")
            h.wfile.flush()
    h.close_connection = True


def stall_mid_body(h: _Handler) -> None:
    """Promise 1000 bytes, send 20, then send nothing more (until teardown)."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    h.wfile.write(b'{"flavors": [' + b" " * 7)
    h.wfile.flush()
    h.server.hostile.release.wait(30)
    h.close_connection = True


def _abort(h: _Handler) -> None:
    """Close with a TCP reset (SO_LINGER 0) instead of a clean FIN."""
    with contextlib.suppress(OSError):
        h.wfile.flush()
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.close_connection = True
    with contextlib.suppress(OSError):
        h.connection.close()


def reset_mid_body(h: _Handler) -> None:
    """Promise 10 000 bytes, send 100, then reset the connection."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "10000")
    h.end_headers()
    h.wfile.write(b'{"flavors": [' + b" " * 87)
    _abort(h)


def reset_before_answer(h: _Handler) -> None:
    """Read the request, then reset the connection without a status line."""
    _abort(h)


def length_lie(h: _Handler) -> None:
    """Promise 1000 bytes, send a few, close cleanly."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", "1000")
    h.end_headers()
    h.wfile.write(b'{"flavors": []')
    h.close_connection = True


def huge_declared(h: _Handler) -> None:
    """Announce a 100 GB body and start sending it."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(100 * 1024**3))
    h.end_headers()
    with contextlib.suppress(OSError):
        h.wfile.write(b"[" * 1024 * 1024)
    h.close_connection = True


def gzip_bomb(inflated: int) -> Action:
    """A small gzip body, its compressed length declared, that inflates to ``inflated`` bytes."""
    import gzip

    packed = gzip.compress(b"[" + b" " * (inflated - 1))

    def action(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Encoding", "gzip")
        h.send_header("Content-Length", str(len(packed)))
        h.end_headers()
        with contextlib.suppress(OSError):
            h.wfile.write(packed)

    return action


def huge_chunked(total: int) -> Action:
    """``total`` bytes with chunked encoding (no Content-Length to refuse early)."""

    def action(h: _Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b" " * (1024 * 1024)
        sent = 0
        with contextlib.suppress(OSError):
            while sent < total:
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            h.wfile.write(b"0\r\n\r\n")
        h.close_connection = True

    return action


def redirect(location: str, status: int = 302) -> Action:
    return lambda h: _send(h, status, b"", {"Location": location}, "text/plain")


def record_then_stall(h: _Handler) -> None:
    """The request was received (and recorded); the answer never comes."""
    stall(h)


@contextlib.contextmanager
def within(seconds: float = HANG_BOUND) -> Iterator[None]:
    """Assert the block ends (by returning or raising) in less than ``seconds``."""
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        assert elapsed < seconds, f"took {elapsed:.2f}s, bound {seconds}s"


def one_line(exc: BaseException) -> str:
    """The error's message, checked to be one short, clean line."""
    assert isinstance(exc, exceptions.ClientException), repr(exc)
    text = str(exc)
    shown = text[:300]
    assert text and "\n" not in text and "\r" not in text, shown
    assert len(text) < 1200, shown
    assert "Traceback" not in text and "<html" not in text.lower(), shown
    assert repr(exc).startswith(type(exc).__name__ + "("), repr(exc)[:300]
    return text


def closed_port() -> int:
    """A loopback port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- the shell ----------------------------------------------------------------------------


@dataclass
class CliResult:
    stdout: str
    stderr: str
    exit_code: int


RunNova = Callable[..., CliResult]


#: The flavor list every hostile case answers.
FLAVORS = "/v2.1/flavors/detail"
#: An nginx 502 page, as a load balancer in front of Nova sends.
LB_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
    b"</body>\r\n</html>\r\n" + b"<!-- padding -->\r\n" * 40
)
