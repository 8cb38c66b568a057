"""Loopback Keystone v3 + Nova v2.1 stub for benchmarks (stdlib only).

Serves just enough of both APIs for novaclient_lite, python-novaclient and
the ``openstack`` CLI: version discovery, password login with a service
catalog, flavors, servers (paged exactly like Nova, ``max_limit`` 1000),
server GET/DELETE/action.  It is stateless: DELETE answers 204 but the
server stays, so repeated benchmark runs see the same data.

Every request may be delayed (``latency_ms``).  ``GET /_stats`` returns the
number of requests, new TCP connections and a per-route count;
``POST /_stats/reset`` zeroes them.  Neither is counted itself.

Run ``python benchmarks/stub_server.py --port 0 --servers 50`` (it prints
its base URL), or ``start_stub(servers=..., latency_ms=...)`` in-process.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from stub_data import MAX_LIMIT, MAX_VERSION, MIN_VERSION, TOKEN, StubData, dumps, server_id

__all__ = ["server_id", "start_stub"]


class StubServer(ThreadingHTTPServer):
    """Threading HTTP/1.1 server holding the stub data and counters."""

    daemon_threads = True

    def __init__(self, addr: tuple[str, int], servers: int, latency_ms: float) -> None:
        super().__init__(addr, Handler)
        self.data = StubData(f"http://127.0.0.1:{self.server_address[1]}", servers)
        self.latency = latency_ms / 1000.0
        self.lock = threading.Lock()
        self.requests = 0
        self.connections = 0
        self.routes: Counter[str] = Counter()

    def stats(self) -> dict[str, Any]:
        with self.lock:
            return {
                "requests": self.requests,
                "connections": self.connections,
                "routes": dict(self.routes),
            }

    def reset(self) -> None:
        with self.lock:
            self.requests = self.connections = 0
            self.routes.clear()


class Handler(BaseHTTPRequestHandler):
    """Routes Keystone and Nova requests; see module docstring."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "nova-bench-stub/1.0"
    timeout = 120
    server: StubServer
    _counted = False

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing ---------------------------------------------------------
    def _count(self, route: str) -> None:
        srv = self.server
        with srv.lock:
            srv.requests += 1
            srv.routes[f"{self.command} {route}"] += 1
            if not self._counted:
                srv.connections += 1
        self._counted = True

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("X-Openstack-Request-Id", f"req-{uuid.uuid4()}")
        for key, val in (headers or {}).items():
            self.send_header(key, val)
        if status != 204:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        # Headers and body in one write: two small writes would meet Nagle +
        # delayed ACK and add ~40 ms per response, unlike a real API server.
        self._headers_buffer.append(b"\r\n" + body)  # type: ignore[attr-defined]
        self.flush_headers()

    def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, obj if isinstance(obj, bytes) else dumps(obj), headers)

    def _error(self, status: int, kind: str, msg: str) -> None:
        self._json(status, {kind: {"code": status, "message": msg}})

    def _microversion(self) -> str:
        raw = self.headers.get("OpenStack-API-Version", "")
        ver = raw.split()[-1] if raw.lower().startswith("compute") else ""
        ver = ver or self.headers.get("X-OpenStack-Nova-API-Version", "") or MIN_VERSION
        return MAX_VERSION if ver == "latest" else ver

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        query = parse_qsl(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if path.startswith("/_stats"):
            if self.command == "POST":
                self.server.reset()
            return self._json(200, self.server.stats())
        if path.startswith("/compute/v2.1/"):
            sub = path[len("/compute/v2.1") :]
            route = "/compute/v2.1" + _route_of(sub)
        else:
            sub, route = "", path
        self._count(route)
        if self.server.latency:
            time.sleep(self.server.latency)
        if sub:
            if not self.headers.get("X-Auth-Token"):
                return self._error(401, "unauthorized", "Authentication required")
            return self._compute(sub, query, body)
        return self._root(path, body)

    do_GET = do_POST = do_DELETE = do_PUT = do_HEAD = _dispatch

    # -- identity and version documents -----------------------------------
    def _root(self, path: str, body: bytes) -> None:
        data = self.server.data
        if path == "/" and self.command == "GET":
            v3 = {
                "id": "v3.14",
                "status": "stable",
                "updated": "2020-04-07T00:00:00Z",
                "links": [{"rel": "self", "href": data.base + "/v3/"}],
                "media-types": [
                    {
                        "base": "application/json",
                        "type": "application/vnd.openstack.identity-v3+json",
                    }
                ],
            }
            return self._json(300, {"versions": {"values": [v3]}})
        if path == "/v3" and self.command == "GET":
            return self._json(
                200,
                {
                    "version": {
                        "id": "v3.14",
                        "status": "stable",
                        "updated": "2020-04-07T00:00:00Z",
                        "links": [{"rel": "self", "href": data.base + "/v3/"}],
                        "media-types": [
                            {
                                "base": "application/json",
                                "type": "application/vnd.openstack.identity-v3+json",
                            }
                        ],
                    }
                },
            )
        if path == "/v3/auth/tokens" and self.command == "POST":
            try:
                json.loads(body or b"{}")["auth"]["identity"]
            except (ValueError, KeyError, TypeError):
                return self._error(400, "error", "Malformed auth request")
            return self._json(201, data.token_body(), {"X-Subject-Token": TOKEN})
        if path in ("/compute", "/compute/v2.1") and self.command == "GET":
            doc = data.version_doc()
            if path == "/compute/v2.1":
                return self._json(200, {"version": doc})
            v20 = {
                "id": "v2.0",
                "status": "SUPPORTED",
                "version": "",
                "min_version": "",
                "updated": "2011-01-21T11:33:21Z",
                "links": [{"rel": "self", "href": data.base + "/compute/v2/"}],
            }
            doc = {k: v for k, v in doc.items() if k != "media-types"}
            return self._json(200, {"versions": [v20, doc]})
        return self._error(404, "itemNotFound", f"No route for {self.command} {path}")

    # -- compute ----------------------------------------------------------
    def _compute(self, sub: str, query: list[tuple[str, str]], body: bytes) -> None:
        data, method = self.server.data, self.command
        ver = self._microversion()
        hdrs = {
            "OpenStack-API-Version": f"compute {ver}",
            "X-OpenStack-Nova-API-Version": ver,
            "Vary": "OpenStack-API-Version, X-OpenStack-Nova-API-Version",
        }
        seg = sub.strip("/").split("/")
        if seg[0] == "flavors" and method == "GET":
            if len(seg) == 1 or seg[1] == "detail":
                docs = list(data.flavors.values())
                if len(seg) == 1:
                    docs = [{k: f[k] for k in ("id", "name", "links", "description")} for f in docs]
                return self._json(200, {"flavors": docs}, hdrs)
            if len(seg) == 2 and seg[1] in data.flavors:
                return self._json(200, {"flavor": data.flavors[seg[1]]}, hdrs)
            return self._error(404, "itemNotFound", f"Flavor {seg[1]} could not be found.")
        if seg[0] != "servers":
            return self._error(404, "itemNotFound", f"No route for {method} {sub}")
        if len(seg) == 1 or (len(seg) == 2 and seg[1] == "detail"):
            if method != "GET":
                return self._error(405, "badRequest", "Method not allowed in this stub")
            return self._server_page(seg, query, hdrs)
        idx = data.index.get(seg[1])
        if idx is None:
            return self._error(404, "itemNotFound", f"Instance {seg[1]} could not be found.")
        if len(seg) == 2 and method == "GET":
            return self._json(200, b'{"server": ' + data.detail[idx] + b"}", hdrs)
        if len(seg) == 2 and method == "DELETE":
            return self._send(204, b"", hdrs)
        if len(seg) == 3 and seg[2] == "action" and method == "POST":
            return self._send(202, b"", hdrs)
        return self._error(404, "itemNotFound", f"No route for {method} {sub}")

    def _server_page(
        self, seg: list[str], query: list[tuple[str, str]], hdrs: dict[str, str]
    ) -> None:
        data = self.server.data
        params = dict(query)
        try:
            limit = min(int(params.get("limit", MAX_LIMIT)), MAX_LIMIT)
        except ValueError:
            return self._error(400, "badRequest", "limit must be an integer")
        if limit < 0:
            return self._error(400, "badRequest", "limit must be >= 0")
        start = 0
        if "marker" in params:
            if params["marker"] not in data.index:
                return self._error(400, "badRequest", f"marker [{params['marker']}] not found")
            start = data.index[params["marker"]] + 1
        docs = (data.detail if len(seg) == 2 else data.brief)[start : start + limit]
        out = b'{"servers": [' + b", ".join(docs) + b"]"
        # Nova: a next link whenever the page is full (so a last full page gets one).
        if docs and len(docs) >= limit:
            nxt = [(k, v) for k, v in query if k != "marker"]
            nxt.append(("marker", data.ids[start + len(docs) - 1]))
            href = f"{data.compute}/{'/'.join(seg)}?{urlencode(nxt)}"
            out += b', "servers_links": ' + dumps([{"rel": "next", "href": href}])
        self._json(200, out + b"}", hdrs)


def _route_of(sub: str) -> str:
    """Collapse ids in a compute path so stats group by route."""
    seg = sub.strip("/").split("/")
    if len(seg) >= 2 and seg[1] != "detail":
        seg[1] = "{id}"
    return "/" + "/".join(seg)


def start_stub(
    servers: int = 50, latency_ms: float = 0.0, port: int = 0
) -> tuple[str, Callable[[], None]]:
    """Start the stub in a daemon thread; return (base_url, shutdown)."""
    srv = StubServer(("127.0.0.1", port), servers, latency_ms)
    thread = threading.Thread(target=srv.serve_forever, name="nova-stub", daemon=True)
    thread.start()

    def shutdown() -> None:
        srv.shutdown()
        srv.server_close()
        thread.join(5)

    return srv.data.base, shutdown


def main() -> None:
    """Command line entry point: serve until interrupted."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--servers", type=int, default=50)
    ap.add_argument("--latency-ms", type=float, default=0.0)
    args = ap.parse_args()
    srv = StubServer(("127.0.0.1", args.port), args.servers, args.latency_ms)
    print(f"port {srv.server_address[1]}", flush=True)
    print(
        f"base_url {srv.data.base}  auth_url {srv.data.base}/v3  compute {srv.data.compute}",
        flush=True,
    )
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()


if __name__ == "__main__":
    main()
