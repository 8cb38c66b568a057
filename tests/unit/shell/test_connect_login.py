"""Which keystoneauth1 plugin the shell logs in with (no discovery on a /v3 URL), and the
TLS options, user agent and default domains of its sessions (novaclient_lite.session)."""

from __future__ import annotations

import argparse
import io
from typing import Any

import pytest
import requests_mock
from keystoneauth1.identity import generic, v3

from novaclient_lite import __version__, session
from novaclient_lite.requests_session import ProxyEnvironmentOnce
from novaclient_lite.shell import connect, options
from novaclient_lite.shell.cached_auth import CachedAuth
from novaclient_lite.shell.connect import build_auth
from novaclient_lite.shell.environment import Environment
from novaclient_lite.shell.token_cache import Entry, TokenCache
from novaclient_lite.shell.token_session import TokenSession
from tests.unit.shell.support import DEFAULT_VARS
from tests.unit.support import AUTH_URL, COMPUTE_URL
from tests.unit.test_session import login_scope


def parse(env: dict[str, str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    options.add_global_options(parser, env)
    return parser.parse_args([])


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://identity.test/v3", v3.Password),
        ("http://identity.test/v3/", v3.Password),
        ("http://identity.test", generic.Password),
        ("http://identity.test/identity", generic.Password),
    ],
)
def test_password_plugin_by_auth_url(url, kind):
    env = {**DEFAULT_VARS, "OS_PASSWORD": "pw", "OS_AUTH_URL": url}
    streams = (io.StringIO(), io.StringIO(), io.StringIO())
    auth = build_auth(parse(env), Environment(*streams, vars=env))
    assert type(auth) is kind


def test_v3_login_sends_no_discovery_request(mock, run_cli):
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    assert run_cli("flavor-list").exit_code == 0
    sent = [(r.method, r.url.rstrip("/")) for r in mock.request_history]
    assert sent[0] == ("POST", AUTH_URL + "/auth/tokens")
    assert ("GET", AUTH_URL) not in sent


def _args(
    extra: dict[str, str], argv: list[str], *, drop: tuple[str, ...] = ()
) -> argparse.Namespace:
    env = {k: v for k, v in {**DEFAULT_VARS, "OS_PASSWORD": "pw", **extra}.items() if k not in drop}
    parser = argparse.ArgumentParser(add_help=False)
    options.add_global_options(parser, env)
    return parser.parse_args(argv)


TLS_ARGV = [
    "--os-cacert",
    "/etc/ca.pem",
    "--os-cert",
    "/c.pem",
    "--os-key",
    "/k.pem",
    "--timeout",
    "9",
]


def test_shell_session_has_the_same_tls_options_and_the_nova_agent() -> None:
    args = _args({}, TLS_ARGV)
    ks = connect.build_session(connect.build_auth(args, _env()), args, connect.Recorder())
    assert (ks.verify, ks.cert, ks.timeout) == ("/etc/ca.pem", ("/c.pem", "/k.pem"), 9.0)
    assert ks.user_agent.startswith(f"nova/{__version__} novaclient-lite/{__version__} ")
    # the proxy environment is read once per host (tests/unit/test_requests_session.py)
    assert isinstance(ks.session, ProxyEnvironmentOnce)


def test_warm_token_cache_session_has_the_same_tls_options(tmp_path: Any) -> None:
    args = _args({}, [*TLS_ARGV, "--insecure"])
    cache = TokenCache(str(tmp_path), "k")
    assert cache.save(Entry("tok", 4102444800.0, COMPUTE_URL))
    cached = CachedAuth(args, _env(), connect.Recorder(), {}, cache)
    warm = cached.session()
    assert isinstance(warm, TokenSession)
    assert (warm.transport.verify, warm.transport.cert) == (False, ("/c.pem", "/k.pem"))
    assert warm.timeout == 9.0
    assert warm.user_agent == session.user_agent("nova")
    assert isinstance(warm.transport.session, ProxyEnvironmentOnce)


def test_shell_password_login_uses_the_default_domains(
    mock: requests_mock.Mocker, run_cli: Any
) -> None:
    mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    env = {
        k: v
        for k, v in DEFAULT_VARS.items()
        if k not in ("OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME")
    }
    result = run_cli("flavor-list", env_vars=env)
    assert result.exit_code == 0, result.stderr
    assert login_scope(mock) == ({"id": "default"}, {"id": "default"})


def _env() -> Environment:
    return Environment(io.StringIO(), io.StringIO(), io.StringIO(), vars={})
