"""The lean http.client transport and TokenSession, against a real loopback server.

HTTPClient over a TokenSession must behave as over keystoneauth1: the same
headers, retries, error mapping and re-login on 401, on one keep-alive
connection.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from novaclient_lite import api_versions, exceptions, fast_session, lean_login
from novaclient_lite.http import HTTPClient, RetryPolicy

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
                outer.requests.append({"method": self.command, "path": self.path,
                                       "headers": dict(self.headers), "body": body})
                status, headers, payload = (outer.replies.pop(0) if outer.replies
                                            else outer.default)
                if outer.valid_token and self.headers.get("X-Auth-Token") != outer.valid_token:
                    status, headers, payload = 401, {}, b"{}"
                self.send_response(status)
                headers = {"Content-Type": "application/json", **headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,),
                                       daemon=True)
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
    api = HTTPClient(session, version_request=api_versions.VersionRequest.parse("2.60"),
                     sleep=lambda s: None, **kwargs)
    parse = api_versions.APIVersion.parse
    api._server_versions = api_versions.ServerVersions(parse("2.1"), parse("2.104"))
    return api


def token_session(server: Server, **kwargs: Any) -> fast_session.TokenSession:
    return fast_session.TokenSession(fast_session.Transport(timeout=5), "tok-1",
                                     server.url + "/v2.1", **kwargs)


def test_headers_params_and_one_connection(server):
    api = client(token_session(server))
    for _ in range(3):
        response = api.get("/servers", params={"name": "a b", "limit": 5, "skip": None,
                                               "tag": ["x", "y"]})
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
    response = client(token_session(server)).post("/servers", json={"server": {"name": "n"}})
    assert response.status == 202 and response.request_id == "req-1"
    assert response.headers["x-compute-request-id"] == "req-1"
    assert json.loads(server.requests[0]["body"]) == {"server": {"name": "n"}}
    assert server.requests[0]["headers"]["Content-Type"] == "application/json"


def test_error_mapping(server):
    server.reply(404, {"itemNotFound": {"code": 404, "message": "Server x not found"}},
                 **{"X-Compute-Request-Id": "req-9"})
    with pytest.raises(exceptions.NotFound) as info:
        client(token_session(server)).get("/servers/x")
    assert "Server x not found" in str(info.value)
    assert info.value.request_id == "req-9"


def test_get_retried_on_503_post_not(server):
    server.reply(503, {"e": 1})
    assert client(token_session(server)).get("/x").body == {"ok": True}
    assert len(server.requests) == 2
    server.requests.clear()
    server.reply(503, {"e": 1})
    with pytest.raises(exceptions.HTTPException) as info:
        client(token_session(server)).post("/x", json={})
    assert info.value.code == 503 and len(server.requests) == 1


def test_401_logs_in_once_and_resends_once(server):
    grants = []

    def reauth() -> fast_session.Grant:
        grants.append(1)
        return fast_session.Grant("tok-2", None, None)

    server.reply(401, {"error": {"message": "expired"}})
    api = client(token_session(server, reauth=reauth))
    assert api.get("/x").body == {"ok": True}
    assert [r["headers"]["X-Auth-Token"] for r in server.requests] == ["tok-1", "tok-2"]
    assert grants == [1]
    server.reply(401, {})
    server.reply(401, {})
    with pytest.raises(exceptions.Unauthorized):
        api.get("/x")
    assert grants == [1, 1]  # once per request


def test_token_about_to_expire_is_renewed_first(server):
    import time

    session = token_session(server, expires_at=time.time() + 5,
                            reauth=lambda: fast_session.Grant("tok-new", time.time() + 3600))
    client(session).get("/x")
    assert server.requests[0]["headers"]["X-Auth-Token"] == "tok-new"


def test_lazy_login_gives_endpoint_and_project():
    calls = []

    def reauth() -> fast_session.Grant:
        calls.append(1)
        return fast_session.Grant("t", None, "http://c.test/v2.1", project_id="p", user_id="u")

    session = fast_session.TokenSession(fast_session.Transport(), None, None, reauth=reauth)
    assert session.get_endpoint() == "http://c.test/v2.1"
    assert session.get_project_id() == "p" and session.get_user_id() == "u"
    assert calls == [1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_connection_error_and_post_is_retried():
    port = _free_port()
    session = fast_session.TokenSession(fast_session.Transport(timeout=2), "t",
                                        f"http://127.0.0.1:{port}/v2.1")
    api = client(session)
    with pytest.raises(exceptions.ConnectionError) as info:
        api.post("/servers", json={})
    assert "Unable to reach" in str(info.value)


def test_read_timeout_is_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts (in the backlog) but never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/v2.1"
        session = fast_session.TokenSession(fast_session.Transport(timeout=0.2), "t", url)
        with pytest.raises(exceptions.Timeout):
            client(session, retry=RetryPolicy(retries=0), timeout=0.2).get("/x")
    finally:
        listener.close()


def test_server_closing_keepalive_connection_reconnects(server):
    api = client(token_session(server))
    server.reply(200, {"a": 1}, Connection="close")
    assert api.get("/x").body == {"a": 1}
    assert api.get("/x").body == {"ok": True}
    assert server.connections == 2


def test_password_login_builds_keystoneauth_body_and_reads_catalog(server):
    catalog = [{"type": "compute", "name": "nova", "endpoints": [
        {"interface": "internal", "region_id": "R1", "url": "http://internal/v2.1"},
        {"interface": "public", "region_id": "R2", "url": "http://r2/v2.1"},
        {"interface": "public", "region_id": "R1", "url": "http://r1/v2.1"}]}]
    server.reply(201, {"token": {"expires_at": "2030-01-01T00:00:00.000000Z",
                                 "catalog": catalog, "project": {"id": "p1"},
                                 "user": {"id": "u1"}}}, **{"X-Subject-Token": "tok-x"})
    body = lean_login.password_body(password="pw", username="u", user_domain_name="D",
                                      project_name="p", project_domain_id="default")
    login = lean_login.password_login(fast_session.Transport(), server.url + "/v3", body)
    assert login.token == "tok-x" and login.project_id == "p1" and login.user_id == "u1"
    assert login.expires_at == 1893456000.0
    assert login.endpoint_for("compute", "publicURL", "R1") == "http://r1/v2.1"
    assert login.endpoint_for("compute", "internal") == "http://internal/v2.1"
    assert login.endpoint_for("compute", "public", "R3") is None
    assert login.endpoint_for("compute", "public", service_name="other") is None
    sent = server.requests[0]
    assert sent["path"] == "/v3/auth/tokens"
    assert json.loads(sent["body"]) == {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "password": "pw", "name": "u", "domain": {"name": "D"}}}},
        "scope": {"project": {"name": "p", "domain": {"id": "default"}}}}}


def test_password_login_refused(server):
    server.reply(401, {"error": {"code": 401, "message": "The request you have made requires "
                                 "authentication."}})
    with pytest.raises(exceptions.Unauthorized):
        lean_login.password_login(fast_session.Transport(), server.url + "/v3",
                                    lean_login.password_body(password="pw", user_id="u"))


def test_password_body_ids():
    body = lean_login.password_body(password="pw", user_id="u", user_domain_name="ignored",
                                      project_id="p", project_name="ignored")
    assert body["auth"]["identity"]["password"]["user"] == {"password": "pw", "id": "u"}
    assert body["auth"]["scope"] == {"project": {"id": "p"}}


def test_tls_context_options(monkeypatch, tmp_path):
    import ssl

    insecure = fast_session.Transport(verify=False)._context()
    assert insecure.verify_mode == ssl.CERT_NONE and not insecure.check_hostname
    loaded = []
    monkeypatch.setattr(ssl.SSLContext, "load_cert_chain",
                        lambda self, c, k=None: loaded.append((c, k)))
    secure = fast_session.Transport(verify=True, cert=("c.pem", "k.pem"))._context()
    assert secure.verify_mode == ssl.CERT_REQUIRED and secure.check_hostname
    assert loaded == [("c.pem", "k.pem")]
    with pytest.raises((OSError, ssl.SSLError)):
        fast_session.Transport(verify=str(tmp_path / "missing.pem"))._context()


def test_proxy_configured():
    assert fast_session.proxy_configured({"HTTPS_PROXY": "http://p:3128"})
    assert fast_session.proxy_configured({"http_proxy": "http://p:3128"})
    assert not fast_session.proxy_configured({"no_proxy": "*"})


def test_headers_case_insensitive():
    headers = fast_session.Headers([("X-A", "1"), ("x-a", "2"), ("B", "3")])
    assert headers["x-A"] == "1, 2" and headers.get("b") == "3" and "X-a" in headers
    assert dict(headers) == {"X-A": "1, 2", "B": "3"}


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is not installed")
    where = tmp_path_factory.mktemp("tls")
    cert, key = str(where / "cert.pem"), str(where / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_server(server: Server, tls_files: tuple[str, str]) -> Server:
    import ssl

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*tls_files)
    server.httpd.socket = ctx.wrap_socket(server.httpd.socket, server_side=True)
    server.url = server.url.replace("http://", "https://")
    return server


@pytest.mark.parametrize("verify", ["insecure", "cacert"])
def test_tls_insecure_and_cacert(tls_server, tls_files, verify):
    transport = fast_session.Transport(verify=False if verify == "insecure" else tls_files[0],
                                       timeout=5)
    session = fast_session.TokenSession(transport, "t", tls_server.url + "/v2.1")
    assert client(session).get("/x").body == {"ok": True}
    assert client(session).get("/x").body == {"ok": True}


def test_tls_unverifiable_certificate_is_a_connection_error(tls_server):
    session = fast_session.TokenSession(fast_session.Transport(timeout=5), "t",
                                        tls_server.url + "/v2.1")
    with pytest.raises(exceptions.ConnectionError) as info:
        client(session, retry=RetryPolicy(retries=0)).get("/x")
    assert "TLS error" in str(info.value)


def test_threads_share_a_bounded_pool_of_connections(server):
    from concurrent.futures import ThreadPoolExecutor

    api = client(token_session(server))
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(5):
            assert all(r.body == {"ok": True} for r in pool.map(lambda _: api.get("/x"),
                                                                 range(20)))
    assert len(server.requests) == 100
    assert server.connections <= 8  # a few per worker at most, never one per request


def test_closing_a_response_twice_returns_its_connection_once(server):
    transport = fast_session.Transport(timeout=5)
    response = transport.request("GET", server.url + "/x")
    assert response.content == b'{"ok": true}'
    response.close()
    response.close()
    assert len(transport._idle[("http", "127.0.0.1", int(server.url.rsplit(":", 1)[1]))]) == 1


def test_concurrent_401s_log_in_once(server):
    from concurrent.futures import ThreadPoolExecutor

    grants = []

    def reauth() -> fast_session.Grant:
        grants.append(1)
        return fast_session.Grant("tok-2", None, None)

    server.valid_token = "tok-2"
    api = client(token_session(server, reauth=reauth))
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda _: api.get("/x"), range(8)))
    assert grants == [1]
