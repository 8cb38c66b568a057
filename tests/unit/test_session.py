"""The one session builder: TLS options, user agent and default domains, library and shell alike."""

from __future__ import annotations

import argparse
import io
from typing import Any

import pytest
import requests_mock
from keystoneauth1.identity import v3

from novaclient_lite import Client, __version__, session
from novaclient_lite.shell import connect, options
from novaclient_lite.shell.cached_auth import CachedAuth
from novaclient_lite.shell.environment import Environment
from novaclient_lite.shell.token_cache import Entry, TokenCache
from novaclient_lite.shell.token_session import TokenSession
from tests.unit.conftest import AUTH_URL, COMPUTE_URL
from tests.unit.shell.conftest import DEFAULT_VARS


@pytest.mark.parametrize(("given", "verify"), [
    ({}, True),
    ({"cacert": "/etc/ca.pem"}, "/etc/ca.pem"),
    ({"insecure": True}, False),
    ({"insecure": True, "cacert": "/etc/ca.pem"}, False),  # --insecure wins
])
def test_verify(given: dict[str, Any], verify: bool | str) -> None:
    assert session.tls_options(**given)["verify"] == verify


@pytest.mark.parametrize(("given", "cert"), [
    ({}, None),
    ({"cert": "/c.pem"}, "/c.pem"),  # one file holding both
    ({"cert": "/c.pem", "key": "/k.pem"}, ("/c.pem", "/k.pem")),
    ({"key": "/k.pem"}, None),  # a key alone is no certificate
    ({"cert": ("/c.pem", "/k.pem")}, ("/c.pem", "/k.pem")),
])
def test_client_certificate(given: dict[str, Any], cert: Any) -> None:
    assert session.tls_options(**given)["cert"] == cert


def test_user_agent() -> None:
    assert session.user_agent() == f"novaclient-lite/{__version__}"
    assert session.user_agent("nova") == f"nova/{__version__} novaclient-lite/{__version__}"


@pytest.mark.parametrize(("given", "expected"), [
    ({"username": "u", "project_name": "p"},
     {"user_domain_id": "default", "project_domain_id": "default"}),
    ({"username": "u", "project_name": "p", "user_domain_name": "U", "project_domain_id": "d"},
     {"user_domain_name": "U", "project_domain_id": "d"}),
    ({"username": None, "project_name": None}, {}),  # ids need no domain
])
def test_default_domains(given: dict[str, Any], expected: dict[str, str]) -> None:
    empty = dict.fromkeys(("user_domain_name", "user_domain_id", "project_domain_name",
                           "project_domain_id"))
    assert session.default_domains(**given) == {**empty, **expected}


def test_library_client_sends_its_user_agent_and_tls_options(mock: requests_mock.Mocker) -> None:
    cs = Client("2", auth_token="t", endpoint_override=COMPUTE_URL, cacert="/etc/ca.pem",
                cert="/c.pem", timeout=7)
    assert (cs.session.verify, cs.session.cert, cs.session.timeout) == ("/etc/ca.pem", "/c.pem", 7)
    matcher = mock.get(COMPUTE_URL + "/flavors/detail", json={"flavors": []})
    cs.flavors.list()
    agent = matcher.last_request.headers["User-Agent"]
    assert agent.startswith(f"novaclient-lite/{__version__} keystoneauth1/"), agent


def test_library_password_login_uses_the_default_domains() -> None:
    cs = Client("2", username="u", password="p", project_name="p", auth_url=AUTH_URL)
    auth: Any = cs.session.auth
    assert (auth._user_domain_id, auth._project_domain_id) == ("default", "default")


def _args(extra: dict[str, str], argv: list[str], *, drop: tuple[str, ...] = ()
          ) -> argparse.Namespace:
    env = {k: v for k, v in {**DEFAULT_VARS, "OS_PASSWORD": "pw", **extra}.items()
           if k not in drop}
    parser = argparse.ArgumentParser(add_help=False)
    options.add_global_options(parser, env)
    return parser.parse_args(argv)


TLS_ARGV = ["--os-cacert", "/etc/ca.pem", "--os-cert", "/c.pem", "--os-key", "/k.pem",
            "--timeout", "9"]


def test_shell_session_has_the_same_tls_options_and_the_nova_agent() -> None:
    args = _args({}, TLS_ARGV)
    ks = connect.build_session(connect.build_auth(args, _env()), args, connect.Recorder())
    assert (ks.verify, ks.cert, ks.timeout) == ("/etc/ca.pem", ("/c.pem", "/k.pem"), 9.0)
    assert ks.user_agent.startswith(f"nova/{__version__} novaclient-lite/{__version__} ")


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


def test_shell_password_login_uses_the_default_domains() -> None:
    args = _args({}, [], drop=("OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME"))
    auth: Any = connect.build_auth(args, _env())
    assert isinstance(auth, v3.Password)
    method = auth.auth_methods[0]
    assert (method.user_domain_id, auth.project_domain_id) == ("default", "default")


def _env() -> Environment:
    return Environment(io.StringIO(), io.StringIO(), io.StringIO(), vars={})
