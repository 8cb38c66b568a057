"""TokenSession (the shell's warm --os-cache path) against a real loopback server.

HTTPClient over a TokenSession must behave as over keystoneauth1: the same
headers, retries, error mapping and one re-login on a 401, over requests
(keep-alive, TLS verification and --insecure/--os-cacert as for every command).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from novaclient_lite import api_versions, exceptions
from novaclient_lite.http import HTTPClient, RetryPolicy
from novaclient_lite.shell.token_cache import Entry
from novaclient_lite.shell.token_session import RequestsTransport, TokenSession

Handler = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class Server:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.connections = 0
        self.replies: list[tuple[int, dict[str, str], bytes]] = []
        self.default: tuple[int, dict[str, str], bytes] = (200, {}, b'{"ok": true}')
        self.valid_token: str | None = None  # when set, any other token gets a 401
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                outer.connections += 1

            def log_message(self, *args: Any) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": body,
                    }
                )
                status, headers, payload = outer.replies.pop(0) if outer.replies else outer.default
                if outer.valid_token and self.headers.get("X-Auth-Token") != outer.valid_token:
                    status, headers, payload = 401, {}, b"{}"
                self.send_response(status)
                headers = {"Content-Type": "application/json", **headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    def reply(self, status: int, body: Any = None, **headers: str) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.replies.append((status, headers, payload))


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def client(session: Any, **kwargs: Any) -> HTTPClient:
    kwargs.setdefault("retry", RetryPolicy(retries=2, backoff=0))
    api = HTTPClient(
        session,
        version_request=api_versions.VersionRequest.parse("2.60"),
        sleep=lambda s: None,
        **kwargs,
    )
    parse = api_versions.APIVersion.parse
    api.server_versions = api_versions.ServerVersions(parse("2.1"), parse("2.104"))
    return api


def transport(**kwargs: Any) -> RequestsTransport:
    kwargs.setdefault("timeout", 5)
    return RequestsTransport(requests.Session(), **kwargs)


def token_session(url: str, expires_at: float | None = None, **kwargs: Any) -> TokenSession:
    return TokenSession(
        kwargs.pop("transport", None) or transport(),
        Entry("tok-1", expires_at, url + "/v2.1"),
        **kwargs,
    )


def test_headers_params_and_one_connection(server):
    api = client(token_session(server.url))
    for _ in range(3):
        response = api.get(
            "/servers", params={"name": "a b", "limit": 5, "skip": None, "tag": ["x", "y"]}
        )
        assert response.body == {"ok": True}
    assert server.connections == 1
    sent = server.requests[0]
    assert sent["path"] == "/v2.1/servers?name=a+b&limit=5&tag=x&tag=y"
    headers = {k.lower(): v for k, v in sent["headers"].items()}
    assert headers["x-auth-token"] == "tok-1"
    assert headers["openstack-api-version"] == "compute 2.60"
    assert headers["x-openstack-nova-api-version"] == "2.60"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("nova/")


def test_json_body_and_response_headers(server):
    server.reply(202, {"server": {"id": "s1"}}, **{"X-Compute-Request-Id": "req-1"})
    response = client(token_session(server.url)).post("/servers", json={"server": {"name": "n"}})
    assert response.status == 202 and response.request_id == "req-1"
    assert response.headers["x-compute-request-id"] == "req-1"
    assert json.loads(server.requests[0]["body"]) == {"server": {"name": "n"}}
    assert server.requests[0]["headers"]["Content-Type"] == "application/json"


def test_error_mapping(server):
    server.reply(
        404,
        {"itemNotFound": {"code": 404, "message": "Server x not found"}},
        **{"X-Compute-Request-Id": "req-9"},
    )
    with pytest.raises(exceptions.NotFound) as info:
        client(token_session(server.url)).get("/servers/x")
    assert "Server x not found" in str(info.value)
    assert info.value.request_id == "req-9"


def test_get_retried_on_503_post_not(server):
    server.reply(503, {"e": 1})
    assert client(token_session(server.url)).get("/x").body == {"ok": True}
    assert len(server.requests) == 2
    server.requests.clear()
    server.reply(503, {"e": 1})
    with pytest.raises(exceptions.HTTPException) as info:
        client(token_session(server.url)).post("/x", json={})
    assert info.value.code == 503 and len(server.requests) == 1


def test_401_logs_in_once_and_resends_once(server):
    grants = []

    def reauth() -> Entry:
        grants.append(1)
        return Entry("tok-2", None, None)

    server.reply(401, {"error": {"message": "expired"}})
    api = client(token_session(server.url, reauth=reauth))
    assert api.get("/x").body == {"ok": True}
    assert [r["headers"]["X-Auth-Token"] for r in server.requests] == ["tok-1", "tok-2"]
    assert grants == [1]
    server.reply(401, {})
    server.reply(401, {})
    with pytest.raises(exceptions.Unauthorized):
        api.get("/x")
    assert grants == [1, 1]  # once per request


def test_401_without_a_way_to_log_in_is_unauthorized(server):
    server.reply(401, {"error": {"code": 401, "message": "expired"}})
    with pytest.raises(exceptions.Unauthorized):
        client(token_session(server.url)).get("/x")
    assert len(server.requests) == 1


def test_token_about_to_expire_is_renewed_first(server):
    session = token_session(
        server.url, expires_at=time.time() + 5, reauth=lambda: Entry("tok-new", time.time() + 3600)
    )
    client(session).get("/x")
    assert server.requests[0]["headers"]["X-Auth-Token"] == "tok-new"


def test_relogin_can_move_the_endpoint_and_scope():
    session = TokenSession(
        transport(),
        Entry("t", 0, "http://old.test/v2.1"),
        reauth=lambda: Entry("t2", None, "http://new.test/v2.1", "p", "u"),
    )
    session._relogin("t")
    assert session.get_endpoint() == "http://new.test/v2.1"
    assert (session.get_token(), session.get_project_id(), session.get_user_id()) == (
        "t2",
        "p",
        "u",
    )


def test_every_response_is_recorded(server):
    seen: list[tuple[str, str, int]] = []
    api = client(token_session(server.url, on_response=lambda m, u, s, t: seen.append((m, u, s))))
    api.get("/x")
    assert seen == [("GET", server.url + "/v2.1/x", 200)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_connection_error():
    api = client(token_session(f"http://127.0.0.1:{_free_port()}"))
    with pytest.raises(exceptions.ConnectionError) as info:
        api.post("/servers", json={})
    assert "Unable to reach" in str(info.value)


def test_read_timeout_is_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts (in the backlog) but never answers
    try:
        session = token_session(
            f"http://127.0.0.1:{listener.getsockname()[1]}", transport=transport(timeout=0.2)
        )
        with pytest.raises(exceptions.Timeout):
            client(session, retry=RetryPolicy(retries=0), timeout=0.2).get("/x")
    finally:
        listener.close()


def test_server_closing_keepalive_connection_reconnects(server):
    api = client(token_session(server.url))
    server.reply(200, {"a": 1}, Connection="close")
    assert api.get("/x").body == {"a": 1}
    assert api.get("/x").body == {"ok": True}
    assert server.connections == 2


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    where = tmp_path_factory.mktemp("tls")
    cert, key = str(where / "cert.pem"), str(where / "key.pem")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key,
            "-out",
            cert,
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(server: Server, tls_files: tuple[str, str]) -> Server:
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*tls_files)
    server.httpd.socket = ctx.wrap_socket(server.httpd.socket, server_side=True)
    server.url = server.url.replace("http://", "https://")
    return server


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
@pytest.mark.parametrize("verify", ["insecure", "cacert"])
def test_tls_insecure_and_cacert(tls_server, tls_files, verify):
    chosen = transport(verify=False if verify == "insecure" else tls_files[0])
    session = token_session(tls_server.url, transport=chosen)
    assert client(session).get("/x").body == {"ok": True}
    assert client(session).get("/x").body == {"ok": True}


def test_tls_unverifiable_certificate_is_a_connection_error(tls_server):
    with pytest.raises(exceptions.ConnectionError) as info:
        client(token_session(tls_server.url), retry=RetryPolicy(retries=0)).get("/x")
    assert "TLS error" in str(info.value)


def test_concurrent_401s_log_in_once(server):
    from concurrent.futures import ThreadPoolExecutor

    grants = []

    def reauth() -> Entry:
        grants.append(1)
        return Entry("tok-2", None, None)

    server.valid_token = "tok-2"
    api = client(token_session(server.url, reauth=reauth))
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: api.get("/x"), range(8)))
    assert grants == [1]
