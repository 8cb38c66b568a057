"""The library's lean send path: a plain keystoneauth1 Session sends over http.client.

Same headers, re-login on 401, retries and error mapping as through
keystoneauth1; one TCP connection for many requests; anything non-plain (hooks,
proxies, a patched requests) stays on the session.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
import requests_mock
from keystoneauth1 import plugin, token_endpoint
from keystoneauth1 import session as ksa_session

from novaclient_lite import Client, api_versions, exceptions, fast_session
from novaclient_lite.http import RetryPolicy
from tests.unit.test_fast_session import Server, server  # noqa: F401 - the fixture

SID = "be7c0000-0000-4000-8000-000000000000"


class SwitchingAuth(plugin.BaseAuthPlugin):
    """A token that is replaced when invalidated (as a real login would)."""

    def __init__(self, endpoint: str) -> None:
        super().__init__()
        self.endpoint = endpoint
        self.token = "tok-1"
        self.invalidations = 0

    def get_token(self, session: Any, **kwargs: Any) -> str:
        return self.token

    def get_endpoint(self, session: Any, **kwargs: Any) -> str:
        return self.endpoint

    def invalidate(self) -> bool:
        self.invalidations += 1
        self.token = f"tok-{self.invalidations + 1}"
        return True


def make(srv: Server, auth: Any = None, **kwargs: Any) -> Any:
    endpoint = srv.url + "/v2.1"
    sess = ksa_session.Session(auth=auth or token_endpoint.Token(endpoint, "tok-1"),
                               **kwargs)
    srv.default = (200, {}, b'{"server": {"id": "%s", "name": "s"}}' % SID.encode())
    cs = Client("2.60", session=sess, endpoint_override=endpoint,
                retry=RetryPolicy(retries=2, backoff=0))
    parse = api_versions.APIVersion.parse
    cs.api._server_versions = api_versions.ServerVersions(parse("2.1"), parse("2.104"))
    return cs


def test_plain_session_uses_the_lean_sender_on_one_connection(server):  # noqa: F811
    cs = make(server)
    for _ in range(5):
        assert cs.servers.get(SID).name == "s"
    assert isinstance(cs.api.sender, fast_session.KeystoneSender)
    assert server.connections == 1
    headers = {k.lower(): v for k, v in server.requests[-1]["headers"].items()}
    assert headers["x-auth-token"] == "tok-1"
    assert headers["openstack-api-version"] == "compute 2.60"
    assert headers["accept"] == "application/json"
    assert headers["user-agent"].startswith("novaclient_lite")
    assert server.requests[-1]["path"] == f"/v2.1/servers/{SID}"


def test_401_invalidates_and_resends_once(server):  # noqa: F811
    auth = SwitchingAuth(server.url + "/v2.1")
    cs = make(server, auth=auth)
    server.reply(401, {"error": {"message": "expired"}})
    assert cs.servers.get(SID).id == SID
    assert [r["headers"]["X-Auth-Token"] for r in server.requests] == ["tok-1", "tok-2"]
    server.reply(401, {})
    server.reply(401, {})
    with pytest.raises(exceptions.Unauthorized):
        cs.servers.get(SID)
    assert auth.invalidations == 2


def test_retries_and_error_mapping(server):  # noqa: F811
    cs = make(server)
    server.reply(503, {"e": 1})
    assert cs.servers.get(SID).id == SID
    assert len(server.requests) == 2
    server.reply(404, {"itemNotFound": {"code": 404, "message": "Instance nope not found"}},
                 **{"X-Compute-Request-Id": "req-7"})
    with pytest.raises(exceptions.NotFound) as info:
        cs.servers.get("nope")
    assert info.value.request_id == "req-7" and "Instance nope not found" in str(info.value)


def test_tls_settings_come_from_the_session(server):  # noqa: F811
    cs = make(server, verify=False, cert=("c.pem", "k.pem"), timeout=7)
    sender = cs.api.sender
    assert isinstance(sender, fast_session.KeystoneSender)
    assert sender.transport.verify is False
    assert sender.transport.cert == ("c.pem", "k.pem")
    assert sender.transport.timeout == 7


def _plain() -> ksa_session.Session:
    return ksa_session.Session(auth=token_endpoint.Token("http://c.test", "t"),
                               session=requests.Session())


def test_plain_detection():
    assert fast_session.lean_sender(_plain()) is not None
    assert fast_session.lean_sender(ksa_session.Session()) is not None  # keep-alive adapters
    assert fast_session.lean_sender(object()) is None


@pytest.mark.parametrize("change", [
    lambda s: s.session.hooks["response"].append(lambda r, **k: r),
    lambda s: s.session.proxies.update({"https": "http://proxy:3128"}),
    lambda s: setattr(s.session, "auth", ("u", "p")),
    lambda s: s.session.mount("https://special.test", requests.adapters.HTTPAdapter()),
    lambda s: s.session.mount("https://", requests.adapters.HTTPAdapter(max_retries=3)),
])
def test_anything_non_plain_stays_on_the_session(change):
    sess = _plain()
    change(sess)
    assert fast_session.lean_sender(sess) is None


def test_proxy_environment_stays_on_the_session(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    assert fast_session.lean_sender(_plain()) is None


def test_mocked_requests_stays_on_the_session():
    with requests_mock.Mocker() as m:
        m.get("http://c.test/servers/x", json={"server": {"id": "x"}})
        assert fast_session.lean_sender(_plain()) is None
        cs = Client("2", session=_plain(), endpoint_override="http://c.test")
        assert cs.servers.get("x").id == "x"
        assert cs.api.sender is cs.session
